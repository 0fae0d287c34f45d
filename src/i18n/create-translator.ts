/**
 * One i18next instance per element, never the page's global one, so a host
 * app's own i18next set-up is never touched.
 */
import i18next from 'i18next';
import { loadedLocale } from './locale-registry.js';
import type { SupportedLocale } from './supported-locales.js';

/** What an element needs from its translator. */
export interface Translator {
  /** The BCP 47 tag of the texts it returns (after fallback). */
  language: string;
  t: (key: string, options?: Record<string, unknown>) => string;
}

/** A translator for `locale` if its texts are loaded, with English behind every missing key. */
export function createTranslator(locale: SupportedLocale): Translator {
  const instance = i18next.createInstance();
  const resources: Record<string, { translation: object }> = { en: { translation: loadedLocale('en')! } };
  const own = loadedLocale(locale);
  if (own) resources[locale] = { translation: own };
  // Synchronous init: the script-tag (IIFE) build cannot await at the top level.
  instance.init({
    lng: own ? locale : 'en',
    fallbackLng: 'en',
    supportedLngs: false,
    load: 'currentOnly',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return { language: instance.language, t: (key, options) => instance.t(key, options ?? {}) as string };
}
