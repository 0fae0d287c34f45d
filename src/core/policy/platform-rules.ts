/**
 * Platform rules: Meta's WhatsApp Business Messaging Policy, as COMPLIANCE.md
 * states it. Each rule reads the composed notice (what the person sees) or the
 * widget's interaction facts, never a flag that merely claims compliance.
 */
import { noticeSection } from '../notice/consent-notice.js';
import type { PolicyRule } from './policy-types.js';
import { fail, pass } from './rule-check.js';

export const businessNamed: PolicyRule = ({ config, notice }) => {
  const name = config.businessName.trim();
  const lead = noticeSection(notice, 'lead');
  return name && lead?.text.includes(name)
    ? pass('business-named')
    : fail('business-named', 'business-name', 'business-name is missing: set it to the name people know your business by.');
};

/** The lead sentence says messages will come from the business. */
export const messagesStated: PolicyRule = ({ notice }) =>
  noticeSection(notice, 'lead')?.text
    ? pass('messages-stated')
    : fail('messages-stated', 'business-name', 'the consent text does not say who sends messages: set business-name.');

export const categoriesDisclosed: PolicyRule = ({ notice }) =>
  notice.sections.some((section) => section.kind === 'category' && section.label.trim())
    ? pass('categories-disclosed')
    : fail('categories-disclosed', 'categories', 'categories is empty: list the kinds of messages you will send, e.g. categories="offers,order-updates".');

export const affirmativeAction: PolicyRule = ({ interaction }) =>
  interaction.boxesStartUnticked ? pass('affirmative-action') : fail('affirmative-action', 'categories', 'a category box would start ticked.');

export const phoneEditable: PolicyRule = ({ interaction }) =>
  interaction.phoneEditable ? pass('phone-editable') : fail('phone-editable', 'phone', 'a prefilled number must stay editable.');

/**
 * How to stop is stated, and names STOP: the word every bundled language's text tells the person to
 * reply, and the receiver recognises in any language. A business's own wording (`texts`) must keep it.
 */
export const optOutExplained: PolicyRule = ({ notice }) => {
  const optOut = noticeSection(notice, 'opt-out');
  if (!optOut) return fail('opt-out-explained', 'channel', 'the consent text does not say how to stop.');
  return /\bSTOP\b/.test(optOut.text)
    ? pass('opt-out-explained')
    : fail('opt-out-explained', 'texts', `the text on how to stop must tell the person to reply STOP: "${optOut.text}".`);
};

export const notAnInboundMessage: PolicyRule = ({ interaction }) =>
  interaction.consentOnlyByTick ? pass('not-an-inbound-message') : fail('not-an-inbound-message', 'source', 'consent would be recorded without a tick.');

export const platformRules = [
  { id: 'business-named', rule: businessNamed },
  { id: 'messages-stated', rule: messagesStated },
  { id: 'categories-disclosed', rule: categoriesDisclosed },
  { id: 'affirmative-action', rule: affirmativeAction },
  { id: 'phone-editable', rule: phoneEditable },
  { id: 'opt-out-explained', rule: optOutExplained },
  { id: 'not-an-inbound-message', rule: notAnInboundMessage },
];
