import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { issuePreferenceToken } from '../../src/server/preference-tokens.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { webhookSignature } from '../../src/server/whatsapp-webhook-signature.js';
import { type CountingProxy, startCountingProxy } from '../support/counting-proxy.js';
import { signedSample } from '../support/sample-record.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
const ADMIN = 'e2e-admin-token-0123456789abcdef0123456789';
const APP_SECRET = 'e2e-whatsapp-app-secret';
const PHONE = '+4915123456789';

let dir: string;
let receiver: RunningConsentServer;
/** In front of the receiver for the pages: "reaches the receiver once" is counted there, on the wire. */
let proxy: CountingProxy;
let site: StaticServer;
const pages: Record<string, string> = {};

function page(body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Your message preferences</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body>${body}</body>
</html>`;
}

const preferencesPage = (attributes: string) =>
  page(`<optin-preferences endpoint="${proxy.url}/consents" business-name="Blumen Berlin" categories="offers,order-updates"
    default-country="DE" ${attributes}></optin-preferences>`);

async function issueToken(subject: object): Promise<string> {
  const response = await fetch(`${receiver.url}/preference-tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(subject),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function derivedState(token: string): Promise<Record<string, boolean>> {
  const response = await fetch(`${receiver.url}/preferences`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { categories: Array<{ id: string; granted: boolean }> };
  return Object.fromEntries(body.categories.map((c) => [c.id, c.granted]));
}

async function recordsOf(phone: string): Promise<ConsentRecord[]> {
  return (await receiver.store.listBySubject!({ phone })).map((entry) => entry.record);
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-e2e-preferences-'));
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  receiver = await startConsentServer({
    db: join(dir, 'consents.db'),
    port: 0,
    allowedOrigins: [site.url],
    adminToken: ADMIN,
    whatsapp: { appSecret: APP_SECRET },
    // The test fills the form at machine speed; the bot check is not what these tests are about.
    minFillMs: 0,
  });
  proxy = await startCountingProxy(receiver.url);
});

test.afterAll(async () => {
  await proxy?.close();
  await site?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a preference link shows the state; stop one, stop all and resume each reach the receiver once, signed, and change the derived state', async ({
  page: browser,
}) => {
  const optIn = await signedSample({
    subject: { phone: PHONE },
    categories: [
      { id: 'offers', label: 'Offers and promotions', granted: true },
      { id: 'order-updates', label: 'Order updates', granted: true },
    ],
  });
  await fetch(`${receiver.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(optIn) });
  const token = await issueToken({ phone: PHONE });
  pages['/preferences'] = preferencesPage(`token="${token}"`);
  await browser.goto(`${site.url}/preferences`);

  const offers = browser.locator('optin-preferences [data-category="offers"]');
  const updates = browser.locator('optin-preferences [data-category="order-updates"]');
  await expect(offers).toContainText('receiving');
  await expect(updates).toContainText('receiving');

  await browser.getByRole('button', { name: 'Stop “Offers and promotions”' }).click();
  await expect(browser.getByRole('status')).toHaveText('Saved. This is your current choice.');
  await expect(offers).toContainText('stopped');
  expect(await derivedState(token)).toEqual({ offers: false, 'order-updates': true });

  await browser.getByRole('button', { name: 'Stop everything' }).click();
  await expect(browser.getByRole('status')).toHaveText(/no longer receive any messages/);
  await expect(updates).toContainText('stopped');
  expect(await derivedState(token)).toEqual({ offers: false, 'order-updates': false });

  await browser.getByRole('button', { name: 'Resume “Order updates”' }).click();
  await expect(updates).toContainText('receiving');
  await expect(browser.getByRole('status')).toHaveText('Saved. This is your current choice.');
  expect(await derivedState(token)).toEqual({ offers: false, 'order-updates': true });

  const records = await recordsOf(PHONE);
  expect(records.map((r) => r.kind)).toEqual(['opt-in', 'preferences', 'opt-out', 'preferences']);
  for (const record of records) expect((await verifyConsentRecord(record)).ok).toBe(true);
  const fromThePage = records.slice(1).map((record) => record.id);
  const posts = proxy.posts.filter((post) => fromThePage.includes(post.id));
  expect(
    posts.map((post) => [post.id, post.status]),
    'each change POSTed once',
  ).toEqual(fromThePage.map((id) => [id, 201]));
  // Later changes come from the browser's one device key: the same thumbprint each time.
  const thumbprints = new Set((await receiver.store.listBySubject!({ phone: PHONE })).slice(1).map((e) => e.keyThumbprint));
  expect(thumbprints.size).toBe(1);
});

test('a preference link past its expiry is refused: no state shown, stopping still works', async ({ page: browser }) => {
  const phone = '+4915122223333';
  const expired = await issuePreferenceToken(await loadReceiverKey(receiver.store), { phone }, { ttlSeconds: 3600, now: new Date(Date.now() - 7200_000) });
  const answer = await fetch(`${receiver.url}/preferences`, { headers: { Authorization: `Bearer ${expired}` } });
  expect(answer.status).toBe(401);
  pages['/expired'] = preferencesPage(`token="${expired}"`);
  await browser.goto(`${site.url}/expired`);
  await expect(browser.getByRole('alert')).toContainText('expired');
  await expect(browser.locator('optin-preferences [part="category-state"]')).toHaveCount(0);
  await browser.getByLabel('Mobile number').fill('01512 2223333');
  await browser.getByRole('button', { name: 'Stop everything' }).click();
  await expect(browser.getByRole('status')).toHaveText(/no longer receive any messages/);
  expect((await recordsOf(phone)).map((r) => r.kind)).toEqual(['opt-out']);
});

test('a visitor without a token can stop messages to a number but never reads its state', async ({ page: browser }) => {
  const phone = '+4915144445555';
  await fetch(`${receiver.url}/consents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(await signedSample({ subject: { phone } })),
  });
  const requests: string[] = [];
  browser.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
  pages['/stop'] = preferencesPage('');
  await browser.goto(`${site.url}/stop`);
  await expect(browser.getByRole('button', { name: 'Stop everything' })).toBeVisible();
  await expect(browser.locator('optin-preferences')).not.toContainText('receiving');
  await browser.getByLabel('Mobile number').fill('01514 4445555');
  await browser.getByRole('button', { name: 'Stop “Offers and promotions”' }).click();
  await expect(browser.getByRole('status')).toHaveText('Saved. This is your current choice.');
  expect(requests.filter((r) => r.includes('/preferences'))).toEqual([]);
  const records = await recordsOf(phone);
  expect(records.map((r) => r.kind)).toEqual(['opt-in', 'preferences']);
  expect(records[1].categories).toEqual([{ id: 'offers', label: 'Offers and promotions', granted: false }]);
  expect((await verifyConsentRecord(records[1])).ok).toBe(true);
  // Without the token the receiver answers nothing about the number.
  expect((await fetch(`${receiver.url}/preferences`)).status).toBe(401);
});

test('double opt-in: the code on the page, sent from WhatsApp to the webhook, stores a confirmation tied to the opt-in', async ({ page: browser }) => {
  pages['/join'] = page(`<optin-form business-name="Blumen Berlin" endpoint="${receiver.url}/consents" categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy" default-country="DE" confirm-number="+49 30 1234567"></optin-form>`);
  await browser.goto(`${site.url}/join`);
  await browser.getByLabel('Mobile number').fill('01516 6667777');
  await browser.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await browser.getByRole('button', { name: 'Subscribe' }).click();
  await expect(browser.getByRole('status')).toHaveText(/Thank you/);

  const link = browser.getByRole('link', { name: 'Confirm on WhatsApp' });
  const href = (await link.getAttribute('href'))!;
  expect(href.startsWith('https://wa.me/49301234567?text=')).toBe(true);
  await expect(browser.getByRole('img', { name: /scan this code/ })).toBeVisible();
  const code = /([0-9A-Z]{4}-[0-9A-Z]{4})/.exec((await browser.locator('optin-form [part="confirm-code"]').textContent())!)![1];
  const typed = new URL(href).searchParams.get('text')!;
  expect(typed).toContain(code);

  const [optIn] = await recordsOf('+4915166667777');
  expect(optIn.kind).toBe('opt-in');

  // What WhatsApp Cloud API posts when the person sends the prefilled message.
  const notification = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '49301234567', phone_number_id: '1065' },
              contacts: [{ profile: { name: 'Kim' }, wa_id: '4915166667777', user_id: 'DE.7723456789012345' }],
              messages: [
                { from: '4915166667777', id: 'wamid.e2e-confirm', timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: typed } },
              ],
            },
          },
        ],
      },
    ],
  });
  const webhook = await fetch(`${receiver.url}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await webhookSignature(APP_SECRET, notification) },
    body: notification,
  });
  expect(webhook.status).toBe(200);

  const records = await recordsOf('+4915166667777');
  expect(records.map((r) => r.kind)).toEqual(['opt-in', 'confirmation']);
  const confirmation = records[1];
  expect(confirmation.confirms).toEqual({ recordId: optIn.id, code });
  expect(confirmation.subject).toEqual({ phone: '+4915166667777', bsuid: 'DE.7723456789012345' });
  expect(confirmation.inbound?.messageId).toBe('wamid.e2e-confirm');
  expect((await verifyConsentRecord(confirmation)).ok).toBe(true);
});
