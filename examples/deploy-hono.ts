/**
 * Recipe: the receiver inside a Hono app, under `/optin`. Hono speaks `Request`/`Response`, so the
 * Web-standard handler mounts as it is; the same app runs on Node (below), Bun, Deno or workers.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { type ConsentStore, createConsentHandler } from 'optin-elements/server';

export function createShopApp(store: ConsentStore): Hono {
  const app = new Hono();
  const handler = createConsentHandler({ store, basePath: '/optin', allowedOrigins: ['https://shop.example'] });
  // The client address feeds the per-client rate limit; on Node it comes from the socket.
  app.all('/optin/*', (c) => handler(c.req.raw, { clientAddress: getConnInfo(c).remote.address }));
  app.get('/api/health', (c) => c.json({ ok: true }));
  return app;
}

/** On Node: `serve` from @hono/node-server. */
export function listen(app: Hono, port: number, onListening: (port: number) => void) {
  return serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => onListening(info.port));
}
