/**
 * Several channels in one form from the script tag: `channels="whatsapp,sms"` gives each channel its
 * own boxes, and one click delivers one signed record per ticked channel to the real receiver,
 * which verifies and stores each once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;

function channelsPage(endpoint: string): string {
  const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Stay in touch</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body>
  <optin-form business-name="Blumen Berlin" endpoint="${endpoint}" channels="whatsapp,sms" categories="offers,order-updates"
    frequency="4/month" privacy-url="https://blumen.example/privacy" terms-url="https://blumen.example/sms-terms" default-country="DE"></optin-form>
</body>
</html>`;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-channels-e2e-'));
  const pages: Record<string, string> = {};
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
  pages['/'] = channelsPage(`${receiver.url}/consents`);
});

test.afterAll(async () => {
  await site?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('one click with boxes ticked in both channels stores one verified record per channel', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(site.url);
  await page.getByLabel('Mobile number').fill('01512 3456789');
  const groups = page.getByRole('group', { name: 'What would you like to receive?' });
  await expect(groups).toHaveCount(2);
  await groups
    .nth(0)
    .getByRole('checkbox', { name: /Offers and promotions/ })
    .check();
  await groups
    .nth(1)
    .getByRole('checkbox', { name: /Order updates/ })
    .check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you! Your choice is saved.');

  const records = (await receiver.store.list()).map((entry) => entry.record);
  expect(records.map((record) => record.channel).sort()).toEqual(['sms', 'whatsapp']);
  expect(new Set(records.map((record) => record.id)).size).toBe(2);
  for (const record of records) {
    expect((await verifyConsentRecord(record)).ok).toBe(true);
    expect(record.subject.phone).toBe('+4915123456789');
  }
  const granted = (channel: string) =>
    records
      .find((record) => record.channel === channel)!
      .categories.filter((c) => c.granted)
      .map((c) => c.id);
  expect(granted('whatsapp')).toEqual(['offers']);
  expect(granted('sms')).toEqual(['order-updates']);
  expect(errors).toEqual([]);
});
