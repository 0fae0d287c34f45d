import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { plainOptinPage } from '../support/plain-optin-page.js';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

let dir: string;
let receiver: RunningConsentServer;
let site: StaticServer;
const pages: Record<string, string> = {};

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-keyboard-'));
  site = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url] });
  pages['/'] = plainOptinPage(`${receiver.url}/consents`);
});

test.afterAll(async () => {
  await site?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The focused element, looking into shadow roots: its part name (or tag) and id. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return 'nothing';
    return `${el.getAttribute('part') ?? el.localName}${el.id ? `#${el.id}` : ''}`;
  });
}

/** The focused element's outline, looking into shadow roots. */
function focusRing(page: Page): Promise<{ style: string; width: number }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const style = getComputedStyle(el!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
}

/** Records every text the form's live regions (status and alerts) take, in order. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('optin-form')!.shadowRoot!;
    const said: string[] = [];
    (window as unknown as { announced: string[] }).announced = said;
    for (const region of root.querySelectorAll('[role="status"], [role="alert"]')) {
      new MutationObserver(() => {
        const text = region.textContent?.trim();
        if (text && said.at(-1) !== text) said.push(text);
      }).observe(region, { childList: true, characterData: true, subtree: true });
    }
  });
}

const announced = (page: Page) => page.evaluate(() => (window as unknown as { announced: string[] }).announced);

test('a keyboard-only person completes an opt-in with Tab, typing, Space and Enter', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(site.url);
  await expect(page.getByRole('button', { name: 'Subscribe' })).toBeVisible();
  await recordAnnouncements(page);

  // Focus order follows the reading order.
  const order: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused(page));
    // Every control shows a visible focus ring when reached with the keyboard.
    const ring = await focusRing(page);
    expect(ring.style, order.at(-1)).toBe('solid');
    expect(ring.width, order.at(-1)).toBeGreaterThanOrEqual(2);
  }
  expect(order).toEqual(['country#country-button', 'input#number', 'checkbox#category-offers', 'checkbox#category-order-updates', 'privacy-link', 'submit']);

  // Submitting empty: both problems are announced, and focus goes to the first one.
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('input#number');
  const number = page.getByRole('textbox', { name: 'Mobile number' });
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveAccessibleDescription('Enter your mobile number.');
  await expect(page.getByRole('alert')).toHaveText('Tick at least one kind of message to subscribe.');

  await page.keyboard.type('01512 3456789');
  await expect(number).toHaveValue('01512 3456789');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('checkbox#category-offers');
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: /Offers and promotions/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /Offers and promotions/ })).toHaveAttribute('aria-invalid', 'false');

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('submit');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status')).toHaveText('Thank you! Your choice is saved.');
  expect(await announced(page)).toEqual(['Tick at least one kind of message to subscribe.', 'Sending…', 'Thank you! Your choice is saved.']);

  const entries = await receiver.store.list();
  expect(entries).toHaveLength(1);
  const record = entries[0].record as ConsentRecord;
  expect(record.subject.phone).toBe('+4915123456789');
  expect(record.categories.map((c) => [c.id, c.granted])).toEqual([
    ['offers', true],
    ['order-updates', false],
  ]);
  expect(errors).toEqual([]);
});
