/**
 * Chromium for the bench, launched the way playwright.config.ts launches it
 * (Debian's /usr/bin/chromium when present), with CPU throttling through the
 * DevTools protocol.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright';

const systemChromium = '/usr/bin/chromium';

export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch(
    existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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

export const benchRuns = (fallback: number) => Number(process.env.BENCH_RUNS) || fallback;
