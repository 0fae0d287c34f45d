import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { plainOptinPage } from '../support/plain-optin-page.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-e2e-'));
  // The site and the receiver are on different origins, so CORS is exercised too.
  const pages: Record<string, string> = {};
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  // minFillMs 0: Playwright fills the form faster than any person; the bot rule has its own node tests.
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
  pages['/'] = plainOptinPage(`${receiver.url}/consents`);
});

test.afterAll(async () => {
  await site?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the script-tag bundle on a plain page delivers a verified record to the real receiver', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  // Counts the region-name loads (the first is a long task on a slow phone).
  await page.addInitScript(() => {
    const state = window as unknown as { displayNamesCreated: number };
    state.displayNamesCreated = 0;
    const Original = Intl.DisplayNames;
    (Intl as { DisplayNames: typeof Intl.DisplayNames }).DisplayNames = class extends Original {
      constructor(...args: ConstructorParameters<typeof Intl.DisplayNames>) {
        super(...args);
        state.displayNamesCreated++;
      }
    };
  });
  const displayNamesCreated = () => page.evaluate(() => (window as unknown as { displayNamesCreated: number }).displayNamesCreated);
  await page.goto(site.url);

  await page.getByLabel('Mobile number').fill('01512 3456789');
  await expect(page.getByLabel('Mobile number')).toHaveValue('01512 3456789');
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status')).toHaveText(/Thank you/);

  const entries = await receiver.store.list();
  expect(entries).toHaveLength(1);
  const record = entries[0].record as ConsentRecord;
  expect(record.subject.phone).toBe('+4915123456789');
  expect(record.categories).toEqual([
    { id: 'offers', label: 'Offers and promotions', granted: true, templateCategory: 'marketing' },
    { id: 'order-updates', label: 'Order updates', granted: false, templateCategory: 'utility' },
  ]);
  // A German number: the GDPR profile, whose text names WhatsApp and Meta.
  expect(record.policy.profile).toBe('gdpr');
  expect(record.policy.checks.every((check) => check.passed)).toBe(true);
  expect(record.notice.text).toContain('WhatsApp is provided by Meta');
  expect(record.collection.pageUrl).toBe(`${site.url}/`);
  const verified = await verifyConsentRecord(record);
  expect(verified.ok).toBe(true);

  // A person who only typed the number never made the page load the browser's region names; the
  // picker loads them when hovered, and is then named.
  expect(await displayNamesCreated()).toBe(0);
  await page.getByRole('button', { name: 'Country: DE +49' }).hover();
  await expect(page.getByRole('button', { name: 'Country: Germany +49' })).toBeVisible();
  expect(await displayNamesCreated()).toBe(1);
  expect(pageErrors).toEqual([]);
});
