/**
 * The script-tag build fetches the phone metadata from beside the script and installs it only if
 * its SHA-256 matches the hash compiled into the script.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
const METADATA = '**/cdn/optin-phone-metadata.*.json';

let site: StaticServer;

test.beforeAll(async () => {
  site = await startStaticServer(
    { '/cdn/': 'dist/cdn' },
    {
      '/': `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Phone field</title>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body><optin-phone-input default-country="DE" required></optin-phone-input></body>
</html>`,
    },
  );
});

test.afterAll(async () => {
  await site?.close();
});

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test('keeps what is typed before the phone metadata arrives and formats it when it does', async ({ page }) => {
  const errors = consoleErrors(page);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested = 0;
  await page.route(METADATA, async (route) => {
    requested++;
    await released;
    await route.continue();
  });
  await page.goto(site.url);
  const field = page.getByLabel('Mobile number');
  await field.pressSequentially('015123456789');
  await expect(field).toHaveValue('015123456789');
  expect(await page.locator('optin-phone-input').evaluate((el: HTMLElement & { value: string }) => el.value)).toBe('');

  release();
  await expect(field).toHaveValue('01512 3456789');
  await expect(page.getByRole('button', { name: 'Country: Germany +49' })).toBeVisible();
  expect(await page.locator('optin-phone-input').evaluate((el: HTMLElement & { value: string }) => el.value)).toBe('+4915123456789');
  expect(requested).toBe(1);
  expect(errors).toEqual([]);
});

test('refuses phone metadata that does not match the hash compiled into the script', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.route(METADATA, async (route) => {
    const response = await route.fetch();
    // One changed rule: a metadata file edited on the CDN must not be used.
    const tampered = (await response.text()).replace('"49"', '"48"');
    await route.fulfill({ response, body: tampered });
  });
  await page.goto(site.url);
  await expect.poll(() => errors.join('\n')).toContain('was not used: its SHA-256 is');
  const field = page.getByLabel('Mobile number');
  await field.fill('015123456789');
  await field.blur();
  await expect(page.getByText('This number cannot be checked right now. Reload the page and try again.')).toBeVisible();
  expect(await page.locator('optin-phone-input').evaluate((el: HTMLElement & { checkValidity(): boolean }) => el.checkValidity())).toBe(false);
});
