/**
 * The window in which a click could still be lost (issue 16), in Chromium through the real form
 * and receiver: from the Subscribe click to the consent being on disk in the click journal (a
 * synchronous localStorage write inside the click handler), and to the signed record being in
 * the IndexedDB outbox (the journal entry is removed at that moment). Unthrottled and at 4× CPU.
 */
import type { Page } from 'playwright';
import type { BenchSection } from '../bench-section.js';
import { benchRuns, launchBenchChromium, median, throttledPage } from '../browser/bench-browser.js';
import { optinPage, startBenchSite } from '../browser/bench-pages.js';
import { startBenchReceiver } from '../browser/bench-receiver.js';

/**
 * Clicks Subscribe from inside the page and returns [click handler returned, signed record in the
 * outbox] in ms after the click. Page source text: tsx would add helpers the page does not have.
 */
const clickTimer = `async () => {
  const form = document.querySelector('optin-form');
  const button = form.shadowRoot.querySelector('button[part=submit]');
  const journalKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('optin-elements-journal:'));
  const removeItem = Storage.prototype.removeItem;
  let durableAt;
  Storage.prototype.removeItem = function (key) {
    if (durableAt === undefined && key.startsWith('optin-elements-journal:')) durableAt = performance.now();
    return removeItem.call(this, key);
  };
  // Refused or never answered: the section fails with the reason instead of waiting for ever.
  const delivered = new Promise((resolve, reject) => {
    form.addEventListener('optin-success', resolve, { once: true });
    form.addEventListener('optin-error', (event) => reject(new Error('the receiver refused the record: ' + event.detail.status + ' ' + event.detail.message)), { once: true });
    setTimeout(() => reject(new Error('no answer from the receiver within 30 s')), 30000);
  });
  const start = performance.now();
  button.click();
  const handlerReturned = performance.now() - start;
  if (journalKeys().length !== 1) throw new Error('the click did not write the journal synchronously');
  await delivered;
  Storage.prototype.removeItem = removeItem;
  if (durableAt === undefined) throw new Error('the journal entry was never removed');
  return [handlerReturned, durableAt - start];
}`;

async function timeOneClick(page: Page): Promise<[number, number]> {
  await page.getByLabel('Mobile number').fill('01512 3456789');
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
  return page.evaluate(`(${clickTimer})()`) as Promise<[number, number]>;
}

export async function run(): Promise<BenchSection> {
  const runs = benchRuns(15);
  const pages: Record<string, string> = {};
  const site = await startBenchSite(pages);
  const receiver = await startBenchReceiver([site.url]);
  pages['/optin'] = optinPage(`${receiver.url}/consents`);
  const browser = await launchBenchChromium();
  const columns: string[][] = [[], []];
  try {
    for (const rate of [1, 4]) {
      const onDisk: number[] = [];
      const inOutbox: number[] = [];
      for (let run = 0; run < runs; run++) {
        // A fresh context each time, like a first visit: the device key is created by the click.
        const page = await throttledPage(browser, rate);
        await page.goto(`${site.url}/optin`);
        await page.waitForFunction(() => (window as unknown as { bench: { interactive?: number } }).bench.interactive !== undefined);
        const [handler, durable] = await timeOneClick(page);
        onDisk.push(handler);
        inOutbox.push(durable);
        await page.context().close();
      }
      columns[0].push(median(onDisk).toFixed(1), Math.max(...onDisk).toFixed(1));
      columns[1].push(median(inOutbox).toFixed(1), Math.max(...inOutbox).toFixed(1));
    }
  } finally {
    await browser.close();
    await receiver.close();
    await site.close();
  }
  return {
    title: 'From the click to durable (Chromium, ms after the click)',
    header: ['figure', 'median 1×', 'worst 1×', 'median 4×', 'worst 4×'],
    rows: [
      ['on disk: click journal written (the click handler has returned)', ...columns[0]],
      ['signed and in the IndexedDB outbox (journal entry removed)', ...columns[1]],
    ],
    notes: [
      `${runs} clicks per CPU rate, each on a fresh load in a fresh context (so the click also creates the device key). The first row is the whole synchronous part of the submit handler, journal write included: a tab closed after it loses nothing. The second is when the journal entry is removed, which happens in the same task as the IndexedDB outbox transaction completing; before issue 16 this was the window in which a closed tab lost the consent.`,
    ],
  };
}
