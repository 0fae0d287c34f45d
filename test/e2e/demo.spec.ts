import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type DemoServer, startDemoServer } from '../../demo/demo-server.js';

let dir: string;
let demo: DemoServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-demo-'));
  demo = await startDemoServer({ port: 0, db: join(dir, 'demo.db') });
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
