/**
 * Recipe: the receiver inside an existing Express app, under `/optin` (so the form's endpoint is
 * `https://shop.example/optin/consents`). The app keeps its own routes and middleware.
 */
import express from 'express';
import { auditExportThreads, type ConsentStore, createConsentHandler, nodeListener } from 'optin-elements/server';

/** `adminToken` turns on the admin routes (audit exports, may-send, erasure) under `/optin`. */
export function createShopApp(store: ConsentStore, options: { adminToken?: string } = {}): express.Express {
  const app = express();
  const receiveConsents = nodeListener(
    createConsentHandler({
      store,
      basePath: '/optin',
      allowedOrigins: ['https://shop.example'],
      adminToken: options.adminToken,
      // Whole-ledger exports on worker threads, as `optin-elements serve` runs them: without this they
      // run in this thread page by page, and posts wait behind each page.
      auditExports: auditExportThreads(),
    }),
  );
  // Before any body parser: the receiver reads (and size-limits) the raw body itself.
  // A regular expression, not app.use('/optin'): the handler needs the full path, which a mount would strip.
  app.all(/^\/optin(\/|$)/, receiveConsents);

  // The shop's own routes, untouched.
  app.use(express.json());
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}
