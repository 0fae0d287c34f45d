/**
 * Real React 19 and Vue 3 apps, built with Vite against this package's built
 * `dist/` (through its `exports`), posting to the real receiver on another origin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  for (const app of ['react', 'vue']) await build({ configFile: `test/apps/${app}/vite.config.ts` });
  dir = mkdtempSync(join(tmpdir(), 'optin-apps-'));
  site = await startStaticServer({ '/react/': 'test/apps/react/dist', '/vue/': 'test/apps/vue/dist' });
  // minFillMs 0: Playwright fills the form faster than any person; the bot rule has its own node tests.
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
});

test.afterAll(async () => {
  await site?.close();
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

for (const [app, framework] of [
  ['react', 'React'],
  ['vue', 'Vue'],
] as const) {
  test(`a ${framework} app stores a verified record at the real receiver and sees optin-success`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const before = (await receiver.store.list()).length;
    await page.goto(`${site.url}/${app}/index.html?endpoint=${encodeURIComponent(`${receiver.url}/consents`)}`);

    // The custom category came in as a property (an array), not as an attribute string.
    await page.getByLabel('Mobile number').fill('01512 3456789');
    await page.getByRole('checkbox', { name: /Loyalty points/ }).check();
    await expect(page.locator('optin-form [part="whatsapp-badge"]')).toBeVisible();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('status')).toHaveText(/Thank you/);

    const entries = await receiver.store.list();
    expect(entries).toHaveLength(before + 1);
    const record = entries.at(-1)!.record as ConsentRecord;
    expect(record.subject.phone).toBe('+4915123456789');
    expect(record.categories).toMatchObject([
      { id: 'offers', label: 'Offers and promotions', granted: false },
      { id: 'loyalty', label: 'Loyalty points', granted: true },
    ]);
    expect((await verifyConsentRecord(record)).ok).toBe(true);
    // The framework's own state was updated by the typed event prop / listener.
    await expect(page.getByTestId('app-state')).toHaveText(`${framework} saw record ${record.id}`);
    expect(errors).toEqual([]);
  });
}
