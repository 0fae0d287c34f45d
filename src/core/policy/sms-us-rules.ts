/**
 * US SMS rules (TCPA / CTIA disclosures), for `channel="sms"` and US numbers,
 * on top of the platform rules; `channel-named`-style brand naming is covered by
 * `business-named`, the privacy link and "not a condition of purchase" by the
 * shared `privacy-linked` and `not-conditional` rules.
 */
import { noticeSection } from '../notice/consent-notice.js';
import { notConditional, privacyLinked } from './gdpr-rules.js';
import type { PolicyRule } from './policy-types.js';
import { fail, pass } from './rule-check.js';

export const frequencyDisclosed: PolicyRule = ({ notice }) =>
  noticeSection(notice, 'frequency')
    ? pass('frequency-disclosed')
    : fail('frequency-disclosed', 'frequency', 'frequency is missing: US SMS programmes must say how often messages come, e.g. frequency="4/month".');

export const ratesDisclosed: PolicyRule = ({ notice }) =>
  noticeSection(notice, 'rates')
    ? pass('rates-disclosed')
    : fail('rates-disclosed', 'jurisdiction', 'the consent text does not say "Msg & data rates may apply".');

export const stopHelpStated: PolicyRule = ({ notice }) =>
  /\bSTOP\b.*\bHELP\b|\bHELP\b.*\bSTOP\b/.test(noticeSection(notice, 'stop-help')?.text ?? '')
    ? pass('stop-help-stated')
    : fail('stop-help-stated', 'jurisdiction', 'the consent text does not say "Reply STOP to cancel, HELP for help".');

export const termsLinked: PolicyRule = ({ notice }) =>
  noticeSection(notice, 'terms')?.href
    ? pass('terms-linked')
    : fail(
        'terms-linked',
        'terms-url',
        'terms-url is missing: US SMS programmes need a link to the messaging terms, e.g. terms-url="https://example.com/sms-terms".',
      );

export const smsUsRules = [
  { id: 'frequency-disclosed', rule: frequencyDisclosed },
  { id: 'rates-disclosed', rule: ratesDisclosed },
  { id: 'stop-help-stated', rule: stopHelpStated },
  { id: 'terms-linked', rule: termsLinked },
  { id: 'privacy-linked', rule: privacyLinked },
  { id: 'not-conditional', rule: notConditional },
];
