/**
 * Safe embedding: a strict Content-Security-Policy with Trusted Types, two
 * copies of the script, and no personal data left in URLs, the console or
 * storage once the record is acknowledged.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
const PHONE_DIGITS = '3456789';

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;
const pages: Record<string, string> = {};

function strictPage(endpoint: string, { copies, trustedTypes }: { copies: number; trustedTypes: string }): string {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${new URL(endpoint).origin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${trustedTypes}`,
  ].join('; ');
  const script = `<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,"><title>Strict page</title>
${script.repeat(copies)}
</head>
<body>
  <optin-form business-name="Blumen Berlin" endpoint="${endpoint}" categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy" default-country="DE" whatsapp-branding></optin-form>
</body>
</html>`;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-embedding-'));
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
  const endpoint = `${receiver.url}/consents`;
  pages['/strict'] = strictPage(endpoint, { copies: 1, trustedTypes: 'lit-html' });
  pages['/twice'] = strictPage(endpoint, { copies: 2, trustedTypes: "lit-html 'allow-duplicates'" });
});

test.afterAll(async () => {
  await site?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Observed {
  violations: string[];
  pageErrors: string[];
  console: string[];
  urls: string[];
}

async function observe(page: Page): Promise<Observed> {
  const observed: Observed = { violations: [], pageErrors: [], console: [], urls: [] };
  await page.exposeFunction('__reportViolation', (text: string) => observed.violations.push(text));
  // Init scripts run outside the page's CSP, before any of its scripts.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation(text: string): void }).__reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('pageerror', (error) => observed.pageErrors.push(error.message));
  page.on('console', (message) => observed.console.push(`${message.type()}: ${message.text()}`));
  page.on('request', (request) => observed.urls.push(request.url()));
  return observed;
}

async function subscribe(page: Page) {
  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status')).toHaveText(/Thank you/);
}

async function storageLeftBehind(page: Page): Promise<{ local: number; session: number; outbox: number }> {
  return page.evaluate(async () => {
    const open = indexedDB.open('optin-elements-outbox');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const req = db.transaction('entries').objectStore('entries').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return { local: localStorage.length, session: sessionStorage.length, outbox: count };
  });
}

test('works under a strict CSP with Trusted Types, with no violation, and leaves no personal data behind', async ({ page }) => {
  const observed = await observe(page);
  await page.goto(`${site.url}/strict`);
  await subscribe(page);
  expect(observed.violations).toEqual([]);
  expect(observed.pageErrors).toEqual([]);
  expect(observed.console.filter((line) => line.startsWith('error'))).toEqual([]);
  expect(observed.console.filter((line) => line.includes(PHONE_DIGITS))).toEqual([]);
  expect(observed.urls.filter((url) => url.includes(PHONE_DIGITS))).toEqual([]);
  expect(page.url()).not.toContain(PHONE_DIGITS);
  await expect.poll(() => storageLeftBehind(page)).toEqual({ local: 0, session: 0, outbox: 0 });
  expect((await receiver.store.list()).length).toBeGreaterThanOrEqual(1);
});

test('two copies of the script on one strict page do not throw and still deliver', async ({ page }) => {
  const observed = await observe(page);
  const before = (await receiver.store.list()).length;
  await page.goto(`${site.url}/twice`);
  await subscribe(page);
  expect(observed.pageErrors).toEqual([]);
  expect(observed.violations).toEqual([]);
  expect(observed.console.filter((line) => line.startsWith('warning')).join('\n')).toContain('optin-form');
  await expect.poll(async () => (await receiver.store.list()).length).toBe(before + 1);
});
