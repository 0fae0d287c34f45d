/**
 * Everything a person's browser fetches from us to complete an opt-in: Chromium loads the
 * built script-tag page, the person types, ticks and sends to the real receiver, and every
 * response from /cdn/ (the script and any data file fetched beside it: the phone rules of the
 * number's calling code, a locale) is counted, each
 * compressed with brotli as a CDN would serve it. intl-tel-input's page is measured the same way.
 */
import type { Page, Response } from 'playwright';
import type { BenchSection } from '../bench-section.js';
import { launchBenchChromium, throttledPage } from '../browser/bench-browser.js';
import { startProductPages } from '../browser/bench-pages.js';
import { compressedSizes } from './bundle-size.js';

interface Fetched {
  path: string;
  brotli: number;
}

function recordResponses(page: Page, prefix: string): Promise<Fetched>[] {
  const fetched: Promise<Fetched>[] = [];
  page.on('response', (response: Response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith(prefix)) fetched.push(response.body().then((body) => ({ path, brotli: compressedSizes(body).brotli })));
  });
  return fetched;
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

export async function run(): Promise<BenchSection> {
  const { site, receiver } = await startProductPages();
  const browser = await launchBenchChromium();
  try {
    const page = await throttledPage(browser, 1);
    const ours = recordResponses(page, '/cdn/');
    await page.goto(`${site.url}/optin`);
    await page.getByLabel('Mobile number').pressSequentially('01512 3456789');
    await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
    const ourFiles = await Promise.all(ours);

    const peerPage = await throttledPage(browser, 1);
    const peer = recordResponses(peerPage, '/peers/');
    await peerPage.goto(`${site.url}/intl-tel-input`);
    await peerPage.locator('#phone').pressSequentially('01512 3456789');
    await peerPage.waitForFunction(() => (window as unknown as { iti?: { isValidNumber(): boolean } }).iti?.isValidNumber());
    const peerFiles = await Promise.all(peer);

    // The consent tools: everything fetched until their notice is shown.
    const consentTools: [string, Fetched[]][] = [];
    for (const [label, path] of [
      ['klaro', '/klaro'],
      ['vanilla-cookieconsent', '/cookieconsent'],
    ]) {
      const toolPage = await throttledPage(browser, 1);
      const fetched = recordResponses(toolPage, '/peers/');
      await toolPage.goto(`${site.url}${path}`);
      await toolPage.waitForFunction(() => (window as unknown as { bench: { interactive?: number } }).bench.interactive !== undefined);
      consentTools.push([label, await Promise.all(fetched)]);
    }

    const sum = (files: Fetched[]) => files.reduce((total, file) => total + file.brotli, 0);
    const stored = (await receiver.store.list()).length;
    return {
      title: 'Page weight: everything fetched to complete an opt-in (brotli q11)',
      header: ['product', 'files', 'brotli KiB', 'ours ÷ it', 'goal'],
      rows: [
        // The phone rules files share a name per calling code, so their folder is kept: "optin-phone-metadata.<root>/49.json".
        ['optin-elements', ourFiles.map((file) => file.path.slice('/cdn/'.length)).join(' + '), kib(sum(ourFiles)), '—', '≤ 56 KiB'],
        [
          'intl-tel-input + utils',
          peerFiles.map((file) => file.path.split('/').pop()).join(' + '),
          kib(sum(peerFiles)),
          (sum(ourFiles) / sum(peerFiles)).toFixed(2),
          '—',
        ],
        ...consentTools.map(([label, files]) => [
          label,
          files.map((file) => file.path.split('/').pop()).join(' + '),
          kib(sum(files)),
          (sum(ourFiles) / sum(files)).toFixed(2),
          '—',
        ]),
      ],
      notes: [
        `Our opt-in ended with ${stored} record stored by the real receiver; intl-tel-input until the typed number is valid; the consent tools until their notice shows. The host page's own HTML is not counted; the POSTed record is an upload.`,
      ],
    };
  } finally {
    await browser.close();
    await receiver.close();
    await site.close();
  }
}
