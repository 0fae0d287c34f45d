import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeConsentNotice } from '../../src/core/notice/consent-notice.js';
import { compliantConfig, t } from '../support/policy-context.js';

const textFor = (profile: 'platform' | 'gdpr' | 'sms-us' | 'strictest', channel = 'whatsapp', overrides = {}) =>
  composeConsentNotice({ ...compliantConfig({ channel, ...overrides }), profile }, t).text;

describe('composeConsentNotice', () => {
  it('at platform level names the business and how to stop, without naming WhatsApp or Meta', () => {
    const text = textFor('platform');
    assert.match(text, /messages from Blumen Berlin about the topics/);
    assert.match(text, /reply STOP/);
    assert.doesNotMatch(text, /WhatsApp|Meta/);
  });

  it('in the GDPR profile names WhatsApp as the channel, Meta as a recipient, easy withdrawal and no condition of purchase', () => {
    const text = textFor('gdpr');
    assert.match(text, /messages from Blumen Berlin on WhatsApp/);
    assert.match(text, /WhatsApp is provided by Meta: .*shares your number and the messages with Meta/);
    assert.match(text, /withdraw your consent at any time, as easily as you gave it/);
    assert.match(text, /not a condition of any purchase/);
    assert.match(text, /Privacy notice <https:\/\/blumen\.example\/privacy>/);
  });

  it('for US SMS gives the carrier disclosures', () => {
    const text = textFor('sms-us', 'sms');
    assert.match(text, /messages from Blumen Berlin on SMS/);
    assert.match(text, /Up to 4 messages a month\./);
    assert.match(text, /Msg & data rates may apply\./);
    assert.match(text, /Reply STOP to cancel, HELP for help\./);
    assert.match(text, /Messaging terms <https:\/\/blumen\.example\/terms>/);
    assert.match(text, /Privacy notice </);
    assert.match(text, /not a condition of any purchase/);
    assert.doesNotMatch(text, /Meta/);
  });

  it('names the channel at platform level when it is not WhatsApp, so the person knows where messages come', () => {
    assert.match(textFor('platform', 'sms'), /on SMS/);
  });

  it('explains required categories and maps presets to WhatsApp template categories', () => {
    const notice = composeConsentNotice(
      { ...compliantConfig({ categories: [{ id: 'offers' }, { id: 'order-updates', required: true }, { id: 'club', label: 'Club' }] }) },
      t,
    );
    const categories = notice.sections.flatMap((s) => (s.kind === 'category' ? [[s.id, s.templateCategory, s.required]] : []));
    assert.deepEqual(categories, [
      ['offers', 'marketing', false],
      ['order-updates', 'utility', true],
      ['club', 'marketing', false],
    ]);
    assert.match(notice.text, /Order updates \(required\)/);
    assert.match(notice.text, /Topics marked \(required\) are needed for a service you asked for/);
  });

  it('says nothing about required topics when none is required', () => {
    assert.doesNotMatch(textFor('gdpr', 'whatsapp', { categories: [{ id: 'offers' }] }), /Topics marked/);
  });
});
