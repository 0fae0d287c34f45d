/**
 * A marketer's site for end-to-end tests: the built script tag (run `npm run build` first) with its
 * SRI hash on pages served from memory, posting to a real receiver with a real SQLite file through
 * a proxy that counts every POST on the wire. One per test: its own origin (so its own storage and
 * outbox), its own ledger, its own count.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConsentServerOptions, type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { type CountingProxy, startCountingProxy } from './counting-proxy.js';
import { type StaticServer, startStaticServer } from './static-server.js';

export interface ScriptTagSite {
  /** The site's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  receiver: RunningConsentServer;
  /** Every record POST that reached the receiver, with its answer. */
  proxy: CountingProxy;
  /** The receiver's `/consents`, behind the proxy: what the pages' elements post to. */
  endpoint: string;
  /** Pages by path, served from memory; add or replace any before visiting it. */
  pages: Record<string, string>;
  close(): Promise<void>;
}

/** The `<script>` tag a marketer pastes, with the built file's SRI hash. */
export function scriptTag(): string {
  const sri = readFileSync('dist/cdn/optin-elements.min.js.sri', 'utf8').trim();
  return `<script src="/cdn/optin-elements.min.js" integrity="${sri}" crossorigin="anonymous"></script>`;
}

/** A whole page: the script tag in the head, `body` as given. */
export function scriptTagPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>
${scriptTag()}
</head>
<body>
${body}
</body>
</html>`;
}

/** A German shop's `<optin-form>` posting to `endpoint`. */
export function formPage(endpoint: string): string {
  return scriptTagPage(
    'Join',
    `<optin-form business-name="Blumen Berlin" endpoint="${endpoint}" categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy" default-country="DE"></optin-form>`,
  );
}

/** Serves `/` (the form), `/elsewhere` (a page of the site without the script) and `dist/cdn` at `/cdn/`. */
export async function startScriptTagSite(receiverOptions: Partial<ConsentServerOptions> = {}): Promise<ScriptTagSite> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-script-tag-site-'));
  const pages: Record<string, string> = {};
  const site: StaticServer = await startStaticServer({ '/cdn/': 'dist/cdn' }, pages);
  // minFillMs 0: Playwright fills a form faster than any person; the bot rule has its own node tests.
  const receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins: [site.url], minFillMs: 0, ...receiverOptions });
  const proxy = await startCountingProxy(receiver.url);
  const endpoint = `${proxy.url}/consents`;
  pages['/'] = formPage(endpoint);
  pages['/elsewhere'] =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Elsewhere</title></head><body><p>Another page of the site, without the script.</p></body></html>`;
  return {
    url: site.url,
    receiver,
    proxy,
    endpoint,
    pages,
    close: async () => {
      await proxy.close();
      await receiver.close();
      await site.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The receiver is down for this page: its record POSTs are answered 503 with a `Retry-After` (five
 * minutes by default, exposed to the page as the real receiver does), so nothing is retried on a
 * timer while a test runs. (Keepalive requests of a page being hidden escape Playwright's routes.)
 * Answers the function that brings the receiver back for the page.
 */
export async function receiverDownFor(page: Page, site: ScriptTagSite, retryAfterSeconds = 300): Promise<() => Promise<void>> {
  const down = (route: Route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 503,
          headers: { 'Access-Control-Allow-Origin': site.url, 'Access-Control-Expose-Headers': 'Retry-After', 'Retry-After': String(retryAfterSeconds) },
          body: '',
        })
      : route.continue();
  await page.route(site.endpoint, down);
  return () => page.unroute(site.endpoint, down);
}
