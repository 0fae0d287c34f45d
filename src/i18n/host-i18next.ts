/**
 * A page that already runs i18next can hand its instance to the elements (`useI18next(i18n)`), so
 * the page has one i18n: the elements add their texts to it under the `optin-elements` namespace
 * (without overwriting keys the page put there first, so the page can reword or add a language),
 * translate with it, and follow its `languageChanged`. Only the instance's documented methods are
 * used, typed structurally here, so the package needs no i18next code or types.
 */
import type { Translator } from './create-translator.js';
import type { LocaleResource } from './supported-locales.js';

/** The namespace the elements' texts live in, inside a handed-over i18next instance. */
export const I18NEXT_NAMESPACE = 'optin-elements';

/** The part of an i18next instance (`i18next` or `i18next.createInstance()`) the elements use. */
export interface I18nextInstance {
  language?: string;
  resolvedLanguage?: string;
  addResourceBundle(lng: string, ns: string, resources: object, deep?: boolean, overwrite?: boolean): unknown;
  getFixedT(lng: string | readonly string[], ns: string): (key: string, options?: Record<string, unknown>) => unknown;
  on(event: 'languageChanged' | 'added', listener: (...args: unknown[]) => void): unknown;
  off(event: 'languageChanged' | 'added', listener: (...args: unknown[]) => void): unknown;
}

let host: I18nextInstance | undefined;
/** Counts hand-overs and the instance's changes: an element's translator made before is stale. */
let generation = 0;
const listeners = new Set<() => void>();
/** Languages whose shipped texts are in the instance already. */
const added = new WeakMap<I18nextInstance, Set<string>>();
/** Set while the elements add their own texts: the instance's `added` event is then not a change. */
let adding = false;

function changed(): void {
  if (adding) return;
  generation++;
  for (const listener of [...listeners]) listener();
}

/**
 * Makes every optin-elements element on the page translate with this i18next instance (already
 * initialised by the page), or with its own translator again when called with `undefined`. An
 * element's `locale` attribute still wins; without one, the element shows the instance's language.
 */
export function useI18next(instance: I18nextInstance | undefined): void {
  if (instance === host) return;
  host?.off('languageChanged', changed);
  host?.off('added', changed);
  host = instance;
  host?.on('languageChanged', changed);
  host?.on('added', changed);
  changed();
}

/** Shipped texts arrived late (the preference centre's English, with its view): added to the instance again, every translator made again. */
export function shippedTextsChanged(): void {
  if (host) added.delete(host);
  changed();
}

export function hostI18next(): I18nextInstance | undefined {
  return host;
}

/** Changes each time the translators must be made again (a hand-over, a language or text change). */
export function hostI18nextGeneration(): number {
  return generation;
}

/** Calls `listener` after every such change; returns the unsubscribe. */
export function onHostI18nextChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language the instance shows, for elements without their own `locale`. */
export function hostI18nextLanguage(): string | undefined {
  return host?.resolvedLanguage || host?.language || undefined;
}

function addShippedTexts(instance: I18nextInstance, language: string, texts: LocaleResource): void {
  let languages = added.get(instance);
  if (!languages) added.set(instance, (languages = new Set()));
  if (languages.has(language)) return;
  languages.add(language);
  adding = true;
  try {
    // deep, never overwrite: the page's own keys in the namespace win over the shipped texts.
    instance.addResourceBundle(language, I18NEXT_NAMESPACE, texts, true, false);
  } finally {
    adding = false;
  }
}

/** A translator over the host's instance, for `language` (whose texts are `own`), English behind it. */
export function i18nextTranslator(instance: I18nextInstance, language: string, own: LocaleResource, english: LocaleResource): Translator {
  addShippedTexts(instance, 'en', english);
  addShippedTexts(instance, language, own);
  const t = instance.getFixedT(language === 'en' ? ['en'] : [language, 'en'], I18NEXT_NAMESPACE);
  // Lit escapes what it renders: i18next's own escaping would show "&amp;" for "&".
  return { language, t: (key, options) => String(t(key, { ...options, interpolation: { escapeValue: false } })) };
}
