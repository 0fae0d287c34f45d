import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFormConfiguration, type FormAttributes } from '../../src/core/notice/form-configuration.js';
import { assessCompliance, complianceReport } from '../../src/core/policy/assess-compliance.js';
import { chooseProfile, combineProfiles, profileForBusiness } from '../../src/core/policy/choose-profile.js';
import { WIDGET_INTERACTION } from '../../src/core/policy/policy-types.js';
import { t } from '../support/policy-context.js';

const attributes = (overrides: Partial<FormAttributes> = {}): FormAttributes => ({
  businessName: 'Blumen Berlin',
  endpoint: '/consents',
  categories: 'offers,order-updates',
  channel: 'whatsapp',
  privacyUrl: 'https://blumen.example/privacy',
  termsUrl: '',
  frequency: '4/month',
  source: '',
  bsuid: '',
  jurisdiction: '',
  compliance: '',
  ...overrides,
});

function assess(overrides: Partial<FormAttributes>, country?: string) {
  const { config, problems } = readFormConfiguration(attributes(overrides), 'https://blumen.example/join');
  const assessment = assessCompliance({ config, jurisdiction: config.jurisdiction, country, interaction: WIDGET_INTERACTION }, t);
  return { config, problems, assessment, report: complianceReport(config.compliance, config.jurisdiction, country, problems, assessment) };
}

describe('business-country: the law of where the business is established', () => {
  it('gives an EU/EEA, UK or Swiss business at least the gdpr profile for everyone (GDPR Art. 3(1))', () => {
    for (const business of ['DE', 'fr', 'NO', 'GB', 'CH']) {
      assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp', country: 'US', businessCountry: business }), 'gdpr', business);
      assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp', country: 'BR', businessCountry: business }), 'gdpr', business);
      // An explicit lower profile does not undo the establishment's law either.
      assert.equal(chooseProfile({ jurisdiction: 'platform', channel: 'whatsapp', country: 'US', businessCountry: business }), 'gdpr', business);
    }
  });

  it('changes nothing for a business elsewhere, or when business-country is not set', () => {
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp', country: 'US', businessCountry: 'US' }), 'platform');
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp', country: 'US' }), 'platform');
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'sms', country: 'US', businessCountry: 'BR' }), 'sms-us');
  });

  it('applies every profile both laws ask for when they differ', () => {
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'sms', country: 'US', businessCountry: 'DE' }), 'strictest');
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp', country: 'CA', businessCountry: 'DE' }), 'strictest');
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp', country: 'DE', businessCountry: 'CA' }), 'strictest');
    assert.equal(combineProfiles('gdpr', 'gdpr'), 'gdpr');
    assert.equal(combineProfiles('platform', 'casl'), 'casl');
    assert.equal(profileForBusiness(undefined), 'platform');
  });

  it('shows GDPR wording to a US number when the business is German', () => {
    const { assessment, report } = assess({ businessCountry: 'DE' }, 'US');
    assert.equal(report.profile, 'gdpr');
    const text = assessment.notice.text;
    assert.match(text, /withdraw your consent at any time/);
    assert.match(text, /Meta/);
    assert.match(text, /not a condition of any purchase/);
    assert.deepEqual(
      assessment.evaluation.checks.filter((c) => !c.passed),
      [],
    );
  });

  it('reports a malformed business-country instead of guessing, and blocks the form', () => {
    const { problems, report } = assess({ businessCountry: 'Germany' }, 'US');
    assert.deepEqual(
      problems.map((p) => p.attribute),
      ['business-country'],
    );
    assert.equal(report.blocked, true);
  });
});

describe('the CASL profile (Canada)', () => {
  const casl = { businessAddress: '12 Main St, Toronto ON M5V 2T6', businessContact: 'hello@shop.example' };

  it('gives a Canadian number the casl profile, with the sender’s mailing address and contact in the text', () => {
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'whatsapp', country: 'CA' }), 'casl');
    assert.equal(chooseProfile({ jurisdiction: 'auto', channel: 'sms', country: 'CA' }), 'casl');
    const { assessment, report } = assess(casl, 'CA');
    assert.equal(report.profile, 'casl');
    assert.match(assessment.notice.text, /Sent by Blumen Berlin, 12 Main St, Toronto ON M5V 2T6\./);
    assert.match(assessment.notice.text, /Contact Blumen Berlin: hello@shop\.example\./);
    assert.deepEqual(
      assessment.evaluation.checks.filter((c) => !c.passed),
      [],
    );
    assert.deepEqual(assessment.personFailures, []);
  });

  it('shows the sender details in the strictest profile too, and not to a US number', () => {
    assert.match(assess(casl).assessment.notice.text, /Sent by Blumen Berlin/);
    assert.doesNotMatch(assess(casl, 'US').assessment.notice.text, /Sent by/);
  });

  it('does not block an auto form without the details for everyone, but refuses a Canadian number', () => {
    const us = assess({}, 'US');
    assert.equal(us.report.blocked, false);
    assert.deepEqual(us.assessment.personFailures, []);
    const ca = assess({}, 'CA');
    assert.equal(ca.report.blocked, false, 'the form stays for the person typing');
    assert.deepEqual(
      ca.assessment.personFailures.map((c) => c.id),
      ['sender-address-stated', 'sender-contact-stated'],
    );
    // Before a number is typed nobody is refused.
    assert.deepEqual(assess({}).assessment.personFailures, []);
  });

  it('blocks a Canadian business, or an explicit casl profile, without the details, naming both attributes', () => {
    for (const overrides of [{ businessCountry: 'CA' }, { jurisdiction: 'casl' }]) {
      const { report } = assess(overrides, 'US');
      assert.equal(report.blocked, true, JSON.stringify(overrides));
      assert.deepEqual(report.problems.map((p) => p.attribute).sort(), ['business-address', 'business-contact']);
    }
    assert.equal(assess({ businessCountry: 'CA', ...casl }, 'US').report.blocked, false);
    assert.equal(assess({ businessCountry: 'CA', ...casl }, 'US').report.profile, 'casl');
  });
});
