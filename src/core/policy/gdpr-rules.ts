/**
 * GDPR profile rules (EU/EEA, UK, CH contacts), applied on top of the platform
 * rules: consent freely given, specific, informed, unambiguous (Art. 4(11)),
 * provable (Art. 7(1)), as easy to withdraw as to give (Art. 7(3)).
 */
import { noticeSection } from '../notice/consent-notice.js';
import { templateCategoryOf } from '../notice/categories.js';
import type { PolicyRule } from './policy-types.js';
import { fail, pass } from './rule-check.js';

/** The lead sentence names the channel (the name was interpolated, so this holds in every locale). */
export const channelNamed: PolicyRule = ({ notice, config }) => {
  const lead = noticeSection(notice, 'lead');
  return lead?.channel && lead.text.includes(lead.channel)
    ? pass('channel-named')
    : fail('channel-named', 'channel', `the consent text does not name the channel "${config.channel}".`);
};

export const recipientNamed: PolicyRule = ({ notice, config }) => {
  const recipient = noticeSection(notice, 'recipient');
  return recipient && recipient.text.includes(recipient.recipient)
    ? pass('recipient-named')
    : fail('recipient-named', 'channel', `the consent text does not name the provider of "${config.channel}" as a recipient.`);
};

export const privacyLinked: PolicyRule = ({ notice, profile }) =>
  noticeSection(notice, 'privacy')?.href
    ? pass('privacy-linked')
    : fail(
        'privacy-linked',
        'privacy-url',
        `privacy-url is missing: the ${profile} profile needs a link to your privacy notice, e.g. privacy-url="https://example.com/privacy".`,
      );

/**
 * Each category has its own box (the widget's construction), and marketing is
 * never bundled with a service the person needs: a required marketing category
 * would make consent a condition of that service.
 */
export const granular: PolicyRule = ({ config, interaction }) => {
  const bundled = config.categories.filter((category) => category.required && templateCategoryOf(category) === 'marketing');
  if (!interaction.boxesStartUnticked) {
    return fail('granular', 'categories', 'each category needs its own unticked box.');
  }
  return bundled.length === 0
    ? pass('granular')
    : fail(
        'granular',
        'categories',
        `categories: ${bundled.map((c) => `"${c.id}"`).join(', ')} is marketing but marked required; marketing consent must stay optional, remove required.`,
      );
};

export const notConditional: PolicyRule = ({ notice }) =>
  noticeSection(notice, 'not-conditional')
    ? pass('not-conditional')
    : fail('not-conditional', 'jurisdiction', `the consent text does not say consent is not a condition of purchase.`);

/** The withdrawal sentence sits right after the boxes, and says withdrawing is as easy as agreeing. */
export const withdrawalEasy: PolicyRule = ({ notice }) => {
  const optOut = notice.sections.findIndex((section) => section.kind === 'opt-out');
  // Next to the consent: after the last box (or its note), or after the lead when there is no box yet.
  let lastChoice = -1;
  notice.sections.forEach((section, index) => {
    if (section.kind === 'lead' || section.kind === 'category' || section.kind === 'required-note') lastChoice = index;
  });
  const section = notice.sections[optOut];
  return section?.kind === 'opt-out' && section.withdrawal && optOut === lastChoice + 1
    ? pass('withdrawal-easy')
    : fail('withdrawal-easy', 'jurisdiction', 'the way to withdraw is not shown next to the consent.');
};

export const gdprRules = [
  { id: 'channel-named', rule: channelNamed },
  { id: 'recipient-named', rule: recipientNamed },
  { id: 'privacy-linked', rule: privacyLinked },
  { id: 'granular', rule: granular },
  { id: 'not-conditional', rule: notConditional },
  { id: 'withdrawal-easy', rule: withdrawalEasy },
];
