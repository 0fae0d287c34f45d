/**
 * Per-keystroke cost in Chromium, through the real elements: the time the phone field's
 * `input` handler takes to format and validate one more digit (ours beside intl-tel-input
 * with utils, which also formats as you type), and the time to sign a record with the
 * device key once it exists. Unthrottled and with the CPU slowed 4×.
 */
import type { Page } from 'playwright';
import type { BenchSection } from '../bench-section.js';
import { benchRuns, launchBenchChromium, median, throttledPage } from '../browser/bench-browser.js';
import { intlTelInputPage, optinPage, startBenchSite } from '../browser/bench-pages.js';
import { bundleForBrowser } from '../browser/bundle-for-browser.js';

const DIGITS = '015123456789';

/**
 * Types `digits` `rounds` times into the field, timing each `input` dispatch. Kept as page
 * source text: tsx would otherwise add helpers to a function that the page does not have.
 */
const keystrokeTimer = `async ({ which, rounds, digits }) => {
  const phone = document.querySelector('optin-form')?.shadowRoot?.querySelector('optin-phone-input');
  const input = which === 'optin' ? phone.shadowRoot.querySelector('input[part=input]') : document.querySelector('#phone');
  const times = [];
  if (!input) throw new Error('no phone field on the ' + which + ' page');
  for (let round = 0; round < rounds; round++) {
    input.value = '';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'deleteContentBackward' }));
    if (phone) await phone.updateComplete;
    for (const digit of digits) {
      const typed = input.value + digit;
      // The page's clock ticks in 0.1 ms steps, so each keystroke is handled 20 times and the mean kept.
      const start = performance.now();
      for (let repeat = 0; repeat < 20; repeat++) {
        input.value = typed;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: digit }));
      }
      times.push((performance.now() - start) / 20);
      if (phone) await phone.updateComplete;
    }
  }
  if (!/\\d{3}.*\\d{4}/.test(input.value)) throw new Error(which + ' did not keep the typed number: ' + input.value);
  return times;
}`;

function timeKeystrokes(page: Page, which: 'optin' | 'intl-tel-input', rounds: number): Promise<number[]> {
  return page.evaluate(`(${keystrokeTimer})(${JSON.stringify({ which, rounds, digits: DIGITS })})`) as Promise<number[]>;
}

/** How the list is opened: a mouse click at once (moved, pressed and released in one go), or a finger's tap. */
type Opening = 'click' | 'tap';

/** How long a finger rests on the screen in a tap (typical taps last 50–150 ms). */
const TAP_HOLD_MS = 100;

/**
 * Opens the country list and returns the interaction's Event Timing duration, as INP counts it:
 * the longest of its events (pointerdown, pointerup, click…), each from its input to the next
 * paint (8 ms steps; an interaction under 16 ms gives no entry, read as 16).
 */
async function timeListOpening(page: Page, which: 'optin' | 'intl-tel-input', how: Opening): Promise<number> {
  await page.waitForTimeout(1500);
  await page.evaluate(() => {
    const state = window as unknown as { interactionDurations: number[] };
    state.interactionDurations = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { interactionId?: number })[]) {
        if (entry.interactionId) state.interactionDurations.push(entry.duration);
      }
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  });
  const button = which === 'optin' ? page.getByRole('button', { name: /^Country:/ }) : page.locator('.iti__selected-country');
  if (how === 'click') {
    await button.click();
  } else {
    const box = (await button.boundingBox())!;
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await page.waitForTimeout(TAP_HOLD_MS);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
  await (which === 'optin' ? page.getByRole('listbox') : page.locator('.iti__country-list')).waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))));
  const durations = (await page.evaluate(() => (window as unknown as { interactionDurations: number[] }).interactionDurations)) as number[];
  return Math.max(16, ...durations);
}

export async function run(): Promise<BenchSection> {
  const rounds = benchRuns(7) * 3;
  const signingScript = await bundleForBrowser('bench/browser/signing-entry.ts', 'BenchSigning');
  const pages: Record<string, string> = {};
  const site = await startBenchSite(pages);
  // No receiver: typing and signing never send anything.
  pages['/optin'] = optinPage('https://receiver.invalid/consents');
  pages['/intl-tel-input'] = intlTelInputPage();
  pages['/signing'] = `<!doctype html><meta charset="utf-8"><title>signing</title><script>${signingScript}</script>`;
  const browser = await launchBenchChromium();
  const figures: Record<string, string[]> = {
    optin: [],
    'intl-tel-input': [],
    signing: [],
    'optin-click': [],
    'intl-tel-input-click': [],
    'optin-tap': [],
    'intl-tel-input-tap': [],
  };
  const load = async (rate: number, which: 'optin' | 'intl-tel-input') => {
    const page = await throttledPage(browser, rate);
    await page.goto(`${site.url}/${which}`);
    await page.waitForFunction(() => (window as unknown as { bench: { interactive?: number } }).bench.interactive !== undefined);
    return page;
  };
  try {
    for (const rate of [1, 4]) {
      for (const which of ['optin', 'intl-tel-input'] as const) {
        const page = await load(rate, which);
        figures[which].push(median(await timeKeystrokes(page, which, rounds)).toFixed(3));
        await page.context().close();
        for (const how of ['click', 'tap'] as const) {
          const openings: number[] = [];
          for (let run = 0; run < benchRuns(7); run++) {
            const fresh = await load(rate, which);
            openings.push(await timeListOpening(fresh, which, how));
            await fresh.context().close();
          }
          figures[`${which}-${how}`].push(median(openings).toFixed(0));
        }
      }
      const page = await throttledPage(browser, rate);
      await page.goto(`${site.url}/signing`);
      const times = (await page.evaluate(`BenchSigning.timeSigning(${rounds * 5})`)) as number[];
      figures.signing.push(median(times).toFixed(3));
      await page.context().close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return {
    title: 'Typing and signing (Chromium, median ms)',
    header: ['figure', 'CPU 1×', 'CPU 4×', 'intl-tel-input 1×', 'intl-tel-input 4×', 'goal (1×)'],
    rows: [
      ['format + validate one keystroke', ...figures.optin, ...figures['intl-tel-input'], '< 1 ms'],
      ['sign a record (device key exists)', ...figures.signing, '—', '—', '< 10 ms'],
      ['open the country list: mouse click at once → next paint', ...figures['optin-click'], ...figures['intl-tel-input-click'], '—'],
      [`open the country list: a tap held ${TAP_HOLD_MS} ms → next paint`, ...figures['optin-tap'], ...figures['intl-tel-input-tap'], '—'],
    ],
    notes: [
      `Keystrokes: ${rounds} × "${DIGITS}" typed into the field (default country DE), the synchronous \`input\` handler timed; rendering follows in a microtask and is not in this figure.`,
      `Country list: the first opening on a fresh load, median of ${benchRuns(7)} loads; the interaction's Event Timing duration as INP counts it (its longest event, input to next paint, 8 ms steps, under 16 read as 16). A mouse click at once: moved onto the button, pressed and released without a pause (a person's hover usually comes earlier). A tap: touch start, ${TAP_HOLD_MS} ms, touch end. Ours loads the browser's region names when the button is hovered, focused or touched and names and sorts the 245 countries in the next task, then renders the rows on opening; intl-tel-input built its list at start-up.`,
      `Signing: ${rounds * 5} signatures of the sample record (RFC 8785 + SHA-256 + ECDSA P-256) with the non-extractable key from IndexedDB.`,
    ],
  };
}
