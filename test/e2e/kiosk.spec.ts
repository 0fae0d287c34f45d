import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;

/** The built script tag (with its SRI hash) and one form with the given attributes. */
function page(attributes: string): string {
  const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Join</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body><optin-form business-name="Blumen Berlin" endpoint="${receiver.url}/consents" categories="offers,order-updates"
  privacy-url="https://blumen.example/privacy" default-country="DE" ${attributes}></optin-form></body>
</html>`;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-kiosk-'));
  const pages: Record<string, string> = {};
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  // minFillMs 0: Playwright fills the form faster than any person; the bot rule has its own node tests.
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
  pages['/shop'] = page('kiosk staff-id="anna" location-id="berlin-mitte"');
  pages['/join'] = page('source="landing-page"');
});

test.afterAll(async () => {
  await site?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

const recordsFor = async (phones: string[]) =>
  (await receiver.store.list()).map((entry) => entry.record as ConsentRecord).filter((record) => phones.includes(record.subject.phone ?? ''));

/** Everything the form's shadow tree shows, phone field value included. */
const formText = (page: Page) =>
  page.locator('optin-form').evaluate((form) => {
    const phone = form.shadowRoot?.querySelector('optin-phone-input') as (HTMLElement & { value: string }) | null;
    const input = phone?.shadowRoot?.querySelector('input');
    return `${form.shadowRoot?.textContent ?? ''} ${phone?.shadowRoot?.textContent ?? ''} value=${input?.value ?? ''} phone=${phone?.value ?? ''}`;
  });

test('a shop tablet: three people opt in one after another, each a verified record of their own, nothing left on screen', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${site.url}/shop`);
  const people = [
    { typed: '01512 3456781', phone: '+4915123456781', tick: /Offers and promotions/ },
    { typed: '01512 3456782', phone: '+4915123456782', tick: /Order updates/ },
    { typed: '01512 3456783', phone: '+4915123456783', tick: /Offers and promotions/ },
  ];
  for (const [index, person] of people.entries()) {
    // A fresh, empty form for each person, once the thank-you has stayed its 5 seconds.
    await expect(page.getByLabel('Mobile number')).toHaveValue('', { timeout: 10_000 });
    for (const box of await page.getByRole('checkbox').all()) await expect(box).not.toBeChecked();
    await expect(page.getByRole('status')).toHaveText('', { timeout: 10_000 });
    if (index > 0) {
      const shown = await formText(page);
      for (const earlier of people.slice(0, index)) expect(shown).not.toContain(earlier.typed.replace(/\D/g, '').slice(-6));
    }
    await page.getByLabel('Mobile number').fill(person.typed);
    await page.getByRole('checkbox', { name: person.tick }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('status')).toHaveText(/Thank you/);
  }
  await expect(page.getByLabel('Mobile number')).toHaveValue('', { timeout: 10_000 });
  const lastShown = await formText(page);
  expect(lastShown).not.toContain('3456783');

  const records = await recordsFor(people.map((p) => p.phone));
  expect(records.map((r) => r.subject.phone).sort()).toEqual(people.map((p) => p.phone));
  for (const record of records) {
    expect((await verifyConsentRecord(record)).ok).toBe(true);
    expect(record.collection.source).toBe('in-store');
    expect(record.collection.staffId).toBe('anna');
    expect(record.collection.locationId).toBe('berlin-mitte');
    const person = people.find((p) => p.phone === record.subject.phone)!;
    const granted = record.categories.filter((c) => c.granted).map((c) => c.label);
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatch(person.tick);
  }
  expect(new Set(records.map((r) => r.id)).size).toBe(3);
  expect(pageErrors).toEqual([]);
});

test('one landing page serves every poster: optin_source from the query is recorded, an unknown one ignored with a warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const optIn = async (query: string, typed: string) => {
    await page.goto(`${site.url}/join${query}`);
    await page.getByLabel('Mobile number').fill(typed);
    await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('status')).toHaveText(/Thank you/);
  };
  await optIn('?optin_source=qr', '01512 3456791');
  await optIn('?optin_source=billboard', '01512 3456792');
  await optIn('?optin_source=import', '01512 3456793');
  const records = await recordsFor(['+4915123456791', '+4915123456792', '+4915123456793']);
  const sourceOf = (phone: string) => records.find((r) => r.subject.phone === phone)?.collection.source;
  expect(sourceOf('+4915123456791')).toBe('qr');
  // Not a known source: the page's own source attribute stands.
  expect(sourceOf('+4915123456792')).toBe('landing-page');
  expect(sourceOf('+4915123456793')).toBe('landing-page');
  expect(warnings.some((w) => w.includes(`optin_source "billboard"`))).toBe(true);
  expect(warnings.some((w) => w.includes('optin_source "import"'))).toBe(true);
  // The query never reaches the record: the page URL keeps origin and path only.
  expect(records.every((r) => r.collection.pageUrl === `${site.url}/join`)).toBe(true);
});
