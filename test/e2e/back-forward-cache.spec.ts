/**
 * The form on a page restored from the back/forward cache (`pageshow` with `persisted`): the page
 * is not loaded again, so nothing that runs on load runs; timers were frozen while it was away.
 * Playwright turns the cache off by default; these tests turn it back on, as in a person's browser.
 */
import { expect, type Page, test } from '@playwright/test';
import config from '../../playwright.config.js';
import { receiverDownFor, type ScriptTagSite, startScriptTagSite } from '../support/script-tag-site.js';

test.use({
  launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] },
});

let site: ScriptTagSite;

test.beforeEach(async () => {
  site = await startScriptTagSite();
});

test.afterEach(async () => {
  await site.close();
});

/** Notes, in the page, whether it was last shown from the back/forward cache. */
async function watchRestores(page: Page): Promise<void> {
  await page.addInitScript(() => {
    addEventListener('pageshow', (event) => {
      (window as unknown as { restoredFromCache: boolean }).restoredFromCache = event.persisted;
    });
  });
}

const restoredFromCache = (page: Page) => page.evaluate(() => (window as unknown as { restoredFromCache?: boolean }).restoredFromCache);

/** Back to the form's page, which must come from the cache ("load" does not fire then, so only the commit is awaited). */
async function goBack(page: Page): Promise<void> {
  await page.goBack({ waitUntil: 'commit' });
  await expect.poll(() => restoredFromCache(page), 'restored from the back/forward cache, not loaded again').toBe(true);
}

async function fillAndSubmit(page: Page) {
  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
}

/** What this origin could still send: outbox entries and click-journal entries. */
function leftToSend(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const api = (window as unknown as { OptinElements: { listPendingRecords(): Promise<unknown[]> } }).OptinElements;
    const journal = Object.keys(localStorage).filter((key) => key.startsWith('optin-elements-journal:')).length;
    return journal + (await api.listPendingRecords()).length;
  });
}

test('a form that said thank you still says so when the page comes back from the cache, with nothing left to send', async ({ context }) => {
  const page = await context.newPage();
  await watchRestores(page);
  await page.goto(site.url);
  await fillAndSubmit(page);
  await expect(page.getByRole('status')).toHaveText(/Thank you/);
  await page.goto(`${site.url}/elsewhere`);
  await goBack(page);
  await expect(page.getByRole('status')).toHaveText(/Thank you/);
  await expect(page.getByRole('button', { name: 'Subscribe' })).toBeDisabled();
  expect(await leftToSend(page), 'nothing this origin could send again').toBe(0);
  expect(
    site.proxy.posts.map((post) => post.status),
    'POSTs that reached the receiver',
  ).toEqual([201]);
  expect(await site.receiver.store.list()).toHaveLength(1);
});

test('a record saved on the device before leaving goes out as soon as the page comes back from the cache, and the page says it arrived', async ({
  context,
}) => {
  const page = await context.newPage();
  await watchRestores(page);
  // The receiver is down while the person is on the page, and asks for five minutes' wait.
  const backUp = await receiverDownFor(page, site);
  await page.goto(site.url);
  await fillAndSubmit(page);
  await expect(page.getByRole('status')).toHaveText(/Saved on this device/);
  // The person goes to another page of the site (one without the script), and the receiver is back.
  await page.goto(`${site.url}/elsewhere`);
  await backUp();
  await goBack(page);
  // A restored page runs nothing "on load", and its retry timer still waits out the five minutes:
  // the page coming back has to send what waits (or learn that it arrived) by itself.
  await expect(page.getByRole('status')).toHaveText(/Thank you/);
  expect(await leftToSend(page)).toBe(0);
  const [stored] = await site.receiver.store.list();
  const posts = site.proxy.posts;
  expect(
    posts.every((post) => post.id === stored.record.id),
    'only this record was sent',
  ).toBe(true);
  // Chromium lets the last-chance send made as the page was hidden through (Playwright's routes
  // do not see keepalive requests); its answer no page could read, so the page sends it again
  // on its return and hears "already had it".
  expect(
    posts.filter((post) => post.status === 201),
    'stored once',
  ).toHaveLength(1);
  expect(
    posts.every((post) => post.status === 200 || post.status === 201),
    posts.map((post) => post.status).join(', '),
  ).toBe(true);
  expect(await site.receiver.store.list()).toHaveLength(1);
});
