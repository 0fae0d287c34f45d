/**
 * One translator per element, never a page-global one, so a host app's own
 * i18next set-up is never touched. Resources are i18next JSON (v4) resources.
 */
import en from './locales/en.js';
import { translate, type TranslateOptions } from './translate.js';

/** Every locale has exactly the English keys. */
export type LocaleResource = typeof en;

const bundled: Record<string, LocaleResource> = { en };

export interface Translator {
  /** The BCP 47 tag actually used (after fallback). */
  language: string;
  t: (key: string, options?: TranslateOptions) => string;
}

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

export function createTranslator(locale: string): Translator {
  const language = resolveLocale(locale);
  const languages = language === 'en' ? ['en'] : [language, 'en'];
  return { language, t: (key, options) => translate(bundled, languages, key, options) };
}
