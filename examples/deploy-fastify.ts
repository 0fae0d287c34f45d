/**
 * Recipe: the receiver inside an existing Fastify app, under `/optin` (so the form's endpoint is
 * `https://shop.example/optin/consents`). The app keeps its own routes, body parsers and hooks.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { type ConsentStore, createConsentHandler, nodeListener } from 'optin-elements/server';

export function createShopApp(store: ConsentStore): FastifyInstance {
  const app = Fastify();
  const receiveConsents = nodeListener(
    createConsentHandler({ store, basePath: '/optin', allowedOrigins: ['https://shop.example'] }),
    // Behind a load balancer, name it here so rate limits see each client: { trustProxy: 1 }.
  );
  // In a plugin of its own: its body parsers change nothing in the rest of the app.
  void app.register(async (optin) => {
    // The receiver reads (and size-limits) the raw body itself, so Fastify must leave it unread.
    optin.removeAllContentTypeParsers();
    optin.addContentTypeParser('*', (_request, _body, done) => done(null));
    optin.all('/optin/*', (request, reply) => {
      // The Node request and response go to the receiver as they are (request.raw.url keeps the full path).
      reply.hijack();
      receiveConsents(request.raw, reply.raw);
    });
  });

  // The shop's own routes, untouched (Fastify's JSON parser still serves them).
  app.get('/api/health', async () => ({ ok: true }));
  app.post('/api/echo', async (request) => ({ received: request.body }));
  return app;
}
