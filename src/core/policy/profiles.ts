/**
 * The profiles of COMPLIANCE.md and what each makes the notice say. A profile
 * is chosen per person (choose-profile.ts); its rules are in profile-rules.ts.
 */

export const PROFILE_IDS = ['platform', 'gdpr', 'sms-us', 'casl', 'strictest'] as const;

/**
 * - `platform`: Meta's WhatsApp Business Messaging Policy, the baseline for every channel.
 * - `gdpr`: EU/EEA, UK and Swiss contacts, on top of `platform`.
 * - `sms-us`: `channel="sms"` with a US number (TCPA / CTIA disclosures), on top of `platform`.
 * - `casl`: Canadian contacts, or a business established in Canada (CASL s. 10(2)): the sender's
 *   mailing address and contact details are shown, on top of `platform`.
 * - `strictest`: the person's country is unknown, so every profile the channel can reach applies.
 */
export type ProfileId = (typeof PROFILE_IDS)[number];

export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === 'string' && (PROFILE_IDS as readonly string[]).includes(value);
}

/** Who receives the person's data besides the business, per channel, when the profile says it must be named. */
export const CHANNEL_RECIPIENTS: Readonly<Record<string, string>> = { whatsapp: 'Meta' };

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
  /** The sender's mailing address and contact details (CASL). */
  senderDetails: boolean;
}

export function appliesGdpr(profile: ProfileId): boolean {
  return profile === 'gdpr' || profile === 'strictest';
}

export function appliesSmsUs(profile: ProfileId, channel: string): boolean {
  return profile === 'sms-us' || (profile === 'strictest' && channel === 'sms');
}

export function appliesCasl(profile: ProfileId): boolean {
  return profile === 'casl' || profile === 'strictest';
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
    senderDetails: appliesCasl(profile),
  };
}
