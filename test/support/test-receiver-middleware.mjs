// @ts-check
/**
 * A real receiver for the browser component tests, on the test server's own origin at
 * /receiver/… (so no CORS set-up): the Web-standard handler from src/server with a real SQLite
 * file in a temporary folder, removed when the run ends. Tests reach it with plain fetch:
 * POST /receiver/consents, GET /receiver/preferences, POST /receiver/webhooks/whatsapp (signed with
 * the app secret below), and with the admin token POST /receiver/preference-tokens and GET /receiver/audit/subject.
 * The same receiver answers at /receiver/lane/<key>/…, where a test counts what arrived and can hold
 * requests or make the receiver unavailable (receiver-lanes.mjs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { receiverLanes } from './receiver-lanes.mjs';

/** Known to the tests too: test/support/test-receiver.ts. Test-only secrets. */
export const TEST_RECEIVER_ADMIN_TOKEN = 'component-tests-admin-token-0123456789abcdef';
export const TEST_RECEIVER_WHATSAPP_APP_SECRET = 'component-tests-app-secret';

export async function testReceiverMiddleware() {
  const { createConsentHandler } = await tsImport('../../src/server/consent-handler.ts', import.meta.url);
  const { SqliteConsentStore } = await tsImport('../../src/server/sqlite-consent-store.ts', import.meta.url);
  const { nodeListener } = await tsImport('../../src/server/node-server.ts', import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'optin-wtr-receiver-'));
  const store = new SqliteConsentStore(join(dir, 'consents.db'));
  process.once('exit', () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const listener = nodeListener(
    createConsentHandler({
      store,
      basePath: '/receiver',
      adminToken: TEST_RECEIVER_ADMIN_TOKEN,
      whatsapp: { appSecret: TEST_RECEIVER_WHATSAPP_APP_SECRET },
      // Tests fill forms at machine speed, and three engines share one address.
      minFillMs: 0,
      rateLimits: { perClient: false, perSubject: false },
    }),
  );
  const lanes = receiverLanes(listener);
  /** @type {import('@web/dev-server-core').Middleware} */
  return function receiver(context, next) {
    if (context.path.startsWith('/receiver/lane/') || context.path.startsWith('/receiver-lanes/')) return lanes(context, next);
    if (!context.path.startsWith('/receiver/')) return next();
    // The handler writes the Node response itself; the status only keeps wtr from reporting a 404.
    context.respond = false;
    context.status = 200;
    listener(context.req, context.res);
    return Promise.resolve();
  };
}
