/**
 * The demo page and an embedded receiver on one origin (see server.ts).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createViteServer } from 'vite';
import { type ConsentHandlerOptions, createConsentHandler } from '../src/server/consent-handler.js';
import { nodeListener } from '../src/server/node-server.js';
import { issuePreferenceToken } from '../src/server/preference-tokens.js';
import { loadReceiverKey } from '../src/server/receiver-key.js';
import { SqliteConsentStore } from '../src/server/sqlite-consent-store.js';
import { verifyConsentRecord } from '../src/core/record/verify-consent-record.js';

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the demo page and its receiver on one origin. */
export async function startDemoServer(
  options: { port?: number; host?: string; db?: string; receiver?: Omit<ConsentHandlerOptions, 'store'> } = {},
): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const store = new SqliteConsentStore(options.db ?? 'demo/consents.db');
  const receiver = nodeListener(createConsentHandler({ ...options.receiver, store }));

  /** The demo's own read-only view of the ledger, each record re-verified. A real receiver keeps its ledger private. */
  async function ledgerJson(): Promise<string> {
    const entries = (await store.list()).reverse().slice(0, 50);
    const rows = await Promise.all(entries.map(async (entry) => ({ ...entry, verified: (await verifyConsentRecord(entry.record)).ok })));
    return JSON.stringify(rows);
  }

  /**
   * The demo's stand-in for the business's own back end, which puts a token in the preference link
   * of each message it sends. `expired` makes a link that expired an hour ago. Never expose token
   * issuing like this in production: it would let anyone read anyone's choices.
   */
  async function demoPreferenceLink(url: URL): Promise<{ status: number; body: unknown }> {
    const phone = url.searchParams.get('phone') ?? '';
    const expired = url.searchParams.has('expired');
    try {
      const now = expired ? new Date(Date.now() - 2 * 3600_000) : new Date();
      const token = await issuePreferenceToken(await loadReceiverKey(store), { phone }, { ttlSeconds: 3600, now });
      return { status: 200, body: { token } };
    } catch (error) {
      return { status: 422, body: { error: { code: 'subject-invalid', message: error instanceof Error ? error.message : String(error) } } };
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path === '/') {
      res.writeHead(302, { Location: '/demo/' }).end();
    } else if (path === '/demo/sri.json') {
      // The embed snippet's integrity hash, as `npm run build` wrote it.
      void readFile('dist/cdn/sri.json', 'utf8').then(
        (body) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body),
        () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'),
      );
    } else if (path === '/demo/ledger.json') {
      void ledgerJson().then((body) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    } else if (path === '/demo/preference-link') {
      void demoPreferenceLink(url).then(({ status, body }) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body)));
    } else if (path.startsWith('/consents') || path.startsWith('/.well-known/') || path === '/preferences') {
      receiver(req, res);
    } else {
      vite.middlewares(req, res);
    }
  });
  // Live reload shares the demo's own port, so several demo servers (parallel test runs) never clash.
  const vite = await createViteServer({ server: { middlewareMode: true, hmr: { server } }, appType: 'mpa', logLevel: 'warn' });
  await new Promise<void>((resolve) => server.listen(options.port ?? 5173, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await vite.close();
      await store.close();
    },
  };
}
