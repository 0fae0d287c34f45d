/**
 * Rendering on a 4× CPU-throttled Chromium: our script tag beside intl-tel-input
 * with utils, each on a plain landing page, loaded fresh, then used (a number typed;
 * for ours also a box ticked and the form sent to the real receiver).
 */
import type { Page } from 'playwright';
import type { BenchSection } from '../bench-section.js';
import { benchRuns, launchBenchChromium, median, throttledPage } from '../browser/bench-browser.js';
import { intlTelInputPage, optinPage, RESERVED_HEIGHT, startBenchSite } from '../browser/bench-pages.js';
import { startBenchReceiver } from '../browser/bench-receiver.js';

const CPU_SLOWDOWN = 4;

interface PageFigures {
  scriptEval: number;
  interactive: number;
  interactiveAtFirstFrame: boolean;
  shifts: number;
  longestTask: number;
  renderedHeight: number;
}

async function figures(page: Page, heightOf: string): Promise<PageFigures> {
  // Let the observers deliver what the last interaction produced.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  return page.evaluate((selector) => {
    const bench = (window as unknown as { bench: Record<string, unknown> }).bench;
    const host = document.querySelector(selector) as HTMLElement;
    const inner = (host.shadowRoot?.firstElementChild as HTMLElement | null) ?? host;
    return {
      scriptEval: bench.scriptEval as number,
      interactive: bench.interactive as number,
      interactiveAtFirstFrame: bench.interactiveAtFirstFrame as boolean,
      shifts: bench.shifts as number,
      longestTask: Math.max(0, ...(bench.longTasks as number[])),
      renderedHeight: inner.getBoundingClientRect().height,
    };
  }, heightOf);
}

async function loaded(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => {
    const bench = (window as unknown as { bench: Record<string, unknown> }).bench;
    return bench.interactive !== undefined && bench.interactiveAtFirstFrame !== undefined;
  });
}

export async function run(): Promise<BenchSection> {
  const runs = benchRuns(7);
  const pages: Record<string, string> = {};
  const site = await startBenchSite(pages);
  const receiver = await startBenchReceiver([site.url]);
  pages['/optin'] = optinPage(`${receiver.url}/consents`);
  pages['/intl-tel-input'] = intlTelInputPage();
  const browser = await launchBenchChromium();
  const ours: PageFigures[] = [];
  const peer: PageFigures[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await throttledPage(browser, CPU_SLOWDOWN);
      await loaded(page, `${site.url}/optin`);
      await page.getByLabel('Mobile number').pressSequentially('01512 3456789');
      await page.getByRole('checkbox', { name: /Offers and promotions/ }).check();
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
      ours.push(await figures(page, 'optin-form'));
      await page.context().close();

      const peerPage = await throttledPage(browser, CPU_SLOWDOWN);
      await loaded(peerPage, `${site.url}/intl-tel-input`);
      await peerPage.locator('#phone').pressSequentially('01512 3456789');
      peer.push(await figures(peerPage, '.iti'));
      await peerPage.context().close();
    }
  } finally {
    await browser.close();
    await receiver.close();
    await site.close();
  }
  const ms = (list: PageFigures[], pick: (f: PageFigures) => number) => median(list.map(pick)).toFixed(1);
  const worst = (list: PageFigures[], pick: (f: PageFigures) => number) => Math.max(...list.map(pick));
  const frames = (list: PageFigures[]) => `${list.filter((f) => f.interactiveAtFirstFrame).length}/${list.length}`;
  return {
    title: `Rendering (Chromium, CPU ${CPU_SLOWDOWN}× throttled, ${runs} fresh loads each)`,
    header: ['figure', 'optin-elements', 'intl-tel-input + utils', 'goal'],
    rows: [
      ['script evaluation, median ms', ms(ours, (f) => f.scriptEval), ms(peer, (f) => f.scriptEval), '—'],
      ['script end → interactive, median ms', ms(ours, (f) => f.interactive), ms(peer, (f) => f.interactive), '—'],
      ['script received → interactive, median ms', ms(ours, (f) => f.scriptEval + f.interactive), ms(peer, (f) => f.scriptEval + f.interactive), '—'],
      ['interactive at the first animation frame', frames(ours), frames(peer), 'every run'],
      ['CLS, worst run (host reserves the height)', worst(ours, (f) => f.shifts).toFixed(4), worst(peer, (f) => f.shifts).toFixed(4), '0'],
      ['longest task, worst run, ms', worst(ours, (f) => f.longestTask).toFixed(0), worst(peer, (f) => f.longestTask).toFixed(0), '< 50 (none reported)'],
      ['rendered height, px (412 px wide)', ms(ours, (f) => f.renderedHeight), ms(peer, (f) => f.renderedHeight), `≤ ${RESERVED_HEIGHT}`],
    ],
    notes: [
      'Ours renders in the microtasks right after its script runs, so its first render is inside "script evaluation"; intl-tel-input renders when the page calls intlTelInput(), inside "script end → interactive".',
      'Longest task: the longtask observer reports tasks over 50 ms only, so 0 means none over 50 ms, from first byte through typing, ticking and sending (ours) or typing (peer).',
      `CLS sums layout shifts without recent input; the host reserves \`optin-form { display: block; min-height: ${RESERVED_HEIGHT} }\`.`,
      `Each of our ${runs} runs ended with the receiver's "Thank you" (the run waits for it).`,
    ],
  };
}
