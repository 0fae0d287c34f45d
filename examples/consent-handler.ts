import { createConsentHandler, SqliteConsentStore, verifyConsentRecord } from 'optin-elements/server';

export const handler = createConsentHandler({
  store: new SqliteConsentStore('consents.db'),
  allowedOrigins: ['https://shop.example'],
});
// handler(request: Request) => Promise<Response>; e.g. Bun.serve({ fetch: handler })

export async function check(recordFromAnywhere: unknown) {
  const result = await verifyConsentRecord(recordFromAnywhere);
  if (!result.ok) console.log(result.errors); // [{ code, path, message }]
  return result;
}
