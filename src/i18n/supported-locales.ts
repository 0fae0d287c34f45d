/**
 * Every locale that ships with the package. English is inside every build; the others are loaded
 * when an element needs them (`#platform/load-locale-resource`, src/platform/). Adding a locale = adding its file to
 * locales/ and its tag here.
 */
export const SUPPORTED_LOCALES = ['en', 'es', 'pt-BR', 'pt-PT', 'fr', 'de', 'it', 'nl', 'pl', 'tr', 'ru', 'ar', 'he', 'hi', 'id', 'ms', 'sw'] as const;

export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** A translation tree: nested objects whose leaves are strings. */
export interface LocaleResource {
  [key: string]: string | LocaleResource;
}
