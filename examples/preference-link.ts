import { issuePreferenceToken, loadReceiverKey, SqliteConsentStore } from 'optin-elements/server';

const store = new SqliteConsentStore('consents.db');
const token = await issuePreferenceToken(await loadReceiverKey(store), { phone: '+4915123456789' }, { ttlSeconds: 14 * 86400 });
export const link = `https://blumen.example/preferences#token=${token}`;
