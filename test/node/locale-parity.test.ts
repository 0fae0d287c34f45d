import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SUPPORTED_LOCALES, type LocaleResource } from '../../src/i18n/supported-locales.js';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Plural forms whose word already says the number ("one message", "two messages") may leave `{{count}}` out. */
const COUNT_IN_WORDS = new Set(['zero', 'one', 'two']);

function flatten(resource: LocaleResource, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(resource)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.-]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort();
}

interface Shape {
  plain: Map<string, string>;
  plural: Map<string, Map<string, string>>;
}

function shape(resource: LocaleResource): Shape {
  const plain = new Map<string, string>();
  const plural = new Map<string, Map<string, string>>();
  for (const [key, text] of flatten(resource)) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match) {
      plain.set(key, text);
      continue;
    }
    const base = key.slice(0, -match[0].length);
    if (!plural.has(base)) plural.set(base, new Map());
    plural.get(base)!.set(match[1], text);
  }
  return { plain, plural };
}

const resources = new Map<string, LocaleResource>();
for (const tag of SUPPORTED_LOCALES) resources.set(tag, (await import(`../../src/i18n/locales/${tag}.js`)).default);
const en = shape(resources.get('en')!);

describe('bundled locales', () => {
  it('ships a file for every supported locale and lists every file in the folder', () => {
    const files = readdirSync(new URL('../../src/i18n/locales/', import.meta.url))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.slice(0, -3))
      .sort();
    assert.deepEqual(files, [...SUPPORTED_LOCALES].sort());
  });

  it('includes the languages of WhatsApp’s largest audiences', () => {
    for (const tag of ['en', 'es', 'pt-BR', 'pt-PT', 'fr', 'de', 'it', 'nl', 'pl', 'tr', 'ru', 'ar', 'he', 'hi', 'id', 'ms', 'sw']) {
      assert.ok((SUPPORTED_LOCALES as readonly string[]).includes(tag), tag);
    }
  });

  for (const tag of SUPPORTED_LOCALES) {
    describe(tag, () => {
      const own = shape(resources.get(tag)!);

      it('has every key of en.ts and no other', () => {
        assert.deepEqual([...own.plain.keys()].sort(), [...en.plain.keys()].sort());
        assert.deepEqual([...own.plural.keys()].sort(), [...en.plural.keys()].sort());
      });

      it('has no empty text', () => {
        const empty = [...flatten(resources.get(tag)!)].filter(([, text]) => text.trim() === '').map(([key]) => key);
        assert.deepEqual(empty, []);
      });

      it('uses the same interpolation variables as English', () => {
        for (const [key, text] of own.plain) assert.deepEqual(variables(text), variables(en.plain.get(key) ?? ''), `${tag}: ${key}`);
        for (const [base, forms] of own.plural) {
          const english = variables(en.plural.get(base)?.get('other') ?? '');
          for (const [form, text] of forms) {
            const expected = COUNT_IN_WORDS.has(form) ? english.filter((v) => v !== 'count') : english;
            const actual = COUNT_IN_WORDS.has(form) ? variables(text).filter((v) => v !== 'count') : variables(text);
            assert.deepEqual(actual, expected, `${tag}: ${base}_${form}`);
          }
        }
      });

      it('has exactly the plural forms the language uses (CLDR via Intl.PluralRules)', () => {
        const categories = [...new Intl.PluralRules(tag).resolvedOptions().pluralCategories].sort();
        for (const [base, forms] of own.plural) assert.deepEqual([...forms.keys()].sort(), categories, `${tag}: ${base}`);
      });
    });
  }
});
