/**
 * Script-tag build: English is inside the script; every other locale is a file beside it
 * (`locales/<tag>.json`), fetched on first use and accepted only if its hash path leads to the
 * root compiled into the script (src/core/hash-tree.ts) and it names the locale asked for. So the
 * script's one SRI hash still covers every text that can be shown.
 */
import { verifyHashTreeFile } from '../core/hash-tree.js';
import type { LocaleResource, SupportedLocale } from './supported-locales.js';

/** Filled in by vite.config.ts at build time: the root of the hash tree over the files beside the script. */
declare const __OPTIN_DATA_ROOT__: string;

// Captured while the script runs: currentScript is only set during that first evaluation.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || import.meta.url || document.baseURI;

export async function loadLocaleResource(locale: Exclude<SupportedLocale, 'en'>): Promise<LocaleResource> {
  const url = new URL(`locales/${locale}.json`, scriptUrl);
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  let leaf: { locale?: unknown; texts?: unknown };
  try {
    leaf = JSON.parse(await verifyHashTreeFile(await response.text(), __OPTIN_DATA_ROOT__));
  } catch (error) {
    throw new Error(`${url} was refused: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (leaf.locale !== locale || typeof leaf.texts !== 'object' || leaf.texts === null) {
    throw new Error(`${url} holds the texts of "${String(leaf.locale)}", not of "${locale}"`);
  }
  return leaf.texts as LocaleResource;
}
