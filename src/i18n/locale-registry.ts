/**
 * The translations this page has loaded so far, shared by every element of this copy of the
 * library: a locale is fetched once however many forms show it. English is always present.
 */
import en from './english/en-core.js';
import { shippedTextsChanged } from './host-i18next.js';
import { loadLocaleResource } from '#platform/load-locale-resource';
import type { LocaleResource, SupportedLocale } from './supported-locales.js';

const loaded = new Map<SupportedLocale, LocaleResource>([['en', en]]);
const pending = new Map<SupportedLocale, Promise<boolean>>();

/** English texts that travel with a chunk's code (the preference centre's view), added when it arrives. */
export function addEnglishTexts(texts: LocaleResource): void {
  const english = loaded.get('en')!;
  for (const [key, value] of Object.entries(texts)) {
    const own = english[key];
    english[key] = typeof value === 'object' && typeof own === 'object' ? { ...own, ...value } : value;
  }
  shippedTextsChanged();
}

export function loadedLocale(locale: SupportedLocale): LocaleResource | undefined {
  return loaded.get(locale);
}

/**
 * Makes `locale` available; resolves `true` when it is, `false` when it could not be loaded
 * (the element then stays in English and says why in the console). Never rejects.
 */
export function ensureLocale(locale: SupportedLocale): Promise<boolean> {
  if (loaded.has(locale)) return Promise.resolve(true);
  let loading = pending.get(locale);
  if (!loading) {
    // English is in `loaded` from the start, so only the other locales get here.
    loading = loadLocaleResource(locale as Exclude<SupportedLocale, 'en'>).then(
      (resource) => {
        loaded.set(locale, resource);
        return true;
      },
      (error: unknown) => {
        pending.delete(locale);
        console.error(
          `[optin-elements] the "${locale}" texts could not be loaded (${error instanceof Error ? error.message : String(error)}); showing English instead.`,
        );
        return false;
      },
    );
    pending.set(locale, loading);
  }
  return loading;
}
