import { SUPPORTED_LOCALES, type SupportedLocale } from './supported-locales.js';

/** Portuguese outside Brazil follows the European norm (Portugal, Angola, Mozambique, …). */
const LANGUAGE_DEFAULT: Partial<Record<string, SupportedLocale>> = { pt: 'pt-BR' };
const EUROPEAN_PORTUGUESE_REGIONS = new Set(['PT', 'AO', 'MZ', 'CV', 'GW', 'ST', 'TL', 'MO', 'GQ', 'LU', 'CH']);

function isSupported(tag: string): tag is SupportedLocale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(tag);
}

/**
 * The shipped locale for a requested BCP 47 tag: `xx-YY → xx → en`. Script and extension subtags
 * are ignored (`de-Latn-AT-u-nu-latn` → `de`); legacy tags are canonicalised (`iw` → `he`).
 */
export function resolveLocale(requested: string | null | undefined): SupportedLocale {
  if (!requested) return 'en';
  // Asked for on every text an element renders: parse each tag once.
  let resolved = cache.get(requested);
  if (!resolved) {
    resolved = resolveUncached(requested);
    cache.set(requested, resolved);
  }
  return resolved;
}

const cache = new Map<string, SupportedLocale>();

function resolveUncached(requested: string): SupportedLocale {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(Intl.getCanonicalLocales(requested.trim())[0]);
  } catch {
    return 'en';
  }
  const { language, region } = locale;
  if (region && isSupported(`${language}-${region}`)) return `${language}-${region}` as SupportedLocale;
  if (isSupported(language)) return language;
  if (language === 'pt' && region && EUROPEAN_PORTUGUESE_REGIONS.has(region)) return 'pt-PT';
  return LANGUAGE_DEFAULT[language] ?? 'en';
}
