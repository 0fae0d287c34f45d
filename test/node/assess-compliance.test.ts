import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFormConfiguration, type FormAttributes } from '../../src/core/notice/form-configuration.js';
import { assessCompliance, complianceReport } from '../../src/core/policy/assess-compliance.js';
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

describe('form configuration and compliance report', () => {
  it('defaults to jurisdiction auto, strict compliance and source website', () => {
    const { config, report } = assess({});
    assert.equal(config.jurisdiction, 'auto');
    assert.equal(config.compliance, 'strict');
    assert.equal(config.source, 'website');
    assert.equal(report.profile, 'strictest');
    assert.equal(report.blocked, false);
  });

  it('blocks a form without privacy-url even for a US number, because anyone may type an EU number', () => {
    const { assessment, report } = assess({ privacyUrl: '' }, 'US');
    assert.equal(assessment.profile, 'platform');
    assert.ok(assessment.evaluation.checks.every((c) => c.passed));
    assert.equal(report.blocked, true);
    assert.deepEqual(
      report.problems.map((p) => [p.attribute, p.rule]),
      [['privacy-url', 'privacy-linked']],
    );
  });

  it('relaxes failed rules to warnings with compliance="warn", and records them as failed', () => {
    const { assessment, report } = assess({ privacyUrl: '', compliance: 'warn' }, 'DE');
    assert.equal(report.blocked, false);
    assert.equal(report.profile, 'gdpr');
    assert.deepEqual(
      assessment.evaluation.checks.filter((c) => !c.passed).map((c) => c.id),
      ['privacy-linked'],
    );
  });

  it('lets jurisdiction="platform" collect without a privacy link', () => {
    const { report } = assess({ privacyUrl: '', jurisdiction: 'platform' }, 'DE');
    assert.equal(report.profile, 'platform');
    assert.equal(report.blocked, false);
  });

  it('never relaxes missing attributes: no endpoint blocks even with compliance="warn"', () => {
    const { report } = assess({ endpoint: '', compliance: 'warn' });
    assert.equal(report.blocked, true);
    assert.deepEqual(
      report.problems.map((p) => p.attribute),
      ['endpoint'],
    );
  });

  it('reports a missing business name once, as the attribute to set', () => {
    const { report } = assess({ businessName: '' });
    assert.deepEqual(
      report.problems.map((p) => p.attribute),
      ['business-name'],
    );
  });

  it('names jurisdiction, compliance and categories when their values are wrong', () => {
    assert.deepEqual(
      assess({ jurisdiction: 'eu' }).problems.map((p) => p.attribute),
      ['jurisdiction'],
    );
    assert.deepEqual(
      assess({ jurisdiction: 'sms-us' }).problems.map((p) => p.attribute),
      ['jurisdiction'],
    );
    assert.deepEqual(
      assess({ compliance: 'off' }).problems.map((p) => p.attribute),
      ['compliance'],
    );
    assert.match(assess({ categories: [{ id: 'offers', checked: true }] }).problems[0]?.message ?? '', /never pre-ticked/);
    assert.match(assess({ categories: [{ id: 'club', label: 'Club', templateCategory: 'promo' }] }).problems[0]?.message ?? '', /templateCategory/);
  });

  it('asks for terms-url and frequency on SMS, whose reach includes US numbers', () => {
    const { report } = assess({ channel: 'sms', frequency: '' });
    assert.deepEqual(report.problems.map((p) => p.rule).sort(), ['frequency-disclosed', 'terms-linked']);
    const fixed = assess({ channel: 'sms', termsUrl: 'https://blumen.example/sms-terms' }, 'US');
    assert.equal(fixed.report.profile, 'sms-us');
    assert.equal(fixed.report.blocked, false);
  });

  it('keeps a BSUID-only subject valid and the phone optional', () => {
    const { config, report } = assess({ bsuid: 'US.13491208655302741918' });
    assert.equal(config.hasBsuid, true);
    assert.equal(config.bsuid, 'US.13491208655302741918');
    assert.equal(report.blocked, false);
  });
});
