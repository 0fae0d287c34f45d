/**
 * The profiles of COMPLIANCE.md: which rules apply, and what the notice must
 * therefore say. A profile is chosen per person (see choose-profile.ts).
 */
import { gdprRules } from './gdpr-rules.js';
import { platformRules } from './platform-rules.js';
import type { PolicyRule } from './policy-types.js';
import { smsUsRules } from './sms-us-rules.js';

export const PROFILE_IDS = ['platform', 'gdpr', 'sms-us', 'strictest'] as const;

/**
 * - `platform`: Meta's WhatsApp Business Messaging Policy, the baseline for every channel.
 * - `gdpr`: EU/EEA, UK and Swiss contacts, on top of `platform`.
 * - `sms-us`: `channel="sms"` with a US number (TCPA / CTIA disclosures), on top of `platform`.
 * - `strictest`: the person's country is unknown, so every profile the channel can reach applies.
 */
export type ProfileId = (typeof PROFILE_IDS)[number];

export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === 'string' && (PROFILE_IDS as readonly string[]).includes(value);
}

/** Who receives the person's data besides the business, per channel, when the profile says it must be named. */
const CHANNEL_RECIPIENTS: Readonly<Record<string, string>> = { whatsapp: 'Meta' };

export interface NoticeRequirements {
  /** The lead sentence names the channel. */
  namesChannel: boolean;
  /** The data recipient to name (e.g. `Meta` for WhatsApp), if any. */
  recipient?: string;
  /** Opt-out worded as withdrawal, as easy as agreeing. */
  withdrawalWording: boolean;
  /** STOP/HELP and "Msg & data rates may apply". */
  smsDisclosures: boolean;
  statesNotConditional: boolean;
}

function appliesGdpr(profile: ProfileId): boolean {
  return profile === 'gdpr' || profile === 'strictest';
}

function appliesSmsUs(profile: ProfileId, channel: string): boolean {
  return profile === 'sms-us' || (profile === 'strictest' && channel === 'sms');
}

export function noticeRequirements(profile: ProfileId, channel: string): NoticeRequirements {
  const gdpr = appliesGdpr(profile);
  const sms = appliesSmsUs(profile, channel);
  return {
    // Since November 2024 WhatsApp need not be named at platform level; other channels always are,
    // so the person knows where messages will come.
    namesChannel: gdpr || sms || channel !== 'whatsapp',
    recipient: gdpr ? CHANNEL_RECIPIENTS[channel] : undefined,
    withdrawalWording: gdpr,
    smsDisclosures: sms,
    statesNotConditional: gdpr || sms,
  };
}

/** The rules a profile applies on a channel, each id once, platform rules first. */
export function rulesForProfile(profile: ProfileId, channel: string): Array<{ id: string; rule: PolicyRule }> {
  const rules = [...platformRules];
  if (appliesGdpr(profile)) {
    rules.push(...gdprRules.filter((entry) => entry.id !== 'recipient-named' || CHANNEL_RECIPIENTS[channel]));
  }
  if (appliesSmsUs(profile, channel)) rules.push(...smsUsRules);
  return rules.filter((entry, index) => rules.findIndex((other) => other.id === entry.id) === index);
}
