/**
 * Composes the consent text from translated sentences, one whole sentence per
 * key (never glued from fragments a translator could not reorder). What is
 * composed here is what is rendered and what is recorded, so the record holds
 * the exact text shown. The profile decides which sentences appear.
 */
import { type CategoryConfig, type TemplateCategory, templateCategoryOf } from './categories.js';
import type { Frequency } from './frequency.js';
import { type ProfileId, noticeRequirements } from '../policy/profiles.js';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export type NoticeSection =
  /** Who sends messages, and on which channel when the profile names it. */
  | { kind: 'lead'; text: string; business: string; channel?: string }
  | {
      kind: 'category';
      id: string;
      label: string;
      description: string;
      required: boolean;
      templateCategory: TemplateCategory;
      text: string;
    }
  /** Why some boxes are marked required (they are still never ticked for the person). */
  | { kind: 'required-note'; text: string }
  /** How to stop; `withdrawal` wording says it is as easy as agreeing (GDPR Art. 7(3)). */
  | { kind: 'opt-out'; withdrawal: boolean; text: string }
  | { kind: 'stop-help'; text: string }
  | { kind: 'frequency'; text: string }
  | { kind: 'rates'; text: string }
  | { kind: 'recipient'; recipient: string; text: string }
  | { kind: 'not-conditional'; text: string }
  /** CASL: the sender's mailing address, and how to reach it. */
  | { kind: 'sender-address'; address: string; text: string }
  | { kind: 'sender-contact'; contact: string; text: string }
  | { kind: 'privacy'; linkText: string; href: string; text: string }
  | { kind: 'terms'; linkText: string; href: string; text: string };

export type NoticeSectionKind = NoticeSection['kind'];

export interface ConsentNotice {
  sections: NoticeSection[];
  /** The sections in reading order, one per line: what `notice.text` records. */
  text: string;
}

export interface NoticeInput {
  businessName: string;
  channel: string;
  categories: CategoryConfig[];
  frequency?: Frequency;
  privacyUrl?: string;
  termsUrl?: string;
  /** The sender's mailing address and contact details, shown where the profile needs them (CASL). */
  businessAddress?: string;
  businessContact?: string;
  /** The profile applied; `platform` when omitted. */
  profile?: ProfileId;
  /** Every channel the form offers: with more than one, each lead names its own, so each group says where its messages come. */
  channels?: readonly string[];
}

export function channelName(channel: string, t: Translate): string {
  return t(`channel.${channel}`, { defaultValue: channel });
}

export function categoryLabel(category: CategoryConfig, t: Translate): string {
  return category.label ?? t(`category.${category.id}.label`);
}

/**
 * The first section of a kind, typed, that says something: a sentence (or a link's text) left
 * blank, as a business's own approved wording could leave it, counts as not shown, so the rule
 * that needs it fails.
 */
export function noticeSection<K extends NoticeSectionKind>(notice: ConsentNotice, kind: K): Extract<NoticeSection, { kind: K }> | undefined {
  return notice.sections.find(
    (section): section is Extract<NoticeSection, { kind: K }> =>
      section.kind === kind && ('linkText' in section ? section.linkText : section.text).trim() !== '',
  );
}

export function composeConsentNotice(input: NoticeInput, t: Translate): ConsentNotice {
  const business = input.businessName.trim();
  const needs = noticeRequirements(input.profile ?? 'platform', input.channel);
  const sections: NoticeSection[] = [];

  const channel = needs.namesChannel || (input.channels?.length ?? 0) > 1 ? channelName(input.channel, t) : undefined;
  sections.push({
    kind: 'lead',
    business,
    channel,
    text: channel ? t('notice.leadOnChannel', { business, channel }) : t('notice.lead', { business }),
  });

  for (const category of input.categories) {
    const label = categoryLabel(category, t);
    const description = category.description ?? (category.label ? '' : t(`category.${category.id}.description`));
    const required = category.required === true;
    const marker = required ? ` ${t('notice.requiredMarker')}` : '';
    sections.push({
      kind: 'category',
      id: category.id,
      label,
      description,
      required,
      templateCategory: templateCategoryOf(category),
      text: `${label}${marker}${description ? `: ${description}` : ''}`,
    });
  }
  if (input.categories.some((category) => category.required)) {
    sections.push({ kind: 'required-note', text: t('notice.requiredNote', { marker: t('notice.requiredMarker') }) });
  }

  // Right after the boxes: withdrawing is shown next to the consent itself.
  sections.push({
    kind: 'opt-out',
    withdrawal: needs.withdrawalWording,
    text: t(needs.withdrawalWording ? 'notice.optOutWithdrawal' : 'notice.optOut', { business }),
  });
  if (needs.smsDisclosures) sections.push({ kind: 'stop-help', text: t('notice.stopHelp') });
  if (input.frequency) {
    sections.push({
      kind: 'frequency',
      text: t(`notice.frequency.${input.frequency.period}`, { count: input.frequency.count }),
    });
  }
  if (needs.smsDisclosures) sections.push({ kind: 'rates', text: t('notice.rates') });
  if (needs.recipient) {
    sections.push({
      kind: 'recipient',
      recipient: needs.recipient,
      text: t('notice.recipient', { business, channel: channelName(input.channel, t), recipient: needs.recipient }),
    });
  }
  if (needs.statesNotConditional) sections.push({ kind: 'not-conditional', text: t('notice.notConditional') });
  const address = input.businessAddress?.trim();
  const contact = input.businessContact?.trim();
  if (needs.senderDetails && address) sections.push({ kind: 'sender-address', address, text: t('notice.senderAddress', { business, address }) });
  if (needs.senderDetails && contact) sections.push({ kind: 'sender-contact', contact, text: t('notice.senderContact', { business, contact }) });
  if (input.privacyUrl) {
    const linkText = t('notice.privacyLink');
    sections.push({ kind: 'privacy', linkText, href: input.privacyUrl, text: `${linkText} <${input.privacyUrl}>` });
  }
  if (input.termsUrl) {
    const linkText = t('notice.termsLink');
    sections.push({ kind: 'terms', linkText, href: input.termsUrl, text: `${linkText} <${input.termsUrl}>` });
  }
  return { sections, text: sections.map((section) => section.text).join('\n') };
}
