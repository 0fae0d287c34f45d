import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFormConfiguration } from '../../src/core/notice/form-configuration.js';
import { assessCompliance } from '../../src/core/policy/assess-compliance.js';
import { WIDGET_INTERACTION } from '../../src/core/policy/policy-types.js';
import { createTranslator, withOwnTexts } from '../../src/i18n/create-translator.js';
import { readOwnTexts } from '../../src/i18n/own-texts.js';

const approvedOptOut = 'To stop, reply STOP to {{business}} at any time. Our privacy team answers within a day.';

function assess(own: Record<string, unknown>, country = 'US') {
  const { texts } = readOwnTexts(own);
  const t = withOwnTexts(createTranslator('en'), texts?.en).t;
  const { config } = readFormConfiguration(
    {
      businessName: 'Blumen Berlin',
      endpoint: '/consents',
      categories: 'offers',
      channel: '',
      privacyUrl: 'https://blumen.example/p',
      termsUrl: '',
      frequency: '',
      source: '',
      bsuid: '',
      jurisdiction: '',
      compliance: '',
    },
    'https://blumen.example/',
  );
  return assessCompliance({ config, jurisdiction: config.jurisdiction, country, interaction: WIDGET_INTERACTION }, t);
}

describe("a business's own approved wording (texts)", () => {
  it('reads the property or the same JSON, and reports a malformed value instead of throwing', () => {
    assert.equal(readOwnTexts('').texts, undefined);
    assert.equal(readOwnTexts('').problem, undefined);
    assert.deepEqual(readOwnTexts('{"en":{"notice":{"lead":"Hi"}}}').texts, { en: { notice: { lead: 'Hi' } } });
    assert.match(readOwnTexts('{"en":').problem ?? '', /must map locales to texts/);
    assert.match(readOwnTexts('["en"]').problem ?? '', /must map locales to texts/);
    assert.match(readOwnTexts(['en']).problem ?? '', /must map locales to texts/);
    // A text that is not a string is skipped: the bundled one shows.
    const t = withOwnTexts(createTranslator('en'), readOwnTexts({ en: { notice: { rates: 42 } } }).texts?.en).t;
    assert.equal(t('notice.rates'), 'Msg & data rates may apply.');
  });

  it('replaces only the keys it holds, with the same placeholders, and the notice records the text shown', () => {
    const assessment = assess({ en: { notice: { optOut: approvedOptOut } } });
    assert.ok(assessment.notice.text.includes('To stop, reply STOP to Blumen Berlin at any time.'));
    // The other sentences keep the bundled wording.
    assert.ok(assessment.notice.text.includes('I agree to receive messages from Blumen Berlin'));
    assert.deepEqual(assessment.configurationFailures, []);
  });

  it('still fails the rules: a lead without the business, a stop text without STOP, a GDPR text without the recipient', () => {
    const failed = (own: Record<string, unknown>, country?: string) => assess(own, country).configurationFailures.map((check) => check.id);
    assert.deepEqual(failed({ en: { notice: { lead: 'Sign up for our news.', leadOnChannel: 'Sign up for our news on {{channel}}.' } } }), ['business-named']);
    assert.deepEqual(failed({ en: { notice: { optOut: 'You may unsubscribe.', optOutWithdrawal: 'You may withdraw.' } } }), ['opt-out-explained']);
    assert.ok(failed({ en: { notice: { recipient: 'We share your data with partners.' } } }).includes('recipient-named'));
    assert.ok(failed({ en: { notice: { notConditional: '' } } }).includes('not-conditional'));
  });

  it('uses the texts of the language shown, and plural forms as a locale file has them', () => {
    const translator = withOwnTexts(createTranslator('en'), {
      notice: { frequency: { month_one: 'One a month, at most.', month_other: 'At most {{count}} a month.' } },
    });
    assert.equal(translator.t('notice.frequency.month', { count: 1 }), 'One a month, at most.');
    assert.equal(translator.t('notice.frequency.month', { count: 4 }), 'At most 4 a month.');
    assert.equal(translator.t('notice.rates'), 'Msg & data rates may apply.');
  });
});
