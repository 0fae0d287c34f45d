import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTranslator, resolveLocale } from '../../src/i18n/create-translator.js';
import { translate } from '../../src/i18n/translate.js';

const resources = {
  en: { greeting: 'Hello {{name}}', nested: { deep: 'deep text' }, item_one: '{{count}} item', item_other: '{{count}} items' },
  pl: { item_one: '{{count}} wiadomość', item_few: '{{count}} wiadomości', item_many: '{{count}} wiadomości (many)', item_other: 'x' },
  de: { item_zero: 'keine', item_one: 'eine', item_other: '{{count}} Stück' },
};

describe('translate (the i18next subset the elements use)', () => {
  it('reads nested keys and interpolates named values', () => {
    assert.equal(translate(resources, ['en'], 'greeting', { name: 'Ada' }), 'Hello Ada');
    assert.equal(translate(resources, ['en'], 'nested.deep'), 'deep text');
  });

  it('inserts a value whose placeholder names a format', () => {
    assert.equal(translate({ en: { n: 'Up to {{count, number}} a week' } }, ['en'], 'n', { count: 3 }), 'Up to 3 a week');
  });

  it('leaves an unknown placeholder as written instead of printing "undefined"', () => {
    assert.equal(translate(resources, ['en'], 'greeting'), 'Hello {{name}}');
  });

  it('picks the plural form the language rules ask for', () => {
    assert.equal(translate(resources, ['en'], 'item', { count: 1 }), '1 item');
    assert.equal(translate(resources, ['en'], 'item', { count: 4 }), '4 items');
    assert.equal(translate(resources, ['pl', 'en'], 'item', { count: 3 }), '3 wiadomości');
    assert.equal(translate(resources, ['pl', 'en'], 'item', { count: 5 }), '5 wiadomości (many)');
  });

  it('uses a _zero form for a count of 0 when the locale has one', () => {
    assert.equal(translate(resources, ['de', 'en'], 'item', { count: 0 }), 'keine');
    assert.equal(translate(resources, ['en'], 'item', { count: 0 }), '0 items');
  });

  it('falls back to the next language, then to defaultValue, then to the key', () => {
    assert.equal(translate(resources, ['de', 'en'], 'greeting', { name: 'Bo' }), 'Hello Bo');
    assert.equal(translate(resources, ['en'], 'channel.fax', { defaultValue: 'fax' }), 'fax');
    assert.equal(translate(resources, ['en'], 'missing.key'), 'missing.key');
  });

  it('translates the bundled English texts the form shows', () => {
    const { t, language } = createTranslator('en-GB');
    assert.equal(language, 'en');
    assert.equal(t('notice.frequency.month', { count: 4 }), 'Up to 4 messages a month.');
    assert.equal(t('notice.frequency.week', { count: 1 }), 'Up to 1 message a week.');
    assert.equal(
      t('notice.lead', { business: 'Blumen Berlin', channel: 'WhatsApp' }),
      'I agree to receive messages from Blumen Berlin on WhatsApp about the topics I tick below.',
    );
    assert.equal(resolveLocale('not a tag!'), 'en');
  });
});
