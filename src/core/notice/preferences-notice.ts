/**
 * The text the preference centre shows, composed from translated sentences.
 * What is composed here is what is rendered and what a preferences or opt-out
 * record keeps as `notice.text`, so the record holds the exact text shown.
 */
import type { CategoryConfig } from './categories.js';
import { categoryLabel, channelName, type Translate } from './consent-notice.js';
import type { RecordPolicy } from '../record/consent-record.js';

export type PreferencesSection =
  | { kind: 'lead'; text: string }
  | { kind: 'category'; id: string; label: string; description: string; granted?: boolean; text: string }
  | { kind: 'stop-all'; text: string }
  | { kind: 'how'; text: string };

export interface PreferencesNotice {
  sections: PreferencesSection[];
  /** The sections in reading order, one per line. */
  text: string;
}

export interface PreferencesNoticeInput {
  businessName: string;
  channel: string;
  categories: CategoryConfig[];
  /** The current state per category, when the receiver told it (token holders only). */
  state?: ReadonlyMap<string, boolean>;
}

export function composePreferencesNotice(input: PreferencesNoticeInput, t: Translate): PreferencesNotice {
  const business = input.businessName.trim();
  const sections: PreferencesSection[] = [{ kind: 'lead', text: t('preferences.lead', { business, channel: channelName(input.channel, t) }) }];
  for (const category of input.categories) {
    const label = categoryLabel(category, t);
    const description = category.description ?? (category.label ? '' : t(`category.${category.id}.description`));
    const granted = input.state?.get(category.id);
    const status = granted === undefined ? '' : ` — ${t(granted ? 'preferences.receiving' : 'preferences.stopped')}`;
    sections.push({
      kind: 'category',
      id: category.id,
      label,
      description,
      ...(granted === undefined ? {} : { granted }),
      text: `${label}${description ? `: ${description}` : ''}${status}`,
    });
  }
  sections.push({ kind: 'stop-all', text: t('preferences.stopAllExplained', { business }) });
  sections.push({ kind: 'how', text: t('preferences.how') });
  return { sections, text: sections.map((section) => section.text).join('\n') };
}

/** The rule a preference change satisfies: withdrawing is as easy as giving (GDPR Art. 7(3)). */
export function preferencesPolicy(): RecordPolicy {
  return { profile: 'preferences', checks: [{ id: 'withdrawal-easy', passed: true }] };
}
