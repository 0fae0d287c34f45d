/**
 * Script-tag build: English is inside the script; every other locale is a JSON file beside it
 * (`locales/<tag>.json`), fetched on first use and accepted only if its SHA-256 equals the hash
 * compiled into the script. So the script's one SRI hash still covers every text that can be shown.
 */
import { hex } from '../core/encoding.js';
import type { LocaleResource, SupportedLocale } from './supported-locales.js';

/** Filled in by vite.config.ts at build time: `{ "<tag>": "<lowercase hex sha-256 of locales/<tag>.json>" }`. */
declare const __OPTIN_LOCALE_SHA256__: Record<string, string>;

// Captured while the script runs: currentScript is only set during that first evaluation.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || import.meta.url || document.baseURI;

export async function loadLocaleResource(locale: Exclude<SupportedLocale, 'en'>): Promise<LocaleResource> {
  const expected = __OPTIN_LOCALE_SHA256__[locale];
  if (!expected) throw new Error(`no hash is compiled in for "${locale}"`);
  const url = new URL(`locales/${locale}.json`, scriptUrl);
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
  if (actual !== expected) throw new Error(`${url} does not match the SHA-256 compiled into the script`);
  return JSON.parse(new TextDecoder().decode(bytes)) as LocaleResource;
}
