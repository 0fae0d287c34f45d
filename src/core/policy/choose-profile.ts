/**
 * Which profile applies to a person: from the phone number's country when
 * `jurisdiction="auto"`, or the page's explicit choice.
 */
import { type ProfileId, isProfileId } from './profiles.js';

/**
 * EU member states, the EEA (Iceland, Liechtenstein, Norway), the UK and
 * Switzerland, plus EU regions that have their own ISO code in phone metadata
 * (Åland, French Guiana, Guadeloupe, Martinique, Mayotte, Réunion, Saint-Martin).
 */
export const GDPR_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
  'GB',
  'CH',
  'AX', 'GF', 'GP', 'MQ', 'YT', 'RE', 'MF',
]);

/** The US and its territories, where the TCPA applies to text messages. */
export const US_SMS_COUNTRIES: ReadonlySet<string> = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP']);

export type Jurisdiction = 'auto' | ProfileId;

export function isJurisdiction(value: unknown): value is Jurisdiction {
  return value === 'auto' || isProfileId(value);
}

export interface ProfileChoiceInput {
  jurisdiction: Jurisdiction;
  channel: string;
  /** ISO 3166 alpha-2 of the person's phone number, when known. */
  country?: string;
}

export function chooseProfile({ jurisdiction, channel, country }: ProfileChoiceInput): ProfileId {
  if (jurisdiction !== 'auto') return jurisdiction;
  const code = country?.toUpperCase();
  // Not knowing where the person is means not knowing which law protects them: apply all.
  if (!code) return 'strictest';
  if (GDPR_COUNTRIES.has(code)) return 'gdpr';
  if (channel === 'sms' && US_SMS_COUNTRIES.has(code)) return 'sms-us';
  return 'platform';
}
