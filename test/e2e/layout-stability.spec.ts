/**
 * No layout shift on a landing page: with the documented height reserved, the script-tag form
 * renders and takes in the phone metadata (fetched after first paint) without moving the number
 * field or anything below the form. The shift figures themselves are in `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { type StaticServer, startStaticServer } from '../support/static-server.js';

const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();

let site: StaticServer;

test.beforeAll(async () => {
  site = await startStaticServer(
    { '/cdn/': 'dist/cdn' },
    {
      '/': `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Join our WhatsApp list</title>
<style>optin-form { display: block; min-height: 52rem; }</style>
<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>
</head>
<body>
  <h1>Flowers, delivered</h1>
  <optin-form business-name="Blumen Berlin" endpoint="/consents" categories="offers,order-updates"
    frequency="4/month" privacy-url="https://blumen.example/privacy" default-country="DE" whatsapp-branding></optin-form>
  <footer id="below">Below the form</footer>
</body>
</html>`,
    },
  );
});

test.afterAll(async () => {
  await site?.close();
});

async function positions(page: Page) {
  return {
    field: await page.getByLabel('Mobile number').boundingBox(),
    below: await page.locator('#below').boundingBox(),
  };
}

test('keeps the number field and the content below in place while the form renders and the phone metadata arrives', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 915 });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/cdn/optin-phone-metadata.*/*.json', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(site.url);
  await expect(page.getByRole('button', { name: 'Subscribe' })).toBeVisible();
  const beforeMetadata = await positions(page);

  release();
  // The German example number is the placeholder once +49's rules are in.
  await expect(page.getByLabel('Mobile number')).toHaveAttribute('placeholder', '01512 3456789');
  const afterMetadata = await positions(page);

  expect(beforeMetadata.field).not.toBeNull();
  expect(afterMetadata).toEqual(beforeMetadata);
});

test('a message shown as the number field loses focus does not move the checkbox the person is clicking', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 915 });
  await page.goto(site.url);
  const field = page.getByLabel('Mobile number');
  await expect(field).toHaveAttribute('placeholder', '01512 3456789');
  await field.fill('0151');
  // One real click: pressed, then released where it was pressed.
  await page.getByRole('checkbox', { name: /Offers and promotions/ }).click();
  await expect(page.getByRole('checkbox', { name: /Offers and promotions/ })).toBeChecked();
  await expect(page.getByText('This number is too short.')).toBeVisible();
});
