/**
 * `<optin-preferences>` from the script tag: its view is a hash-checked file beside the script
 * (optin-preferences.<hash>.js), fetched only by a page that uses the element; a stop made with it
 * reaches the real receiver, signed. A changed view file is refused by the browser, and the
 * element says it is not set up instead of running it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;
let tamperedSite: StaticServer;

function preferencesPage(endpoint: string): string {
  const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Your messages</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script></head>
<body><optin-preferences endpoint="${endpoint}" business-name="Blumen Berlin" categories="offers,announcements" phone="+4915123456789"></optin-preferences></body></html>`;
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-preferences-e2e-'));
  const pages: Record<string, string> = {};
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
  pages['/'] = preferencesPage(`${receiver.url}/consents`);

  // The same build with the view file changed, as a compromised CDN would serve it.
  const tampered = join(dir, 'cdn');
  cpSync('dist/cdn', tampered, { recursive: true });
  const chunk = readdirSync(tampered).find((file) => file.startsWith('optin-preferences.'))!;
  writeFileSync(join(tampered, chunk), `${readFileSync(join(tampered, chunk), 'utf8')}\n;alert(1)`);
  tamperedSite = await startStaticServer({ '/cdn/': tampered }, { '/': preferencesPage(`${receiver.url}/consents`) });
});

test.afterAll(async () => {
  await site?.close();
  await tamperedSite?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the preference centre loads its view beside the script, and "Stop everything" reaches the receiver, signed', async ({ page }) => {
  const errors = collectErrors(page);
  const chunkRequests: string[] = [];
  page.on('request', (request) => {
    if (/optin-(display|qr|preferences)\./.test(request.url())) chunkRequests.push(new URL(request.url()).pathname);
  });
  await page.goto(site.url);

  await page.getByRole('button', { name: 'Stop everything' }).click();
  await expect(page.getByRole('status')).toHaveText('Done. You will no longer receive any messages from Blumen Berlin.');
  expect(chunkRequests).toEqual([expect.stringMatching(/^\/cdn\/optin-preferences\.[0-9a-f]{12}\.js$/)]);

  const entries = await receiver.store.list();
  expect(entries).toHaveLength(1);
  const record = entries[0].record;
  expect(record.kind).toBe('opt-out');
  expect(record.subject.phone).toBe('+4915123456789');
  expect(record.categories.map((c) => [c.id, c.granted])).toEqual([
    ['offers', false],
    ['announcements', false],
  ]);
  expect((await verifyConsentRecord(record)).ok).toBe(true);
  expect(errors).toEqual([]);
});

test('a view file that differs from the build is refused by the browser; the element says it is not set up', async ({ page }) => {
  const errors = collectErrors(page);
  page.on('dialog', (alert) => {
    errors.push(`the tampered code ran: ${alert.message()}`);
    void alert.dismiss();
  });
  await page.goto(tamperedSite.url);
  await expect(page.getByRole('alert')).toContainText('This preference centre is not set up correctly');
  await expect.poll(() => errors.join('\n')).toMatch(/<optin-preferences> is not set up correctly:\n.*could not load its code/);
  expect(errors.join('\n')).not.toMatch(/tampered code ran/);
  await expect(page.getByRole('button', { name: 'Stop everything' })).toHaveCount(0);
});
