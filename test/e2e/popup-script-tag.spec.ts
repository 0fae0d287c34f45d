/**
 * The popup from the script tag, as a marketer pastes it (examples/popup-form.html): the display
 * code arrives as a hash-checked file beside the script, the popup opens by its trigger, works by
 * keyboard, and the record reaches the real receiver with its campaign; a changed chunk is refused.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;
let tamperedSite: StaticServer;

function examplePage(endpoint: string): string {
  const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
  return readFileSync('examples/popup-form.html', 'utf8').replace('SCRIPT_INTEGRITY', sri).replace('RECEIVER_ENDPOINT', endpoint);
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-popup-e2e-'));
  const pages: Record<string, string> = { '/thanks': '<!doctype html><link rel="icon" href="data:,"><title>Thanks</title><h1>Thank you</h1>' };
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
  pages['/'] = examplePage(`${receiver.url}/consents`);

  // The same build with one byte of the display chunk changed, as a compromised CDN would serve it.
  const tampered = join(dir, 'cdn');
  cpSync('dist/cdn', tampered, { recursive: true });
  const chunk = readdirSync(tampered).find((file) => file.startsWith('optin-display.'))!;
  writeFileSync(join(tampered, chunk), `${readFileSync(join(tampered, chunk), 'utf8')}\n;alert(1)`);
  tamperedSite = await startStaticServer({ '/cdn/': tampered }, { '/': examplePage(`${receiver.url}/consents`) });
});

test.afterAll(async () => {
  await site?.close();
  await tamperedSite?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the popup opens by its trigger, is used by keyboard alone, and delivers a verified record with its campaign', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const chunkRequests: string[] = [];
  page.on('request', (request) => {
    if (/optin-(display|qr)\./.test(request.url())) chunkRequests.push(new URL(request.url()).pathname);
  });
  await page.goto(`${site.url}/?utm_source=instagram&utm_campaign=spring&phone=%2B4915100000000`);

  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(chunkRequests).toEqual([expect.stringMatching(/^\/cdn\/optin-display\.[0-9a-f]{12}\.js$/)]);
  // Slotted content is the host's child, shown inside the dialog.
  await expect(page.getByRole('heading', { name: 'Fresh flowers, first' })).toBeVisible();
  // The page behind is inert while the popup is open: a click on its button lands on the backdrop.
  const blocked = await page
    .getByRole('button', { name: 'Join our WhatsApp list' })
    .click({ trial: true, timeout: 1000 })
    .then(
      () => false,
      () => true,
    );
  expect(blocked).toBe(true);

  // Esc closes it; the page's button opens it again.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Join our WhatsApp list' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Mobile number').fill('01512 3456789');
  await dialog.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(`${site.url}/thanks`);

  const entries = await receiver.store.list();
  expect(entries).toHaveLength(1);
  const record = entries[0].record;
  expect(record.collection.campaign).toEqual({ utm_source: 'instagram', utm_campaign: 'spring' });
  expect(record.collection.variant).toBe('spring-b');
  expect(record.collection.pageUrl).toBe(`${site.url}/`);
  expect(record.policy.profile).toBe('gdpr');
  expect((await verifyConsentRecord(record)).ok).toBe(true);
  expect(errors).toEqual([]);
});

test('a display chunk that differs from the build is refused by the browser, and the page keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('dialog', (alert) => {
    errors.push(`the tampered code ran: ${alert.message()}`);
    void alert.dismiss();
  });
  await page.goto(tamperedSite.url);
  await expect.poll(() => errors.join('\n')).toMatch(/cannot open/);
  expect(errors.join('\n')).not.toMatch(/tampered code ran/);
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Spring flowers, delivered' })).toBeVisible();
});
