import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type DemoServer, startDemoServer } from '../../demo/demo-server.js';

let dir: string;
let demo: DemoServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-demo-'));
  demo = await startDemoServer({ port: 0, db: join(dir, 'demo.db'), receiver: { minFillMs: 0 } });
});
test.afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the demo page (npm start) collects an opt-in and lists it, verified, in the ledger', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(demo.url);
  await expect(page).toHaveURL(/\/demo\/$/);

  await page.getByLabel('Business name').fill('Café Lisboa');
  await expect(page.locator('optin-form')).toContainText('messages from Café Lisboa');
  await expect(page.locator('#snippet')).toContainText('business-name="Café Lisboa"');

  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Order updates/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status')).toHaveText(/Thank you/);
  await expect(page.locator('#ledger tr:not(.placeholder)')).toHaveCount(1);
  await expect(page.locator('#ledger tr')).toContainText('+4915123456789');
  await expect(page.locator('#ledger tr')).toContainText('verified');
  expect(errors).toEqual([]);
});

test('the demo configurator drives every part: JSON categories, checklist, embed snippet with SRI, payload inspector', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const sri = JSON.parse(readFileSync('dist/cdn/sri.json', 'utf8'))['optin-elements.min.js'] as string;
  await page.goto(demo.url);

  // The snippet pins the built script with its SRI hash and a versioned URL.
  await expect(page.locator('#snippet')).toContainText(`integrity="${sri}"`);
  await expect(page.locator('#snippet')).toContainText('optin-elements@0.1.0/dist/cdn/optin-elements.min.js');

  // Custom categories as JSON reach the element and the snippet (single-quoted attribute).
  await page.getByLabel('Custom categories (JSON, optional)').fill('[{"id":"loyalty","label":"Loyalty points"}]');
  await expect(page.getByRole('checkbox', { name: /Loyalty points/ })).toBeVisible();
  await expect(page.locator('#snippet')).toContainText(`categories='["offers","order-updates",{"id":"loyalty","label":"Loyalty points"}]'`);

  // Removing every category is flagged by the checklist, and restored when one is chosen again.
  await page.getByLabel('Custom categories (JSON, optional)').fill('');
  await page.getByRole('button', { name: 'Offers and promotions' }).click();
  await page.getByRole('button', { name: 'Order updates' }).click();
  await expect(page.locator('#checklist li.fail').first()).toContainText(/categories/);
  await page.getByRole('button', { name: 'Order updates' }).click();
  await expect(page.locator('#checklist li.fail')).toHaveCount(0);

  await page.getByLabel(/Your receiver URL/).fill('https://api.cafe.example/consents');
  await expect(page.locator('#snippet')).toContainText('endpoint="https://api.cafe.example/consents"');

  // Theme tokens are applied to the element and printed in the snippet.
  await page.getByLabel('Font').selectOption({ label: 'Serif' });
  await expect(page.locator('#snippet')).toContainText('--optin-font-family: Georgia');

  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Order updates/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.locator('#signature-pill')).toHaveText('signature valid');
  await expect(page.locator('#panel-record')).toContainText('"proof"');
  await page.getByRole('tab', { name: 'Canonical form' }).click();
  await expect(page.locator('#panel-canonical')).toContainText('{"business":');
  await expect(page.locator('#panel-canonical')).not.toContainText('"proof"');
  await page.getByRole('tab', { name: 'Signature check' }).click();
  await expect(page.locator('#signature-facts')).toContainText('valid: the record is unchanged');
  expect(errors).toEqual([]);
});

test('the demo follows the number as it is typed, and shows the popup and the CASL lines from its settings', async ({ page }) => {
  await page.goto(demo.url);
  const phone = page.locator('#device').getByLabel('Mobile number');
  await phone.fill('+1 201 555 0123');
  await expect(page.locator('#profile-pill')).toHaveText('profile: platform');
  await phone.fill('+49 1512 3456789');
  await expect(page.locator('#profile-pill')).toHaveText('profile: gdpr');
  await phone.fill('+1 416 555 0123');
  await expect(page.locator('#profile-pill')).toHaveText('profile: casl');
  await page.getByLabel('Mailing address (CASL, Canada)').fill('12 Main St, Toronto ON');
  await expect(page.locator('#device')).toContainText('Sent by Blumen Berlin, 12 Main St, Toronto ON.');

  await page.locator('select[name="display"]').selectOption('popup');
  await expect(page.locator('#snippet')).toContainText('display="popup"');
  await page.getByRole('button', { name: 'Open the form' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('the demo builds a two-channel form: one click makes one verified record per ticked channel', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(demo.url);
  await page.locator('select[name="channel"]').selectOption('whatsapp,sms');
  await page.getByLabel('Terms URL').fill('https://blumen.example/sms-terms');
  await expect(page.locator('#snippet')).toContainText('channels="whatsapp,sms"');
  await expect(page.locator('#snippet')).not.toContainText(' channel=');
  await expect(page.locator('#checklist li.fail')).toHaveCount(0);

  // Each channel has its own group of boxes; one box ticked in each.
  const device = page.locator('#device');
  await expect(device.getByRole('group')).toHaveCount(2);
  await device.getByLabel('Mobile number').fill('01512 7654321');
  await device
    .getByRole('group')
    .nth(0)
    .getByRole('checkbox', { name: /Order updates/ })
    .check();
  await device
    .getByRole('group')
    .nth(1)
    .getByRole('checkbox', { name: /Offers and promotions/ })
    .check();
  await device.getByRole('button', { name: 'Subscribe' }).click();
  await expect(device.getByRole('status')).toHaveText(/Thank you/);

  // Other tests of this file share the demo's ledger: this number is this test's own.
  const rows = page.locator('#ledger tr', { hasText: '+4915127654321' });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'whatsapp' })).toContainText('order-updates');
  await expect(rows.filter({ hasText: 'sms' })).toContainText('offers');
  for (const row of await rows.all()) await expect(row).toContainText('verified');
  expect(errors).toEqual([]);
});
