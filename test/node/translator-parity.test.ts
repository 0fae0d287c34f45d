/**
 * The elements translate with their own small translator (create-translator.ts), or with the
 * page's i18next when it hands it over (`useI18next`). Both read the same i18next resources; this
 * holds the small one to i18next's output, through that hand-over, for every key of every locale,
 * with every count that picks a different plural form, so a page shows the same text either way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import { createTranslator as createCompactTranslator, type Translator } from '../../src/i18n/create-translator.js';
import { I18NEXT_NAMESPACE, useI18next } from '../../src/i18n/host-i18next.js';
import { ensureLocale, loadedLocale } from '../../src/i18n/locale-registry.js';
import { type LocaleResource, SUPPORTED_LOCALES, type SupportedLocale } from '../../src/i18n/supported-locales.js';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/**
 * Counts that reach every plural form of the shipped languages (Arabic's zero/two/few/many, Polish's
 * few/many, …), and negative and fractional ones (English's own rule must agree with Intl's there).
 */
const COUNTS = [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 100, 101, 102, 111, 1000, -1, -2, 0.5, 1.5, -0];
const VALUES = {
  business: 'Blumen <Berlin> & Söhne',
  channel: 'WhatsApp',
  recipient: 'Meta Platforms Ireland',
  label: 'Offers',
  country: 'Deutschland',
  dialCode: '+49',
  code: 'K7Q2',
  query: 'zz',
  marker: '(required)',
};

function keysOf(resource: LocaleResource, prefix = ''): string[] {
  return Object.entries(resource).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [path.replace(PLURAL_SUFFIX, '')] : keysOf(value, path);
  });
}

for (const locale of SUPPORTED_LOCALES) assert.ok(await ensureLocale(locale), `${locale} loads`);

/** A page's own i18next, set up as i18next's documentation shows (escaping on, its default). */
const host = i18next.createInstance();
host.init({ lng: 'en', fallbackLng: 'en', resources: {}, initAsync: false });

/** The translator an element gets for `locale` while the page's i18next is handed over. */
function createI18nextTranslator(locale: SupportedLocale): Translator {
  useI18next(host);
  try {
    return createCompactTranslator(locale);
  } finally {
    useI18next(undefined);
  }
}

describe("the elements' translator says what a handed-over i18next says", () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`for every key of ${locale}, with and without values, at every plural count`, () => {
      const reference = createI18nextTranslator(locale);
      const compact = createCompactTranslator(locale);
      assert.equal(compact.language, reference.language);
      const keys = [...new Set(keysOf(loadedLocale(locale)!))];
      assert.ok(keys.length > 50, `${locale} has its keys`);
      let compared = 0;
      for (const key of keys) {
        assert.equal(compact.t(key), reference.t(key), `${locale} ${key} without values`);
        assert.equal(compact.t(key, VALUES), reference.t(key, VALUES), `${locale} ${key}`);
        for (const count of COUNTS) {
          assert.equal(compact.t(key, { ...VALUES, count }), reference.t(key, { ...VALUES, count }), `${locale} ${key} count ${count}`);
        }
        compared++;
      }
      assert.equal(compared, keys.length);
    });
  }

  it('answers a missing key with the key, or with its defaultValue, as i18next does', () => {
    const reference = createI18nextTranslator('de');
    const compact = createCompactTranslator('de');
    for (const [key, options] of [
      ['channel.carrier-pigeon', {}],
      ['channel.carrier-pigeon', { defaultValue: 'carrier-pigeon' }],
      ['no.such.key', { count: 2 }],
    ] as const) {
      assert.equal(compact.t(key, options), reference.t(key, options), key);
    }
    assert.equal(compact.t('channel.carrier-pigeon', { defaultValue: 'carrier-pigeon' }), 'carrier-pigeon');
  });

  it("lets the page's own keys in the optin-elements namespace win over the shipped text", () => {
    const page = i18next.createInstance();
    page.init({ lng: 'de', resources: { de: { [I18NEXT_NAMESPACE]: { form: { submit: 'Jetzt anmelden' } } } }, initAsync: false });
    useI18next(page);
    try {
      const t = createCompactTranslator('de').t;
      assert.equal(t('form.submit'), 'Jetzt anmelden');
      assert.equal(t('form.phoneLabel'), 'Handynummer');
    } finally {
      useI18next(undefined);
    }
    assert.equal(createCompactTranslator('de').t('form.submit'), 'Anmelden');
  });
});
