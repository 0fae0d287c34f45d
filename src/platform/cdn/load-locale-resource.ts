/**
 * `#platform/load-locale-resource` in the script-tag build (the `optin-cdn` condition, see
 * package.json `imports`): English is inside the script; every other locale is a file beside it
 * (`locales/<tag>.json`), fetched on first use and accepted only if its hash path leads to the
 * root compiled into the script (src/core/hash-tree.ts) and it names the locale asked for. So the
 * script's one SRI hash still covers every text that can be shown.
 */
import { verifyHashTreeFile } from '../../core/hash-tree.js';
import type { LocaleResource, SupportedLocale } from '../../i18n/supported-locales.js';
import { DATA_ROOT, scriptUrl } from './script-url.js';

export async function loadLocaleResource(locale: Exclude<SupportedLocale, 'en'>): Promise<LocaleResource> {
  const url = new URL(`locales/${locale}.json`, scriptUrl);
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  let leaf: { locale?: unknown; texts?: unknown };
  try {
    leaf = JSON.parse(await verifyHashTreeFile(await response.text(), DATA_ROOT));
  } catch (error) {
    throw new Error(`${url} was refused: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (leaf.locale !== locale || typeof leaf.texts !== 'object' || leaf.texts === null) {
    throw new Error(`${url} holds the texts of "${String(leaf.locale)}", not of "${locale}"`);
  }
  return leaf.texts as LocaleResource;
}
