/**
 * The script-tag build carries the list of countries and their calling codes, and fetches the
 * phone rules one calling code at a time from beside the script: the default country's at first,
 * another only when a number needs it, each installed only if it belongs to the hash tree whose
 * root is compiled into the script.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, type Route, test } from '@playwright/test';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
const GROUPS = '**/cdn/optin-phone-metadata.*/*.json';

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

/** The calling code of a group file's URL ("…/49.json" → "49"). */
const codeOf = (route: Route) => new URL(route.request().url()).pathname.split('/').pop()?.replace('.json', '') ?? '';

/**
 * Opens the page, noting each group file it asks for, once the default country's rules are in;
 * the file of calling code `hold` waits for `release()`.
 */
async function openRecordingGroups(page: Page, hold?: string) {
  const errors = consoleErrors(page);
  const requested: string[] = [];
  let release = () => {};
  const released = hold ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  await page.route(GROUPS, async (route) => {
    const code = codeOf(route);
    requested.push(code);
    if (code === hold) await released;
    await route.continue();
  });
  await page.goto(site.url);
  const field = page.getByLabel('Mobile number');
  await expect(field).toHaveAttribute('placeholder', '01512 3456789');
  return { errors, requested, field, release };
}

const fieldValue = (page: Page) => page.locator('optin-phone-input').evaluate((el: HTMLElement & { value: string }) => el.value);

test('lists every country and keeps what is typed before the rules arrive, then formats it when they do', async ({ page }) => {
  const errors = consoleErrors(page);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const requested: string[] = [];
  await page.route(GROUPS, async (route) => {
    requested.push(codeOf(route));
    await released;
    await route.continue();
  });
  await page.goto(site.url);
  // Countries and dial codes are in the script: the picker is complete before any rules arrive.
  // (The closed picker names its country by ISO code until it is hovered or focused: region names
  // cost a long task on a slow phone, so they load only when wanted.)
  await page.getByRole('button', { name: 'Country: DE +49' }).click();
  await expect(page.getByRole('option', { name: /Canada\s*\+1/ })).toBeAttached();
  await expect(page.getByRole('option', { name: /Japan\s*\+81/ })).toBeAttached();
  await page.keyboard.press('Escape');

  const field = page.getByLabel('Mobile number');
  await field.pressSequentially('015123456789');
  await expect(field).toHaveValue('015123456789');
  expect(await fieldValue(page)).toBe('');

  release();
  await expect(field).toHaveValue('01512 3456789');
  expect(await fieldValue(page)).toBe('+4915123456789');
  expect(requested).toEqual(['49']);
  expect(errors).toEqual([]);
});

test('refuses a group file that does not match the root compiled into the script', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.route(GROUPS, async (route) => {
    const response = await route.fetch();
    // One changed rule: a file edited on the CDN must not be used.
    const tampered = (await response.text()).replace('"49"', '"48"');
    await route.fulfill({ response, body: tampered });
  });
  await page.goto(site.url);
  await expect.poll(() => errors.join('\n')).toMatch(/49\.json was not used: its SHA-256 hash path leads to/);
  const field = page.getByLabel('Mobile number');
  await field.fill('015123456789');
  await field.blur();
  await expect(page.getByText('This number cannot be checked right now. Reload the page and try again.')).toBeVisible();
  expect(await page.locator('optin-phone-input').evaluate((el: HTMLElement & { checkValidity(): boolean }) => el.checkValidity())).toBe(false);
  // Typing asked for the group again; let that fetch finish before the page closes under it.
  await page.unrouteAll({ behavior: 'wait' });
});

test('fetches another group only when another country is picked or typed, and each group once', async ({ page }) => {
  const { errors, requested, field } = await openRecordingGroups(page);
  expect(requested).toEqual(['49']);

  await page.getByRole('button', { name: 'Country: DE +49' }).click();
  await page.getByRole('combobox', { name: /Search for a country/ }).fill('United Kingdom');
  await page.getByRole('option', { name: /United Kingdom/ }).click();
  await expect(field).toHaveAttribute('placeholder', '07400 123456');
  expect(requested).toEqual(['49', '44']);

  // Jersey shares +44: its rules came with the United Kingdom's.
  await page.getByRole('button', { name: 'Country: United Kingdom +44' }).click();
  await page.getByRole('combobox', { name: /Search for a country/ }).fill('Jersey');
  await page.getByRole('option', { name: /Jersey/ }).click();
  await expect(page.getByRole('button', { name: 'Country: Jersey +44' })).toBeVisible();

  // A typed "+33" selects France once its rules are there.
  await field.fill('');
  await field.pressSequentially('+33612345678');
  await expect(page.getByRole('button', { name: 'Country: France +33' })).toBeVisible();
  await expect(field).toHaveValue('+33 6 12 34 56 78');
  expect(await fieldValue(page)).toBe('+33612345678');

  // Back to a German number: its rules are there already.
  await field.fill('');
  await field.pressSequentially('+4915123456789');
  await expect(page.getByRole('button', { name: 'Country: Germany +49' })).toBeVisible();
  expect(await fieldValue(page)).toBe('+4915123456789');
  expect(requested).toEqual(['49', '44', '33']);
  expect(errors).toEqual([]);
});

test('fetches a group that failed again when the person next types, and reads the number then', async ({ page }) => {
  const errors = consoleErrors(page);
  const requested: string[] = [];
  let serverBusy = true;
  await page.route(GROUPS, async (route) => {
    requested.push(codeOf(route));
    if (serverBusy) await route.fulfill({ status: 503, body: 'busy' });
    else await route.continue();
  });
  await page.goto(site.url);
  await expect.poll(() => errors.join('\n')).toContain('49.json was not used: the server answered 503');
  // Re-rendering (here for a new label) needs the group again, but only the person's next action retries it.
  await page.locator('optin-phone-input').evaluate(async (el: HTMLElement & { updateComplete: Promise<boolean> }) => {
    el.setAttribute('label', 'Your mobile number');
    await el.updateComplete;
  });
  expect(requested).toEqual(['49']);

  serverBusy = false;
  const field = page.getByLabel('Your mobile number');
  await field.pressSequentially('015123456789');
  await expect(field).toHaveValue('01512 3456789');
  expect(await fieldValue(page)).toBe('+4915123456789');
  expect(requested).toEqual(['49', '49']);
});

for (const arrival of ['before', 'after'] as const) {
  test(`reads a number autofilled without its "+" once the rules it starts with have come (${arrival} the blur), without fetching while a number is typed`, async ({
    page,
  }) => {
    const { errors, requested, field, release } = await openRecordingGroups(page, arrival === 'after' ? '44' : undefined);
    // A German number typed digit by digit asks for nothing more.
    await field.pressSequentially('015123456789');
    await field.fill('');
    expect(requested).toEqual(['49']);

    // A British number from a contact card, without "+", in a field set to the United States.
    await page.getByRole('button', { name: 'Country: DE +49' }).click();
    await page.getByRole('combobox', { name: /Search for a country/ }).fill('United States');
    await page.getByRole('option', { name: /United States/ }).click();
    await expect(field).toHaveAttribute('placeholder', '(201) 555-0123');
    await field.fill('447400123456');
    if (arrival === 'before') await expect.poll(() => fieldValue(page)).toBe('+447400123456');
    await field.blur();
    if (arrival === 'after') {
      await expect.poll(() => requested).toEqual(['49', '1', '44']);
      expect(await fieldValue(page)).toBe('');
      release();
    }
    // Read as the British number, and shown with the "+" it was read with.
    await expect.poll(() => fieldValue(page)).toBe('+447400123456');
    await expect(page.getByRole('button', { name: 'Country: United Kingdom +44' })).toBeVisible();
    await expect(field).toHaveValue('+44 7400 123456');
    expect(requested).toEqual(['49', '1', '44']);
    expect(errors).toEqual([]);
  });
}
