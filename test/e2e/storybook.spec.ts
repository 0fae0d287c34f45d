/**
 * Builds Storybook (`npm run build-storybook` without its analyze step, which
 * `npm run build` already ran) and opens every story in Chromium: each must
 * render and finish its play function without an error, a console error or an
 * accessibility violation reported by the a11y addon.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const OUT = 'storybook-static';
let site: StaticServer;
let storyIds: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  execFileSync(process.execPath, ['node_modules/storybook/dist/bin/dispatcher.js', 'build', '--quiet', '--test', '-o', OUT], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  const index = JSON.parse(readFileSync(`${OUT}/index.json`, 'utf8')) as { entries: Record<string, { type: string; id: string }> };
  storyIds = Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .map((entry) => entry.id);
  site = await startStaticServer({ '/': OUT });
});

test.afterAll(async () => {
  await site?.close();
});

test('Storybook has a story for every element and every designer-facing state', () => {
  const states = [
    'empty',
    'invalid',
    'misconfigured',
    'gdpr',
    'sms-us',
    'bsuid-only',
    'branding-on',
    'branding-off',
    'sending',
    'queued-offline',
    'success',
    'error',
    'right-to-left',
    'dark',
    'narrow',
    'multi-channel',
    'multi-channel-sent',
    'own-texts',
    'only-countries',
  ];
  for (const state of states) expect(storyIds).toContain(`elements-optin-form--${state}`);
  for (const state of ['empty', 'prefilled', 'invalid', 'country-picker-open']) expect(storyIds).toContain(`elements-optin-phone-input--${state}`);
});

test("the stories of the marketers' form show what their names say", async ({ page }) => {
  const story = async (id: string) => {
    await page.goto(`${site.url}/iframe.html?id=elements-optin-form--${id}&viewMode=story`);
    return page.locator('#storybook-root optin-form');
  };
  let form = await story('multi-channel');
  await expect(form.locator('fieldset[part="categories"]')).toHaveCount(2);
  await expect(form).toContainText('on SMS');
  form = await story('multi-channel-sent');
  await expect(form.getByRole('status')).toHaveText(/Thank you/);
  form = await story('own-texts');
  // The default country (DE) takes the withdrawal sentence; the approved one replaces the bundled one.
  await expect(form).toContainText('Changed your mind? Withdraw at any time, as easily as you agreed: reply STOP to any message from Blumen Berlin.');
  form = await story('only-countries');
  await expect(form).toContainText('This form does not take numbers from this country.');
});

interface StoryFinished {
  storyId: string;
  status: 'success' | 'error';
  reporters: Array<{ type: string; status: string; result?: { violations?: Array<{ id: string; nodes?: unknown[] }>; error?: unknown } }>;
}

/** The misconfigured story shows the page-author notice, which is also logged with console.error on purpose. */
const EXPECTED_CONSOLE_ERROR = /<optin-(form|preferences)> is not set up correctly/;

test('every story renders and plays in a browser without errors or accessibility violations', async ({ page }) => {
  test.setTimeout(240_000);
  const failures: string[] = [];
  let current = '';
  page.on('pageerror', (error) => failures.push(`${current}: ${error.message}`));
  page.on('console', (message) => {
    if (message.location().url.endsWith('/favicon.ico')) return;
    if (message.type() === 'error' && !(current.endsWith('--misconfigured') && EXPECTED_CONSOLE_ERROR.test(message.text()))) {
      failures.push(`${current}: console: ${message.text()} ${message.location().url}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) failures.push(`${current}: HTTP ${response.status()} ${response.url()}`);
  });
  // Storybook reports the end of each story (play function and the a11y addon's axe run
  // included) on its channel; the listener is attached as soon as the channel exists.
  await page.addInitScript(() => {
    const target = window as unknown as { __STORYBOOK_ADDONS_CHANNEL__?: { on(event: string, fn: (e: unknown) => void): void }; storyFinished?: unknown };
    const attach = () => {
      if (!target.__STORYBOOK_ADDONS_CHANNEL__) return void setTimeout(attach, 0);
      target.__STORYBOOK_ADDONS_CHANNEL__.on('storyFinished', (event) => (target.storyFinished = event));
    };
    attach();
  });
  for (const id of storyIds.filter((id) => !process.env.STORY_FILTER || id.includes(process.env.STORY_FILTER))) {
    current = id;
    await page.goto(`${site.url}/iframe.html?id=${id}&viewMode=story`);
    const handle = await page
      .waitForFunction(() => (window as unknown as { storyFinished?: unknown }).storyFinished, undefined, { timeout: 30_000 })
      .catch(() => undefined);
    if (!handle) {
      failures.push(`${id}: did not finish within 30 s`);
      continue;
    }
    const finished = (await handle.jsonValue()) as StoryFinished;
    expect(finished.storyId).toBe(id);
    if (finished.status !== 'success') failures.push(`${id}: story status ${finished.status}`);
    const a11y = finished.reporters.filter((report) => report.type === 'a11y');
    if (a11y.length === 0) failures.push(`${id}: the a11y addon did not run`);
    for (const report of a11y.filter((r) => r.status !== 'passed')) {
      const violations = report.result?.violations?.map((v) => `${v.id} ${JSON.stringify(v.nodes?.map((n) => (n as { target?: unknown }).target))}`).join(', ');
      failures.push(`${id}: a11y ${report.status}: ${violations || String(report.result?.error)}`);
    }
    if (await page.locator('body.sb-show-errordisplay').count()) failures.push(`${id}: ${await page.locator('#error-message').innerText()}`);
    // The element itself is in the story's light DOM (a CSS locator would also count shadow-DOM children).
    const rendered = await page.evaluate(
      () => document.querySelector('#storybook-root')?.querySelector('optin-form, optin-phone-input, optin-preferences') != null,
    );
    if (!rendered) failures.push(`${id}: no element rendered`);
  }
  expect(failures).toEqual([]);
});
