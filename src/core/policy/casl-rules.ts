/**
 * CASL profile rules (Canada's Anti-Spam Legislation, s. 10(2) and the CRTC's Electronic Commerce
 * Protection Regulations s. 4): a request for consent identifies the person seeking it by name
 * (`business-named`), mailing address, and a telephone number, email address or web address, and
 * says consent can be withdrawn (`opt-out-explained`). Applied on top of the platform rules for
 * Canadian numbers and for a business established in Canada.
 */
import { noticeSection } from '../notice/consent-notice.js';
import type { PolicyRule } from './policy-types.js';
import { fail, pass } from './rule-check.js';

export const senderAddressStated: PolicyRule = ({ notice, profile }) => {
  const section = noticeSection(notice, 'sender-address');
  return section?.address.trim() && section.text.includes(section.address)
    ? pass('sender-address-stated')
    : fail('sender-address-stated', 'business-address', `business-address is missing: the ${profile} profile (CASL, Canada) shows your mailing address.`);
};

export const senderContactStated: PolicyRule = ({ notice, profile }) => {
  const section = noticeSection(notice, 'sender-contact');
  return section?.contact.trim() && section.text.includes(section.contact)
    ? pass('sender-contact-stated')
    : fail(
        'sender-contact-stated',
        'business-contact',
        `business-contact is missing: the ${profile} profile (CASL, Canada) shows a phone, email or web address to reach you.`,
      );
};

export const caslRules = [
  { id: 'sender-address-stated', rule: senderAddressStated },
  { id: 'sender-contact-stated', rule: senderContactStated },
];

/** The rule ids only CASL adds: a form that may never reach a Canadian number is not judged by them. */
export const CASL_RULE_IDS: ReadonlySet<string> = new Set(caslRules.map((entry) => entry.id));
