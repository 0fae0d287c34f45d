import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type DemoServer, startDemoServer } from '../../demo/demo-server.js';
import { signedSample } from '../support/sample-record.js';

let dir: string;
let demo: DemoServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-demo-preferences-'));
  demo = await startDemoServer({ port: 0, db: join(dir, 'demo.db'), receiver: { minFillMs: 0 } });
});
test.afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the demo preference centre: open the link of a stored opt-in, stop offers, see an expired link refused', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The opt-in the demo form would store (posted directly: the form's own flow is the demo.spec test).
  const optIn = await signedSample({ subject: { phone: '+4915123456789' } });
  const stored = await fetch(`${demo.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(optIn) });
  expect(stored.status).toBe(201);
  await page.goto(demo.url);
  await page.getByRole('link', { name: /preference centre/i }).click();
  await expect(page).toHaveURL(/\/demo\/preferences\.html$/);
  // The page's script is loaded once the element has rendered.
  await expect(page.getByRole('button', { name: 'Stop everything' })).toBeVisible();
  await page.getByRole('button', { name: 'Open a valid link' }).click();
  const offers = page.locator('optin-preferences [data-category="offers"]');
  await expect(offers).toContainText('receiving');
  await page.getByRole('button', { name: 'Stop “Offers and promotions”' }).click();
  await expect(offers).toContainText('stopped');
  await expect(page.locator('#last-event')).toContainText('optin-');

  await page.getByRole('button', { name: 'Open an expired link' }).click();
  await expect(page.locator('optin-preferences [part="notice"]')).toContainText('expired');
  await expect(page.locator('optin-preferences [part="category-state"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
