/**
 * The translator behind every element, in every build. The texts are i18next JSON resources
 * (src/i18n/locales/), read with the part of i18next they use: nested keys, `{{name}}`
 * interpolation without escaping (Lit escapes), plural suffixes from `Intl.PluralRules`,
 * `defaultValue`, and English behind every missing key. i18next itself is about 14 KiB brotli and
 * a tenth of a throttled first render; test/node/translator-parity.test.ts holds this translator
 * to i18next's output for every key of every locale. A page that runs i18next already hands its
 * instance over with `useI18next()`, and the elements then translate with it (host-i18next.ts).
 */
import { hostI18next, i18nextTranslator } from './host-i18next.js';
import { loadedLocale } from './locale-registry.js';
import type { LocaleResource, SupportedLocale } from './supported-locales.js';

/** What an element needs from its translator. */
export interface Translator {
  /** The BCP 47 tag of the texts it returns (after fallback). */
  language: string;
  t: (key: string, options?: Record<string, unknown>) => string;
}

type Options = Record<string, unknown>;

function lookup(resource: LocaleResource | undefined, key: string): string | undefined {
  let node: string | LocaleResource | undefined = resource;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(text: string, options: Options): string {
  // A value that is not given leaves its placeholder as it is, as i18next does.
  return text.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (match, name: string) =>
    options[name] === undefined || options[name] === null ? match : String(options[name]),
  );
}

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(language: string, count: number): string {
  // English, shown first on most pages, has two forms: "one" for 1 and -1, "other" for every other
  // number. Its rule spares the first render the load of the browser's plural rules.
  if (language === 'en') return Math.abs(count) === 1 ? 'one' : 'other';
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  return rules.select(count);
}

function find(resource: LocaleResource | undefined, language: string, key: string, options: Options): string | undefined {
  const count = options.count;
  if (typeof count === 'number') {
    const plural = lookup(resource, `${key}_${pluralCategory(language, count)}`);
    if (plural !== undefined) return plural;
  }
  return lookup(resource, key);
}

/** A translator for `locale` if its texts are loaded, with English behind every missing key. */
export function createTranslator(locale: SupportedLocale): Translator {
  const own = loadedLocale(locale);
  const language = own ? locale : 'en';
  const host = hostI18next();
  if (host) return i18nextTranslator(host, language, own ?? loadedLocale('en')!, loadedLocale('en')!);
  const english = loadedLocale('en');
  return {
    language,
    t(key, options = {}) {
      const text =
        find(own, language, key, options) ?? find(english, 'en', key, options) ?? (typeof options.defaultValue === 'string' ? options.defaultValue : key);
      return interpolate(text, options);
    },
  };
}

/**
 * A business's own wording for this language (`texts`, own-texts.ts) before the translator's: the
 * same keys, plurals and `{{placeholders}}`; every key it leaves out keeps the bundled text.
 */
export function withOwnTexts(translator: Translator, own: LocaleResource | undefined): Translator {
  if (!own) return translator;
  return {
    language: translator.language,
    t(key, options = {}) {
      const text = find(own, translator.language, key, options);
      return text === undefined ? translator.t(key, options) : interpolate(text, options);
    },
  };
}
