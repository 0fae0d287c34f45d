import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePolicy } from '../../src/core/policy/evaluate-policy.js';
import type { PolicyCheck, PolicyRule } from '../../src/core/policy/policy-types.js';
import { gdprRules } from '../../src/core/policy/gdpr-rules.js';
import { platformRules } from '../../src/core/policy/platform-rules.js';
import { rulesForProfile } from '../../src/core/policy/profile-rules.js';
import { PROFILE_IDS } from '../../src/core/policy/profiles.js';
import { caslRules } from '../../src/core/policy/casl-rules.js';
import { smsUsRules } from '../../src/core/policy/sms-us-rules.js';
import { type ContextOptions, contextFor, withoutSection, withSectionText } from '../support/policy-context.js';

const allRules = new Map<string, PolicyRule>([...platformRules, ...gdprRules, ...smsUsRules, ...caslRules].map((e) => [e.id, e.rule]));

interface RuleCase {
  id: string;
  /** A context the rule passes. */
  passing: ContextOptions;
  /** Contexts it fails, each with the attribute its message must name. */
  failing: Array<{ why: string; context: ContextOptions; attribute: string }>;
}

const cases: RuleCase[] = [
  {
    id: 'business-named',
    passing: { profile: 'platform' },
    failing: [{ why: 'no business name', context: { profile: 'platform', config: { businessName: '  ' } }, attribute: 'business-name' }],
  },
  {
    id: 'messages-stated',
    passing: { profile: 'platform' },
    failing: [{ why: 'no lead sentence', context: { profile: 'platform', editNotice: withoutSection('lead') }, attribute: 'business-name' }],
  },
  {
    id: 'categories-disclosed',
    passing: { profile: 'platform' },
    failing: [{ why: 'no categories', context: { profile: 'platform', config: { categories: [] } }, attribute: 'categories' }],
  },
  {
    id: 'affirmative-action',
    passing: { profile: 'platform' },
    failing: [{ why: 'boxes start ticked', context: { profile: 'platform', interaction: { boxesStartUnticked: false } }, attribute: 'categories' }],
  },
  {
    id: 'phone-editable',
    passing: { profile: 'platform' },
    failing: [{ why: 'number not editable', context: { profile: 'platform', interaction: { phoneEditable: false } }, attribute: 'phone' }],
  },
  {
    id: 'opt-out-explained',
    passing: { profile: 'platform' },
    failing: [
      { why: 'no way to stop', context: { profile: 'platform', editNotice: withoutSection('opt-out') }, attribute: 'channel' },
      { why: 'own wording left blank', context: { profile: 'platform', editNotice: withSectionText('opt-out', '  ') }, attribute: 'channel' },
      {
        why: 'own wording without STOP',
        context: { profile: 'platform', editNotice: withSectionText('opt-out', 'You may unsubscribe whenever you like.') },
        attribute: 'texts',
      },
    ],
  },
  {
    id: 'not-an-inbound-message',
    passing: { profile: 'platform' },
    failing: [{ why: 'consent without a tick', context: { profile: 'platform', interaction: { consentOnlyByTick: false } }, attribute: 'source' }],
  },
  {
    id: 'channel-named',
    passing: { profile: 'gdpr' },
    failing: [{ why: 'platform wording omits WhatsApp', context: { profile: 'gdpr', noticeProfile: 'platform' }, attribute: 'channel' }],
  },
  {
    id: 'recipient-named',
    passing: { profile: 'gdpr' },
    failing: [{ why: 'Meta not named', context: { profile: 'gdpr', noticeProfile: 'platform' }, attribute: 'channel' }],
  },
  {
    id: 'privacy-linked',
    passing: { profile: 'gdpr' },
    failing: [
      { why: 'no privacy-url (GDPR)', context: { profile: 'gdpr', config: { privacyUrl: undefined } }, attribute: 'privacy-url' },
      {
        why: 'no privacy-url (US SMS)',
        context: { profile: 'sms-us', config: { channel: 'sms', privacyUrl: undefined } },
        attribute: 'privacy-url',
      },
    ],
  },
  {
    id: 'granular',
    passing: { profile: 'gdpr', config: { categories: [{ id: 'offers' }, { id: 'order-updates', required: true }] } },
    failing: [
      {
        why: 'marketing made required',
        context: { profile: 'gdpr', config: { categories: [{ id: 'offers', required: true }, { id: 'support' }] } },
        attribute: 'categories',
      },
      {
        why: "the page's own category counts as marketing",
        context: { profile: 'gdpr', config: { categories: [{ id: 'club', label: 'Club news', required: true }] } },
        attribute: 'categories',
      },
      { why: 'boxes bundled', context: { profile: 'gdpr', interaction: { boxesStartUnticked: false } }, attribute: 'categories' },
    ],
  },
  {
    id: 'not-conditional',
    passing: { profile: 'gdpr' },
    failing: [{ why: 'not stated', context: { profile: 'gdpr', noticeProfile: 'platform' }, attribute: 'jurisdiction' }],
  },
  {
    id: 'withdrawal-easy',
    passing: { profile: 'gdpr' },
    failing: [
      { why: 'platform wording', context: { profile: 'gdpr', noticeProfile: 'platform' }, attribute: 'jurisdiction' },
      {
        why: 'withdrawal not next to the boxes',
        context: {
          profile: 'gdpr',
          editNotice: (notice) => {
            const optOut = notice.sections.find((s) => s.kind === 'opt-out')!;
            const sections = [...notice.sections.filter((s) => s !== optOut), optOut];
            return { sections, text: sections.map((s) => s.text).join('\n') };
          },
        },
        attribute: 'jurisdiction',
      },
    ],
  },
  {
    id: 'frequency-disclosed',
    passing: { profile: 'sms-us', config: { channel: 'sms' } },
    failing: [{ why: 'no frequency', context: { profile: 'sms-us', config: { channel: 'sms', frequency: undefined } }, attribute: 'frequency' }],
  },
  {
    id: 'rates-disclosed',
    passing: { profile: 'sms-us', config: { channel: 'sms' } },
    failing: [
      { why: 'platform wording', context: { profile: 'sms-us', noticeProfile: 'platform', config: { channel: 'sms' } }, attribute: 'jurisdiction' },
      {
        why: 'own wording left blank',
        context: { profile: 'sms-us', config: { channel: 'sms' }, editNotice: withSectionText('rates', '') },
        attribute: 'jurisdiction',
      },
    ],
  },
  {
    id: 'stop-help-stated',
    passing: { profile: 'sms-us', config: { channel: 'sms' } },
    failing: [
      { why: 'platform wording', context: { profile: 'sms-us', noticeProfile: 'platform', config: { channel: 'sms' } }, attribute: 'jurisdiction' },
      {
        why: 'own wording without HELP',
        context: { profile: 'sms-us', config: { channel: 'sms' }, editNotice: withSectionText('stop-help', 'Reply STOP to cancel.') },
        attribute: 'jurisdiction',
      },
    ],
  },
  {
    id: 'terms-linked',
    passing: { profile: 'sms-us', config: { channel: 'sms' } },
    failing: [{ why: 'no terms-url', context: { profile: 'sms-us', config: { channel: 'sms', termsUrl: undefined } }, attribute: 'terms-url' }],
  },
  {
    id: 'sender-address-stated',
    passing: { profile: 'casl' },
    failing: [
      { why: 'no business-address (CASL)', context: { profile: 'casl', config: { businessAddress: undefined } }, attribute: 'business-address' },
      { why: 'platform wording omits the address', context: { profile: 'casl', noticeProfile: 'platform' }, attribute: 'business-address' },
    ],
  },
  {
    id: 'sender-contact-stated',
    passing: { profile: 'casl' },
    failing: [
      { why: 'no business-contact (CASL)', context: { profile: 'casl', config: { businessContact: '  ' } }, attribute: 'business-contact' },
      { why: 'no business-contact (strictest)', context: { profile: 'strictest', config: { businessContact: undefined } }, attribute: 'business-contact' },
    ],
  },
];

describe('compliance rules', () => {
  it('has a passing and a failing test for every rule id', () => {
    assert.deepEqual(cases.map((c) => c.id).sort(), [...allRules.keys()].sort());
  });

  for (const rule of cases) {
    describe(rule.id, () => {
      it('passes a compliant form', () => {
        const check = allRules.get(rule.id)!(contextFor(rule.passing));
        assert.deepEqual(check, { id: rule.id, passed: true });
      });
      for (const failing of rule.failing) {
        it(`fails when ${failing.why}, naming ${failing.attribute}`, () => {
          const check: PolicyCheck = allRules.get(rule.id)!(contextFor(failing.context));
          assert.equal(check.id, rule.id);
          assert.equal(check.passed, false);
          assert.equal(check.attribute, failing.attribute);
          assert.ok(check.message && check.message.length > 20, `message: ${check.message}`);
        });
      }
    });
  }
});

describe('evaluatePolicy', () => {
  const ids = (profile: (typeof PROFILE_IDS)[number], channel: string) => rulesForProfile(profile, channel).map((r) => r.id);
  const platformIds = platformRules.map((r) => r.id);

  it('applies the platform rules in every profile, and the stricter ones on top', () => {
    assert.deepEqual(ids('platform', 'whatsapp'), platformIds);
    assert.deepEqual(ids('gdpr', 'whatsapp'), [
      ...platformIds,
      'channel-named',
      'recipient-named',
      'privacy-linked',
      'granular',
      'not-conditional',
      'withdrawal-easy',
    ]);
    assert.deepEqual(ids('sms-us', 'sms'), [
      ...platformIds,
      'frequency-disclosed',
      'rates-disclosed',
      'stop-help-stated',
      'terms-linked',
      'privacy-linked',
      'not-conditional',
    ]);
  });

  it('applies the CASL rules on top of the platform rules for Canada, and in the strictest profile', () => {
    assert.deepEqual(ids('casl', 'whatsapp'), [...platformIds, 'sender-address-stated', 'sender-contact-stated']);
    for (const channel of ['whatsapp', 'sms']) {
      assert.ok(ids('strictest', channel).includes('sender-address-stated'), channel);
      assert.ok(ids('strictest', channel).includes('sender-contact-stated'), channel);
    }
    assert.ok(!ids('gdpr', 'whatsapp').includes('sender-address-stated'));
  });

  it('names Meta as a recipient only for WhatsApp', () => {
    assert.ok(ids('gdpr', 'whatsapp').includes('recipient-named'));
    assert.ok(!ids('gdpr', 'sms').includes('recipient-named'));
  });

  it('applies every rule the channel can reach when the country is unknown, each once', () => {
    assert.deepEqual(ids('strictest', 'whatsapp'), [...new Set([...ids('gdpr', 'whatsapp'), ...ids('casl', 'whatsapp')])]);
    const sms = ids('strictest', 'sms');
    assert.equal(new Set(sms).size, sms.length);
    for (const id of [...ids('gdpr', 'sms'), ...ids('sms-us', 'sms')]) assert.ok(sms.includes(id), id);
  });

  for (const [profile, channel] of [
    ['platform', 'whatsapp'],
    ['gdpr', 'whatsapp'],
    ['sms-us', 'sms'],
    ['casl', 'whatsapp'],
    ['casl', 'sms'],
    ['strictest', 'whatsapp'],
    ['strictest', 'sms'],
  ] as const) {
    it(`passes every check of ${profile} on ${channel} for a compliant form, and records the profile`, () => {
      const evaluation = evaluatePolicy(contextFor({ profile, config: { channel } }));
      assert.equal(evaluation.profile, profile);
      assert.deepEqual(
        evaluation.checks.filter((c) => !c.passed),
        [],
      );
      assert.deepEqual(
        evaluation.checks.map((c) => c.id),
        ids(profile, channel),
      );
    });
  }
});
