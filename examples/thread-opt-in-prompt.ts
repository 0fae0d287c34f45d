import { issueThreadOptInPrompt, openConsentStore } from 'optin-elements/server';

// The receiver's ledger: a "yes" to the prompt is checked against what is kept there.
const store = await openConsentStore('consents.db');

// In an open conversation: ask before sending anything the person did not ask for.
const { prompt, issued } = await issueThreadOptInPrompt(store, {
  recipient: { phone: '+4915123456789' },
  businessName: 'Blumen Berlin',
  categories: 'offers,order-updates',
  locale: 'de',
});

// Then send prompt.message as the body of POST https://graph.facebook.com/<VERSION>/<PHONE_NUMBER_ID>/messages.
console.log(JSON.stringify(prompt.message, null, 2), issued.id, issued.issuedAt);
await store.close();
