/**
 * The script tag wherever marketers put it: in <head>, at the end of <body>, twice,
 * as a module beside the classic script, and on a CMS page whose CSS styles everything.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const sri = JSON.parse(readFileSync('dist/cdn/sri.json', 'utf8')) as Record<string, string>;
const classic = `<script src="/cdn/optin-elements.min.js" integrity="${sri['optin-elements.min.js']}" crossorigin="anonymous"></script>`;
const moduleScript = `<script type="module" src="/cdn/optin-elements.module.js" integrity="${sri['optin-elements.module.js']}" crossorigin="anonymous"></script>`;

/** A CMS theme that styles every element with !important, as some do. */
const aggressiveCss = `<style>
  * { font-family: "Comic Sans MS", cursive !important; font-size: 22px !important; color: #c0c !important;
      line-height: 3 !important; letter-spacing: 2px; box-sizing: content-box !important; }
  div, p, form, label, fieldset { display: flex !important; margin: 40px !important; padding: 0 !important; }
  input, button, select { display: none !important; }
  button { background: black !important; }
  [hidden] { display: block !important; }
</style>`;

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;
const pages: Record<string, string> = {};

function form(endpoint: string): string {
  return `<optin-form business-name="Blumen Berlin" endpoint="${endpoint}" categories="offers,order-updates" default-country="DE" privacy-url="https://blumen.example/privacy"></optin-form>`;
}

function page(head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title>${head}</head><body><h1>Join</h1>${body}</body></html>`;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-placements-'));
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  // minFillMs 0: Playwright fills the form faster than any person; the bot rule has its own node tests.
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
  const endpoint = `${receiver.url}/consents`;
  pages['/head'] = page(classic, form(endpoint));
  pages['/body-end'] = page('', `${form(endpoint)}${classic}`);
  pages['/twice'] = page(classic, `${form(endpoint)}${classic}`);
  pages['/module-and-classic'] = page(moduleScript, `${form(endpoint)}${classic}`);
  pages['/module'] = page(moduleScript, form(endpoint));
  pages['/json-categories'] = page(
    classic,
    `<optin-form business-name="Blumen Berlin" endpoint="${endpoint}" default-country="DE" privacy-url="https://blumen.example/privacy"
      categories='[{"id":"loyalty","label":"Loyalty points","description":"your balance once a month"},"offers"]'></optin-form>`,
  );
  pages['/broken-json'] = page(classic, `<optin-form business-name="Blumen Berlin" endpoint="${endpoint}" categories="[{'id':'loyalty'}]"></optin-form>`);
  pages['/cms'] = page(aggressiveCss + classic, `<div class="cms-block">${form(endpoint)}</div>`);
});

test.afterAll(async () => {
  await site?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Fills and submits the form; returns the record the receiver stored, verified. */
async function optIn(page: Page): Promise<ConsentRecord> {
  const before = (await receiver.store.list()).length;
  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status')).toHaveText(/Thank you/);
  const entries = await receiver.store.list();
  expect(entries).toHaveLength(before + 1);
  const record = entries.at(-1)!.record as ConsentRecord;
  expect((await verifyConsentRecord(record)).ok).toBe(true);
  return record;
}

function watchConsole(page: Page): { errors: string[]; warnings: string[] } {
  const seen = { errors: [] as string[], warnings: [] as string[] };
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
    if (message.type() === 'warning') seen.warnings.push(message.text());
  });
  return seen;
}

for (const [path, where] of [
  ['/head', 'in <head>'],
  ['/body-end', 'at the end of <body>'],
  ['/module', 'as a module script'],
] as const) {
  test(`the script tag ${where} registers the elements and delivers a verified record`, async ({ page }) => {
    const seen = watchConsole(page);
    await page.goto(site.url + path);
    const record = await optIn(page);
    expect(record.subject.phone).toBe('+4915123456789');
    expect(seen.errors).toEqual([]);
  });
}

for (const [path, what] of [
  ['/twice', 'the classic script loaded twice'],
  ['/module-and-classic', 'the module and the classic script on one page'],
] as const) {
  test(`${what} only warns, and the form still works`, async ({ page }) => {
    const seen = watchConsole(page);
    await page.goto(site.url + path);
    await optIn(page);
    expect(seen.errors).toEqual([]);
    expect(seen.warnings.some((text) => /<optin-form> is already defined by another copy/.test(text))).toBe(true);
  });
}

test('a CMS theme that styles every element with !important neither hides nor restyles the form', async ({ page }) => {
  const seen = watchConsole(page);
  await page.goto(`${site.url}/cms`);
  const submit = page.getByRole('button', { name: 'Subscribe' });
  await expect(submit).toBeVisible();
  await expect(page.getByLabel('Mobile number')).toBeVisible();
  // The element's own font, colours and spacing, not the theme's (Comic Sans, magenta, line-height 3).
  // Sizes in rem still follow the page's root font size, on purpose: that is the reader's setting.
  const lead = page.locator('optin-form [part="lead"]');
  const look = await lead.evaluate((element) => {
    const style = getComputedStyle(element);
    return { font: style.fontFamily, color: style.color, lineHeight: style.lineHeight, fontSize: style.fontSize, spacing: style.letterSpacing };
  });
  expect(look.font).not.toMatch(/Comic Sans/);
  expect(look.color).not.toBe('rgb(204, 0, 204)');
  expect(look.spacing).toBe('normal');
  expect(parseFloat(look.lineHeight)).toBeCloseTo(parseFloat(look.fontSize) * 1.5, 0);
  await optIn(page);
  expect(seen.errors).toEqual([]);
});

test('custom categories given as JSON in the attribute, without any JavaScript, reach the record', async ({ page }) => {
  const seen = watchConsole(page);
  await page.goto(`${site.url}/json-categories`);
  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Loyalty points/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status')).toHaveText(/Thank you/);
  const record = (await receiver.store.list()).at(-1)!.record as ConsentRecord;
  expect(record.categories).toMatchObject([
    { id: 'loyalty', label: 'Loyalty points', granted: true },
    { id: 'offers', label: 'Offers and promotions', granted: false },
  ]);
  expect(seen.errors).toEqual([]);
});

test('broken JSON in categories is named in the console and in a notice, and no form is shown', async ({ page }) => {
  const seen = watchConsole(page);
  await page.goto(`${site.url}/broken-json`);
  await expect(page.getByRole('alert')).toContainText('categories is not valid JSON');
  await expect(page.getByRole('button', { name: 'Subscribe' })).toHaveCount(0);
  expect(seen.errors.join('\n')).toMatch(/categories is not valid JSON .*double quotes inside single quotes/);
});
