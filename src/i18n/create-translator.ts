/**
 * One i18next instance per element, never the page's global one, so a host
 * app's own i18next set-up is never touched.
 */
import i18next, { type i18n } from 'i18next';
import en from './locales/en.js';

export type LocaleResource = typeof en;

const bundled: Record<string, LocaleResource> = { en };

/** `xx-YY → xx → en`, limited to bundled locales. */
export function resolveLocale(requested: string | undefined): string {
  const candidates: string[] = [];
  if (requested) {
    try {
      const canonical = Intl.getCanonicalLocales(requested)[0];
      candidates.push(canonical, canonical.split('-')[0]);
    } catch {
      // An invalid tag falls through to English.
    }
  }
  return candidates.find((tag) => tag in bundled) ?? 'en';
}

export function createTranslator(locale: string): i18n {
  const instance = i18next.createInstance();
  // Synchronous init: the script-tag (IIFE) build cannot await at the top level.
  instance.init({
    lng: resolveLocale(locale),
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(bundled).map(([lng, resource]) => [lng, { translation: resource }])),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
