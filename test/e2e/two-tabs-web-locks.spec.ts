/**
 * Two real tabs of one browser profile share one outbox (IndexedDB). When both start sending at
 * the same moment (the connection comes back), Web Locks let only one of them send each record:
 * every record reaches the receiver in exactly one POST, counted on the wire.
 */
import { expect, type Page, test } from '@playwright/test';
import { receiverDownFor, type ScriptTagSite, startScriptTagSite } from '../support/script-tag-site.js';

let site: ScriptTagSite;

test.beforeEach(async () => {
  site = await startScriptTagSite();
});

test.afterEach(async () => {
  await site.close();
});

async function subscribe(page: Page, number: string): Promise<void> {
  await page.getByLabel('Mobile number').fill(number);
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved on this device/);
}

const pendingIds = (page: Page) =>
  page.evaluate(async () => {
    const api = (window as unknown as { OptinElements: { listPendingRecords(): Promise<Array<{ id: string }>> } }).OptinElements;
    return (await api.listPendingRecords()).map((entry) => entry.id).sort();
  });

/** This tab hears that the connection is back: its outbox sends what waits at once. */
const backOnline = (page: Page) => page.evaluate(() => void dispatchEvent(new Event('online')));

test('two tabs sending from one outbox at the same time send each record once', async ({ context }) => {
  const tabs = [await context.newPage(), await context.newPage()];
  const backUp: Array<() => Promise<void>> = [];
  for (const tab of tabs) {
    backUp.push(await receiverDownFor(tab, site));
    await tab.goto(site.url);
  }
  // Each tab saves one consent; both tabs now see both records in the shared outbox.
  await subscribe(tabs[0], '01512 3456781');
  await subscribe(tabs[1], '01512 3456782');
  const waiting = await pendingIds(tabs[0]);
  expect(waiting).toHaveLength(2);
  expect(await pendingIds(tabs[1])).toEqual(waiting);
  for (const up of backUp) await up();

  // The receiver is slow to answer: whatever a tab sends stays on the wire until released, so the
  // second tab starts while the first one's POST is in flight.
  site.proxy.holdPosts();
  await backOnline(tabs[0]);
  await expect.poll(() => site.proxy.heldPosts(), 'the first tab sends the oldest record').toBe(1);
  await backOnline(tabs[1]);
  // The second tab may send only the record nobody is sending (or it would send the first one again).
  await expect.poll(() => site.proxy.heldPosts(), 'the second tab sends too').toBe(2);
  site.proxy.releasePosts();

  for (const tab of tabs) await expect(tab.getByRole('status')).toHaveText(/Thank you/);
  await expect.poll(() => pendingIds(tabs[0])).toEqual([]);
  const posted = site.proxy.posts.map((post) => [post.id, post.status]).sort();
  expect(posted, 'POSTs that reached the receiver').toEqual(waiting.map((id) => [id, 201]));
  expect(await site.receiver.store.list()).toHaveLength(2);
});
