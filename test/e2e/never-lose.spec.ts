/**
 * Fault injection against the real receiver: whatever the network, the tab
 * or the page does after the click, the receiver ends with exactly one copy
 * of the record and the page showed the right state. "Sent once" is counted
 * on the wire, by a proxy in front of the receiver (which stores a record once
 * whatever arrives, so its rows cannot tell).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type CountingProxy, startCountingProxy } from '../support/counting-proxy.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();

let dir: string;
let receiver: RunningConsentServer;
let proxy: CountingProxy;
let site: StaticServer;
let endpoint: string;
let dbCount = 0;

function formPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Join</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body>
  <optin-form business-name="Blumen Berlin" endpoint="${endpoint}" categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy" default-country="DE"></optin-form>
</body>
</html>`;
}

const pages: Record<string, string> = {};

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-never-lose-'));
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
});

// A fresh receiver and ledger per test, so "exactly one copy" is about this test's record.
test.beforeEach(async () => {
  // minFillMs 0: Playwright fills the form faster than any person; the bot rule has its own node tests.
  receiver = await startConsentServer({ db: join(dir, `consents-${++dbCount}.db`), port: 0, allowedOrigins: [site.url], minFillMs: 0 });
  proxy = await startCountingProxy(receiver.url);
  endpoint = `${proxy.url}/consents`;
  pages['/'] = formPage();
  pages['/script-only'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Another page</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script></head><body><p>No form here.</p></body></html>`;
});

test.afterEach(async () => {
  await proxy.close();
  await receiver.close();
});

test.afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fillAndSubmit(page: Page) {
  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
}

/** Records waiting in this origin's outbox, read through the bundle's own API. */
function pendingIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const api = (window as unknown as { OptinElements: { listPendingRecords(): Promise<Array<{ id: string }>> } }).OptinElements;
    return (await api.listPendingRecords()).map((entry) => entry.id);
  });
}

async function expectExactlyOneVerifiedRecord(): Promise<ConsentRecord> {
  await expect.poll(async () => (await receiver.store.list()).length).toBe(1);
  const [entry] = await receiver.store.list();
  const verified = await verifyConsentRecord(entry.record);
  expect(verified.ok).toBe(true);
  expect(entry.record.subject.phone).toBe('+4915123456789');
  return entry.record as ConsentRecord;
}

/** The record reached the receiver in exactly one POST (attempts a test's route answered itself never reach the proxy). */
function expectPostedOnce(record: ConsentRecord): void {
  expect(
    proxy.posts.map((post) => [post.id, post.status]),
    'POSTs that reached the receiver',
  ).toEqual([[record.id, 201]]);
}

/**
 * The record was stored by exactly one POST ("stored now", 201), in one signature; any other POST
 * of it was answered 200 ("already had it"): the pagehide beacon of a page that went away, whose
 * answer no page could read, is sent again by the next page, and that is the only resend allowed.
 */
function expectStoredOnceWithResendsOfUnreadAnswers(record: ConsentRecord): void {
  const posts = proxy.posts.filter((post) => post.id === record.id);
  expect(
    posts.filter((post) => post.status === 201),
    'stored now',
  ).toHaveLength(1);
  expect(
    posts.every((post) => post.status === 200 || post.status === 201),
    `answers: ${posts.map((post) => post.status).join(', ')}`,
  ).toBe(true);
  expect(new Set(posts.map((post) => post.jws)).size, 'one signature').toBe(1);
  expect(
    proxy.posts.every((post) => post.id === record.id),
    'nothing else was sent',
  ).toBe(true);
}

const status = (page: Page) => page.getByRole('status');

/** Each test gets its own storage, so an outbox entry of one test never leaks into the next. */
function freshContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext();
}

test('offline at submit: the page says it is saved, and it is sent once when the network is back', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  // The nonce request fails too, as it would offline: the record must say it was signed without one.
  await page.route('**/consents/nonce', (route) => route.abort('internetdisconnected'));
  await page.goto(site.url);
  // The page has loaded, phone rules included (they come after the first render), then the network goes.
  await expect(page.getByLabel('Mobile number')).toHaveAttribute('placeholder', '01512 3456789');
  await context.setOffline(true);
  await fillAndSubmit(page);
  await expect(status(page)).toHaveText(/Saved on this device/);
  expect(await receiver.store.list()).toHaveLength(0);
  await context.setOffline(false);
  await expect(status(page)).toHaveText(/Thank you/);
  const record = await expectExactlyOneVerifiedRecord();
  expectPostedOnce(record);
  expect(record.nonceUnavailable).toBe('offline');
  await expect.poll(() => pendingIds(page)).toEqual([]);
  await context.close();
});

test('three 500s then a 200: retried with backoff, stored once, the same bytes each time', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  const bodies: string[] = [];
  await page.route(endpoint, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    bodies.push(route.request().postData() ?? '');
    if (bodies.length <= 3) {
      return route.fulfill({
        status: 500,
        headers: { 'Access-Control-Allow-Origin': site.url },
        contentType: 'application/json',
        body: '{"error":{"code":"down","message":"down"}}',
      });
    }
    return route.continue();
  });
  await page.goto(site.url);
  await fillAndSubmit(page);
  await expect(status(page)).toHaveText(/Saved on this device/);
  await expect(status(page)).toHaveText(/Thank you/, { timeout: 30_000 });
  const record = await expectExactlyOneVerifiedRecord();
  expect(bodies).toHaveLength(4);
  expect(new Set(bodies).size).toBe(1);
  expectPostedOnce(record);
  expect(JSON.parse(bodies[0]).id).toBe(record.id);
  expect(record.nonce, 'a nonce fetched at render is in the record').toMatch(/^[A-Za-z0-9_-]{16,}$/);
  await context.close();
});

test('a request that hangs past the timeout is abandoned and sent again, stored once', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  let posts = 0;
  await page.route(endpoint, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    // The first attempt never gets an answer.
    if (++posts === 1) return;
    return route.continue();
  });
  await page.goto(site.url);
  await fillAndSubmit(page);
  await expect(status(page)).toHaveText(/Sending/);
  await expect(status(page)).toHaveText(/Saved on this device/, { timeout: 20_000 });
  await expect(status(page)).toHaveText(/Thank you/, { timeout: 20_000 });
  expectPostedOnce(await expectExactlyOneVerifiedRecord());
  expect(posts).toBe(2);
  await context.close();
});

test('the tab closed right after the click: the record still arrives, once', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  // Hold every attempt from this tab, so nothing is acknowledged before it closes.
  await page.route(endpoint, (route) => (route.request().method() === 'POST' ? undefined : route.continue()));
  await page.goto(site.url);
  await fillAndSubmit(page);
  await expect.poll(() => pendingIds(page)).toHaveLength(1);
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  // Any page with the widget delivers what an earlier page left behind.
  const next = await context.newPage();
  await next.goto(site.url);
  const record = await expectExactlyOneVerifiedRecord();
  await expect.poll(() => pendingIds(next)).toEqual([]);
  expect(await receiver.store.list()).toHaveLength(1);
  expectStoredOnceWithResendsOfUnreadAnswers(record);
  await context.close();
});

test('a reload while a record is pending: sent once by the reloaded page', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await page.route(endpoint, (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 503, headers: { 'Access-Control-Allow-Origin': site.url, 'Retry-After': '120' }, body: '' })
      : route.continue(),
  );
  await page.goto(site.url);
  await fillAndSubmit(page);
  await expect(status(page)).toHaveText(/Saved on this device/);
  const [id] = await pendingIds(page);
  expect(id).toBeTruthy();
  await page.unroute(endpoint);
  await page.reload();
  const record = await expectExactlyOneVerifiedRecord();
  expect(record.id).toBe(id);
  await expect.poll(() => pendingIds(page)).toEqual([]);
  expectStoredOnceWithResendsOfUnreadAnswers(record);
  await context.close();
});

test('two tabs open: the pending record is sent once, and the first tab learns it was delivered', async ({ browser }) => {
  const context = await freshContext(browser);
  const first = await context.newPage();
  await first.route(endpoint, (route) =>
    route.request().method() === 'POST' ? route.fulfill({ status: 503, headers: { 'Access-Control-Allow-Origin': site.url }, body: '' }) : route.continue(),
  );
  await first.goto(site.url);
  await fillAndSubmit(first);
  await expect(status(first)).toHaveText(/Saved on this device/);
  const second = await context.newPage();
  await second.goto(site.url);
  const record = await expectExactlyOneVerifiedRecord();
  await expect.poll(() => pendingIds(second)).toEqual([]);
  // The first tab's next retry finds the record gone and shows success instead of "saved".
  await expect(status(first)).toHaveText(/Thank you/, { timeout: 30_000 });
  expect(await receiver.store.list()).toHaveLength(1);
  expectPostedOnce(record);
  await context.close();
});

test('the tab closed while the record is queued: the pagehide beacon delivers it without another visit', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  // Ordinary attempts (application/json) fail; only the CORS-simple text/plain request sent on pagehide gets through.
  await page.route(endpoint, (route) => {
    const request = route.request();
    if (request.method() === 'POST' && (request.headers()['content-type'] ?? '').startsWith('application/json')) return route.abort('connectionreset');
    return route.continue();
  });
  await page.goto(site.url);
  await fillAndSubmit(page);
  await expect(status(page)).toHaveText(/Saved on this device/);
  expect(await receiver.store.list()).toHaveLength(0);
  await page.close({ runBeforeUnload: true });
  expectPostedOnce(await expectExactlyOneVerifiedRecord());
  await context.close();
});

test('a page that only loads the script, without a form, delivers a record left pending', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  // Every request of the form's tab fails, beacons included, and that tab stays open (no pagehide):
  // only the other page can deliver the record.
  await page.route(endpoint, (route) =>
    route.request().method() === 'POST' ? route.fulfill({ status: 503, headers: { 'Access-Control-Allow-Origin': site.url }, body: '' }) : route.continue(),
  );
  await page.goto(site.url);
  await fillAndSubmit(page);
  await expect(status(page)).toHaveText(/Saved on this device/);
  const other = await context.newPage();
  await other.goto(`${site.url}/script-only`);
  const record = await expectExactlyOneVerifiedRecord();
  await expect(status(page)).toHaveText(/Thank you/);
  expectPostedOnce(record);
  await context.close();
});

/**
 * Issue 16: no window at all. The page closes with no wait after the click, before signing
 * and IndexedDB are done, 20 times in a row at 4x CPU throttle; the same site visited again
 * delivers every one, and nothing is doubled: one stored row, one "stored now" (201) answer and
 * one signature per record id, counted on the wire by a proxy in front of the receiver.
 */
test.describe('closed with no wait after the click, 20 times in a row', () => {
  const REPEATS = 20;

  test.beforeEach(async () => {
    pages['/preferences'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Preferences</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script></head><body>
<optin-preferences endpoint="${endpoint}" business-name="Blumen Berlin" categories="offers,order-updates" phone="+4915123456789"></optin-preferences>
</body></html>`;
  });

  /** Journal entries and outbox entries this origin still holds. */
  function leftovers(page: Page): Promise<number> {
    return page.evaluate(async () => {
      const api = (window as unknown as { OptinElements: { listPendingRecords(): Promise<unknown[]> } }).OptinElements;
      const journal = Object.keys(localStorage).filter((key) => key.startsWith('optin-elements-journal:')).length;
      return journal + (await api.listPendingRecords()).length;
    });
  }

  async function throttledPage(context: BrowserContext, rate: number): Promise<Page> {
    const page = await context.newPage();
    if (rate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
    return page;
  }

  async function clickAndCloseRepeatedly(browser: Browser, path: string, rate: number, prepare: (page: Page) => Promise<Locator>) {
    const context = await freshContext(browser);
    for (let i = 0; i < REPEATS; i++) {
      const page = await throttledPage(context, rate);
      await page.goto(`${site.url}${path}`);
      // What earlier pages left is finished first, so only this click is in the air when the tab goes.
      await expect.poll(() => leftovers(page), { timeout: 20_000 }).toBe(0);
      // Playwright clicks like a person (mouse events), then the tab is closed with no wait.
      await (await prepare(page)).click();
      await page.close();
    }
    // The person comes back to the site once more.
    const back = await throttledPage(context, rate);
    await back.goto(`${site.url}${path}`);
    await expect.poll(async () => (await receiver.store.list()).length, { timeout: 30_000 }).toBe(REPEATS);
    await expect.poll(() => leftovers(back), { timeout: 20_000 }).toBe(0);
    const stored = await receiver.store.list();
    const ids = stored.map((entry) => entry.record.id);
    expect(new Set(ids).size, 'one stored row per record').toBe(REPEATS);
    for (const entry of stored) expect((await verifyConsentRecord(entry.record)).ok).toBe(true);
    for (const id of ids) {
      const posts = proxy.posts.filter((post) => post.id === id);
      // 201 is the receiver's "stored now"; 200 its "already had it", the answer to a resend whose
      // first answer the closed page never read (HTTP cannot tell that page it arrived).
      expect(
        posts.filter((post) => post.status === 201),
        `"stored now" answers for ${id}`,
      ).toHaveLength(1);
      expect(
        posts.every((post) => post.status === 200 || post.status === 201),
        `answers for ${id}: ${posts.map((post) => post.status).join(', ')}`,
      ).toBe(true);
      expect(new Set(posts.map((post) => post.jws)).size, `signatures of ${id}`).toBe(1);
    }
    // Every POST on the wire belongs to a stored record: nothing else was sent.
    expect(proxy.posts.every((post) => ids.includes(post.id))).toBe(true);
    const resent = proxy.posts.length - REPEATS;
    console.log(`${test.info().title}: ${REPEATS} stored, ${proxy.posts.length} POSTs (${resent} resends of a POST whose answer the closed page never read)`);
    await context.close();
    return stored.map((entry) => entry.record as ConsentRecord);
  }

  const rate = 4;

  test(`Subscribe, then the tab closed at once (CPU ${rate}x): every consent arrives, once`, async ({ browser }) => {
    test.setTimeout(400_000);
    const records = await clickAndCloseRepeatedly(browser, '/', rate, async (page) => {
      await page.getByLabel('Mobile number').fill('01512 3456789');
      await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
      return page.getByRole('button', { name: 'Subscribe' });
    });
    expect(records.every((record) => record.kind === 'opt-in' && record.subject.phone === '+4915123456789')).toBe(true);
  });

  test(`Stop everything in the preference centre, then the tab closed at once (CPU ${rate}x): every stop arrives, once`, async ({ browser }) => {
    test.setTimeout(400_000);
    const records = await clickAndCloseRepeatedly(browser, '/preferences', rate, async (page) => {
      const stop = page.getByRole('button', { name: 'Stop everything' });
      await expect(stop).toBeEnabled();
      return stop;
    });
    expect(records.every((record) => record.kind === 'opt-out' && record.categories.every((c) => !c.granted))).toBe(true);
  });
});
