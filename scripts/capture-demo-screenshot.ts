/**
 * `npm run screenshot`: docs/demo.png for the README, taken from the real demo
 * (its own receiver, a throwaway database) after one real opt-in.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { startDemoServer } from '../demo/demo-server.js';

const dir = mkdtempSync(join(tmpdir(), 'optin-shot-'));
const demo = await startDemoServer({ port: 0, db: join(dir, 'demo.db') });
const systemChromium = '/usr/bin/chromium';
const browser = await chromium.launch(existsSync(systemChromium) ? { executablePath: systemChromium, args: ['--no-sandbox'] } : {});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(`${demo.url}/demo/`);
  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
  await page.locator('#ledger tr:not(.placeholder)').first().waitFor();
  await page.getByRole('tab', { name: 'Signature check' }).click();
  await page.locator('#signature-facts dd').first().waitFor();
  await page.screenshot({ path: 'docs/demo.png', fullPage: true });
  console.log('wrote docs/demo.png');
} finally {
  await browser.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
}
