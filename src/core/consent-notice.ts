/**
 * Composes the consent text from translated sentences. What is composed here
 * is what is rendered and what is recorded, so the record holds the exact text shown.
 */
import type { CategoryConfig } from './categories.js';
import type { Frequency } from './frequency.js';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export type NoticeSection =
  | { kind: 'lead'; text: string }
  | { kind: 'category'; id: string; label: string; description: string; required: boolean; text: string }
  | { kind: 'frequency'; text: string }
  | { kind: 'opt-out'; text: string }
  | { kind: 'privacy'; linkText: string; href: string; text: string };

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
}

export function channelName(channel: string, t: Translate): string {
  return t(`channel.${channel}`, { defaultValue: channel });
}

export function categoryLabel(category: CategoryConfig, t: Translate): string {
  return category.label ?? t(`category.${category.id}.label`);
}

export function composeConsentNotice(input: NoticeInput, t: Translate): ConsentNotice {
  const business = input.businessName.trim();
  const sections: NoticeSection[] = [
    { kind: 'lead', text: t('notice.lead', { business, channel: channelName(input.channel, t) }) },
  ];
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
      text: `${label}${marker}${description ? `: ${description}` : ''}`,
    });
  }
  if (input.frequency) {
    sections.push({
      kind: 'frequency',
      text: t(`notice.frequency.${input.frequency.period}`, { count: input.frequency.count }),
    });
  }
  sections.push({ kind: 'opt-out', text: t('notice.optOut', { business }) });
  if (input.privacyUrl) {
    const linkText = t('notice.privacyLink');
    sections.push({ kind: 'privacy', linkText, href: input.privacyUrl, text: `${linkText} <${input.privacyUrl}>` });
  }
  return { sections, text: sections.map((section) => section.text).join('\n') };
}
