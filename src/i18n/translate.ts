/**
 * The part of i18next the elements use, in a few hundred bytes instead of
 * i18next's ~14 KiB (brotli): nested keys, `{{name}}` interpolation,
 * `_zero/_one/_two/_few/_many/_other` plurals through `Intl.PluralRules`,
 * `defaultValue`, and fallback to a second language. The resources keep
 * i18next's JSON v4 format, so locale files stay plain i18next resources.
 */
export interface ResourceTree {
  [key: string]: string | ResourceTree;
}

export type TranslateOptions = Record<string, unknown> & { count?: number; defaultValue?: string };

function lookup(resource: ResourceTree | undefined, key: string): string | undefined {
  let node: string | ResourceTree | undefined = resource;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

function interpolate(text: string, options: TranslateOptions): string {
  // Values are inserted unescaped, like i18next with `escapeValue: false`: Lit escapes on render.
  // A format (`{{count, number}}`) is accepted and the value inserted as it is.
  return text.replace(/\{\{\s*([\w.-]+)\s*(?:,[^}]*)?\}\}/g, (match, name: string) => (name in options ? String(options[name]) : match));
}

/** The text for `key` in the first language of `languages` that has it, else `defaultValue`, else the key itself. */
export function translate(
  resources: Record<string, ResourceTree>,
  languages: string[],
  key: string,
  options: TranslateOptions = {},
): string {
  for (const language of languages) {
    const resource = resources[language];
    let text: string | undefined;
    if (typeof options.count === 'number') {
      const count = options.count;
      text =
        (count === 0 ? lookup(resource, `${key}_zero`) : undefined) ??
        lookup(resource, `${key}_${new Intl.PluralRules(language).select(count)}`);
    }
    text ??= lookup(resource, key);
    if (text !== undefined) return interpolate(text, options);
  }
  return options.defaultValue === undefined ? key : interpolate(options.defaultValue, options);
}
