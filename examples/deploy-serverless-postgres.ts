/**
 * Recipe: the Web-standard handler as a serverless route (Vercel / Netlify functions, a Next.js
 * route handler, any runtime with `Request`/`Response` and TCP to PostgreSQL), with the shared
 * ledger in PostgreSQL. Every instance the platform starts shares the one database: one chain,
 * one receiver key (so one JWKS), each record stored once.
 *
 *   OPTIN_DB=postgres://optin:secret@db.example:5432/consents
 *   OPTIN_ORIGINS=https://shop.example
 *
 * Install `pg` with the package (it is an optional dependency); SQLite's native driver is not
 * needed and never loaded here.
 */
import { type ConsentHandler, createConsentHandler, PostgresConsentStore } from 'optin-elements/server';

let handler: Promise<ConsentHandler> | undefined;

/** Opened once per instance (cold start), then reused by every request that instance serves. */
function consentHandler(): Promise<ConsentHandler> {
  handler ??= (async () => {
    const url = process.env.OPTIN_DB;
    if (!url) throw new Error('set OPTIN_DB to the PostgreSQL URL of the consent ledger');
    // Few connections per instance: a platform may run many instances against one server.
    const store = await PostgresConsentStore.open(url, { maxConnections: 3 });
    return createConsentHandler({ store, allowedOrigins: (process.env.OPTIN_ORIGINS ?? '').split(',').filter(Boolean) });
  })();
  // A failed cold start (database unreachable) is retried by the next request instead of cached.
  handler.catch(() => (handler = undefined));
  return handler;
}

/** The route: `POST /consents`, `GET /consents/nonce`, `GET /.well-known/jwks.json`. */
export default {
  async fetch(request: Request): Promise<Response> {
    try {
      return await (
        await consentHandler()
      )(request);
    } catch (error) {
      console.error('[optin] the consent ledger is unavailable', error);
      // 503 tells the form's outbox to keep the record and send it again later.
      return Response.json(
        { error: { code: 'unavailable', message: 'the consent ledger is unavailable, try again' } },
        { status: 503, headers: { 'Retry-After': '5' } },
      );
    }
  },
};
