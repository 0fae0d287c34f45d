import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

/**
 * Visual baselines (Chromium) for the states a designer checks: LTR, RTL, dark, errors and a
 * 320 px screen. Fonts are pinned to DejaVu Sans (Debian's fonts-dejavu-core, installed by
 * .ci/run) and animations are off, so the pictures only change when the look changes.
 * Update after an intended change: `npx playwright test test/e2e/screenshots.spec.ts --update-snapshots`.
 */

const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
const SCREENSHOT = { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide' } as const;

let site: StaticServer;
const pages: Record<string, string> = {};

function page(lang: string, dir: string): string {
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Screenshot</title>
<style>
  body { margin: 12px; font-family: 'DejaVu Sans'; }
  optin-form { --optin-font-family: 'DejaVu Sans'; }
</style>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body>
  <optin-form business-name="Blumen Berlin" endpoint="/consents" categories="offers,order-updates"
    frequency="4/month" privacy-url="https://blumen.example/privacy" whatsapp-branding></optin-form>
</body>
</html>`;
}

test.beforeAll(async () => {
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  pages['/en'] = page('en', 'ltr');
  pages['/ar'] = page('ar', 'rtl');
});

test.afterAll(async () => {
  await site?.close();
});

async function open(p: Page, path: string, submitLabel: string): Promise<void> {
  await p.goto(`${site.url}${path}`);
  await expect(p.getByRole('button', { name: submitLabel })).toBeVisible();
  await p.evaluate(() => document.fonts.ready);
}

test.describe('look', () => {
  test.use({ viewport: { width: 600, height: 900 }, colorScheme: 'light' });

  test('left to right (English)', async ({ page: p }) => {
    await open(p, '/en', 'Subscribe');
    await expect(p.locator('optin-form')).toHaveScreenshot('ltr.png', SCREENSHOT);
  });

  test('right to left (Arabic, loaded beside the script and hash-checked)', async ({ page: p }) => {
    await open(p, '/ar', 'اشترك');
    await expect(p.locator('optin-form')).toHaveScreenshot('rtl.png', SCREENSHOT);
  });

  test('errors shown by their fields', async ({ page: p }) => {
    await open(p, '/en', 'Subscribe');
    await p.getByRole('button', { name: 'Subscribe' }).click();
    await expect(p.getByRole('alert')).toBeVisible();
    await p.locator('body').click({ position: { x: 2, y: 2 } });
    await expect(p.locator('optin-form')).toHaveScreenshot('error.png', SCREENSHOT);
  });
});

test.describe('dark', () => {
  test.use({ viewport: { width: 600, height: 900 }, colorScheme: 'dark' });
  test('follows prefers-color-scheme: dark', async ({ page: p }) => {
    await open(p, '/en', 'Subscribe');
    await expect(p.locator('optin-form')).toHaveScreenshot('dark.png', SCREENSHOT);
  });
});

test.describe('narrow', () => {
  test.use({ viewport: { width: 320, height: 900 }, colorScheme: 'light' });
  test('fits a 320 px screen', async ({ page: p }) => {
    await open(p, '/en', 'Subscribe');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expect(p.locator('optin-form')).toHaveScreenshot('narrow.png', SCREENSHOT);
  });
});

test.describe('preferences', () => {
  test('moves nothing when reduced motion is asked for', async ({ page: p }) => {
    await open(p, '/en', 'Subscribe');
    const duration = () => p.evaluate(() => getComputedStyle(document.querySelector('optin-form')!.shadowRoot!.querySelector('button')!).transitionDuration);
    expect(await duration()).not.toBe('0s');
    await p.emulateMedia({ reducedMotion: 'reduce' });
    expect(await duration()).toBe('0s');
  });

  test('reflows at 200 % and 400 % zoom without horizontal scrolling', async ({ page: p }) => {
    await p.setViewportSize({ width: 1280, height: 800 });
    await open(p, '/en', 'Subscribe');
    for (const zoom of ['2', '4']) {
      await p.evaluate((z) => (document.documentElement.style.zoom = z), zoom);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `zoom ${zoom}`).toBeLessThanOrEqual(0);
    }
  });

  test('keeps every control outlined in forced colours', async ({ page: p }) => {
    await p.emulateMedia({ forcedColors: 'active' });
    await open(p, '/en', 'Subscribe');
    const borders = await p.evaluate(() => {
      const root = document.querySelector('optin-form')!.shadowRoot!;
      const phone = root.querySelector('optin-phone-input')!.shadowRoot!;
      return [root.querySelector('form')!, root.querySelector('button')!, phone.querySelector('#number')!, phone.querySelector('[part="country"]')!].map(
        (el) => getComputedStyle(el).borderTopStyle,
      );
    });
    expect(borders).toEqual(['solid', 'solid', 'solid', 'solid']);
    await expect(p.locator('optin-form')).toHaveScreenshot('forced-colors.png', SCREENSHOT);
  });
});
