/**
 * The record goes to any URL the owner configures. The no-code services cannot be
 * reached from here, so a local catch-hook stand-in takes their place (see test/support/catch-hook.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { nodeListener } from '../../src/server/node-server.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { type CatchHook, startCatchHook } from '../support/catch-hook.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
let dir: string;
let site: StaticServer;
const pages: Record<string, string> = {};

function page(endpoint: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script></head>
<body><optin-form business-name="Blumen Berlin" endpoint="${endpoint}" categories="offers" default-country="DE" privacy-url="https://blumen.example/privacy"></optin-form></body></html>`;
}

async function optIn(browserPage: Page): Promise<void> {
  await browserPage.getByLabel('Mobile number').fill('01512 3456789');
  await browserPage.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await browserPage.getByRole('button', { name: 'Subscribe' }).click();
  await expect(browserPage.getByRole('status')).toHaveText(/Thank you/);
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-endpoint-'));
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
});
test.afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a catch hook that allows the site (n8n-style CORS) receives the plain, verifiable JSON record straight from the form', async ({ page: browserPage }) => {
  const hook = await startCatchHook({ cors: true });
  try {
    pages['/direct'] = page(hook.url);
    await browserPage.goto(`${site.url}/direct`);
    await optIn(browserPage);
    expect(hook.received).toHaveLength(1);
    const record = hook.received[0].body as ConsentRecord;
    expect(hook.received[0].headers['idempotency-key']).toBe(record.id);
    expect(record.subject.phone).toBe('+4915123456789');
    expect((await verifyConsentRecord(record)).ok).toBe(true);
  } finally {
    await hook.close();
  }
});

test('the serverless relay recipe verifies, stores and forwards each record once to a hook without CORS (Zapier-style)', async ({ page: browserPage }) => {
  const hook: CatchHook = await startCatchHook({ cors: false });
  const store = new SqliteConsentStore(join(dir, 'relay.db'));
  // The README's recipe file, imported through the package's own `exports` (built dist/).
  const { createWebhookRelay } = await import('../../examples/forward-to-webhook.js');
  // minFillMs 0: Playwright fills the form faster than any person; the bot rule has its own node tests.
  const relay = createWebhookRelay({ store, hookUrl: hook.url, allowedOrigins: [site.url], minFillMs: 0 });
  const server: Server = createServer(nodeListener(relay));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    pages['/relay'] = page(`http://127.0.0.1:${(server.address() as AddressInfo).port}/consents`);
    await browserPage.goto(`${site.url}/relay`);
    await optIn(browserPage);
    const stored = await store.list();
    expect(stored).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0].body).toEqual(stored[0].record);
    expect((await verifyConsentRecord(hook.received[0].body)).ok).toBe(true);

    // A retry of the same record is answered from the ledger and not forwarded twice.
    const again = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': (stored[0].record as ConsentRecord).id },
      body: JSON.stringify(stored[0].record),
    });
    expect(again.status).toBe(200);
    expect(hook.received).toHaveLength(1);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    await hook.close();
  }
});
