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
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
  'GB',
  'CH',
  'AX',
  'GF',
  'GP',
  'MQ',
  'YT',
  'RE',
  'MF',
]);

/** The US and its territories, where the TCPA applies to text messages. */
export const US_SMS_COUNTRIES: ReadonlySet<string> = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP']);

/** Canada, where CASL applies to messages sent to a person there, or sent from a business there. */
export const CASL_COUNTRIES: ReadonlySet<string> = new Set(['CA']);

export type Jurisdiction = 'auto' | ProfileId;

export function isJurisdiction(value: unknown): value is Jurisdiction {
  return value === 'auto' || isProfileId(value);
}

export interface ProfileChoiceInput {
  jurisdiction: Jurisdiction;
  channel: string;
  /** ISO 3166 alpha-2 of the person's phone number, when known. */
  country?: string;
  /** ISO 3166 alpha-2 of where the business is established (`business-country`), when given. */
  businessCountry?: string;
}

/** The profile a person's own country asks for. */
function profileForPerson(channel: string, country: string | undefined): ProfileId {
  const code = country?.toUpperCase();
  // Not knowing where the person is means not knowing which law protects them: apply all.
  if (!code) return 'strictest';
  if (GDPR_COUNTRIES.has(code)) return 'gdpr';
  if (CASL_COUNTRIES.has(code)) return 'casl';
  if (channel === 'sms' && US_SMS_COUNTRIES.has(code)) return 'sms-us';
  return 'platform';
}

/**
 * The least a business owes everyone it asks, by where it is established: GDPR follows the
 * establishment (Art. 3(1)), so a German shop shows GDPR wording to a `+1` number; CASL covers
 * messages sent from Canada.
 */
export function profileForBusiness(businessCountry: string | undefined): ProfileId {
  const code = businessCountry?.toUpperCase();
  if (code && GDPR_COUNTRIES.has(code)) return 'gdpr';
  if (code && CASL_COUNTRIES.has(code)) return 'casl';
  return 'platform';
}

/** A profile that applies every rule of both (`platform` adds nothing; two different stricter ones need `strictest`). */
export function combineProfiles(a: ProfileId, b: ProfileId): ProfileId {
  if (a === b || b === 'platform') return a;
  if (a === 'platform') return b;
  return 'strictest';
}

export function chooseProfile({ jurisdiction, channel, country, businessCountry }: ProfileChoiceInput): ProfileId {
  const person = jurisdiction === 'auto' ? profileForPerson(channel, country) : jurisdiction;
  return combineProfiles(person, profileForBusiness(businessCountry));
}
