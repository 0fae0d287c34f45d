import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const script = readFileSync('dist/cdn/optin-elements.min.js', 'utf8');
const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();

let site: StaticServer;
const pages: Record<string, string> = {};

function page(lang: string, cdn = '/cdn/'): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Locales</title>
<script src="${cdn}optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body>
  <optin-form business-name="Blumen Berlin" endpoint="/consents" categories="offers" privacy-url="https://blumen.example/privacy"></optin-form>
</body>
</html>`;
}

test.beforeAll(async () => {
  site = await startStaticServer({ '/cdn/': 'dist/cdn', '/tampered/': 'dist/cdn', '/swapped/': 'dist/cdn' }, pages);
  pages['/hi'] = page('hi');
  pages['/tampered-ar'] = page('ar', '/tampered/');
  const original = readFileSync('dist/cdn/locales/ar.json', 'utf8');
  pages['/tampered/locales/ar.json'] = original.replace('أوافق', 'أرفض');
  // A genuine file of the same build, served under another locale's name.
  pages['/swapped-ar'] = page('ar', '/swapped/');
  pages['/swapped/locales/ar.json'] = readFileSync('dist/cdn/locales/he.json', 'utf8');
});

test.afterAll(async () => {
  await site?.close();
});

test('the script-tag file carries English only; other languages stay beside it', () => {
  expect(script).toContain('I agree to receive messages from');
  expect(script).not.toContain('Ich willige ein');
  expect(script).not.toContain('أوافق على تلقّي');
});

test('loads the page’s language once from beside the script', async ({ page: p }) => {
  const fetched: string[] = [];
  p.on('request', (request) => {
    if (request.url().includes('/locales/')) fetched.push(new URL(request.url()).pathname);
  });
  await p.goto(`${site.url}/hi`);
  await expect(p.getByRole('button', { name: 'सदस्यता लें' })).toBeVisible();
  expect(fetched).toEqual(['/cdn/locales/hi.json']);
});

test('refuses a locale file whose hash path does not lead to the root compiled into the script, and stays in English', async ({ page: p }) => {
  const errors: string[] = [];
  p.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await p.goto(`${site.url}/tampered-ar`);
  const submit = p.getByRole('button', { name: 'Subscribe' });
  await expect(submit).toBeVisible();
  await expect.poll(() => errors.join('\n')).toMatch(/ar\.json was refused: its SHA-256 hash path leads to [0-9a-f]{64}, not to the root/);
  await expect(submit).toBeVisible();
  await expect(p.getByText('أرفض')).toHaveCount(0);
});

test("refuses the texts of another locale served under this one's name, and stays in English", async ({ page: p }) => {
  const errors: string[] = [];
  p.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await p.goto(`${site.url}/swapped-ar`);
  await expect.poll(() => errors.join('\n')).toContain('holds the texts of "he", not of "ar"');
  await expect(p.getByRole('button', { name: 'Subscribe' })).toBeVisible();
});
