/**
 * Chromium for the bench, launched the way playwright.config.ts launches it
 * (Debian's /usr/bin/chromium when present), with CPU throttling through the
 * DevTools protocol.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright';
import { benchSize } from '../bench-section.js';

const systemChromium = '/usr/bin/chromium';

export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch(
    existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        }
      : {},
  );
}

/** A fresh page (its own context, so no cache and no stored device key) with the CPU slowed `rate` times. */
export async function throttledPage(browser: Browser, rate: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return page;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const benchRuns = (fallback: number) => Number(process.env.BENCH_RUNS) || benchSize(fallback, 1);

/**
 * Lighthouse's BenchmarkIndex (core/lib/page-functions.js, `computeBenchmarkIndex`): string building
 * and array copying for half a second each, iterations per second ÷ 10, averaged. Lighthouse's
 * throttling guide puts a high-end desktop at 1500–2000 and a mid-tier phone at 125–800, and warns
 * when the host scores 1000 or less, so the figure tells whether "4× throttled" on this machine is
 * the mid-tier phone the goals mean. A string, so the bench's TypeScript loader adds nothing to it.
 */
const benchmarkIndexSource = `(() => {
  const started = Date.now();
  let built = 0;
  while (Date.now() - started < 500) {
    let text = '';
    for (let j = 0; j < 10000; j++) text += 'a';
    if (text.length === 1) throw new Error('never');
    built++;
  }
  const stringIndex = Math.round(built / 10 / ((Date.now() - started) / 1000));
  const a = [];
  const b = [];
  for (let i = 0; i < 100000; i++) a[i] = b[i] = i;
  const copyStarted = Date.now();
  let copies = 0;
  while (copies % 10 !== 0 || Date.now() - copyStarted < 500) {
    const from = copies % 2 === 0 ? a : b;
    const to = copies % 2 === 0 ? b : a;
    for (let j = 0; j < from.length; j++) to[j] = from[j];
    copies++;
  }
  const copyIndex = Math.round(copies / 10 / ((Date.now() - copyStarted) / 1000));
  return (stringIndex + copyIndex) / 2;
})()`;

/** Lighthouse's BenchmarkIndex of this machine's Chromium at the given CPU slowdown, median of `runs` fresh pages. */
export async function benchmarkIndex(browser: Browser, rate: number, runs = 3): Promise<number> {
  const scores: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await throttledPage(browser, rate);
    scores.push(await page.evaluate(benchmarkIndexSource));
    await page.context().close();
  }
  return median(scores);
}
