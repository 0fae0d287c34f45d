/** Phone parsing and validation, pure and locale-free (messages are keys, not text). */
import {
  AsYouType,
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/min';

export type { CountryCode };

export type PhoneProblem = 'required' | 'too-short' | 'too-long' | 'invalid-country' | 'invalid';

export interface PhoneParseResult {
  /** E.164 when valid, else `''`. */
  e164: string;
  /** The country the number belongs to, when it can be told. */
  country?: CountryCode;
  problem?: PhoneProblem;
}

export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && (getCountries() as string[]).includes(value);
}

export function countryCodes(): CountryCode[] {
  return getCountries();
}

export function callingCode(country: CountryCode): string {
  return getCountryCallingCode(country);
}

/** Keeps what a phone number can contain, so pasted text such as "tel:" or labels drop out. */
function normalizeDigits(text: string): string {
  const trimmed = text.trim().replace(/^tel:/i, '');
  const plus = /^\s*(\+|00)/.test(trimmed) ? '+' : '';
  const digits = trimmed.replace(/^\s*(\+|00)/, '').replace(/\D/g, '');
  return plus + digits;
}

export function parsePhoneInput(text: string, defaultCountry?: CountryCode): PhoneParseResult {
  const normalized = normalizeDigits(text);
  if (normalized === '' || normalized === '+') return { e164: '', problem: 'required' };
  const international = normalized.startsWith('+');
  if (!international && !defaultCountry) return { e164: '', problem: 'invalid-country' };
  const lengthProblem = validatePhoneNumberLength(normalized, defaultCountry);
  const parsed = parsePhoneNumberFromString(normalized, defaultCountry);
  if (parsed?.isValid()) return { e164: parsed.number, country: parsed.country };
  if (lengthProblem === 'TOO_SHORT' || lengthProblem === 'NOT_A_NUMBER') {
    return { e164: '', country: parsed?.country, problem: 'too-short' };
  }
  if (lengthProblem === 'TOO_LONG') return { e164: '', country: parsed?.country, problem: 'too-long' };
  if (lengthProblem === 'INVALID_COUNTRY') return { e164: '', problem: 'invalid-country' };
  return { e164: '', country: parsed?.country, problem: 'invalid' };
}

/** As-you-type display form of what the person typed. */
export function formatAsYouType(text: string, defaultCountry?: CountryCode): { text: string; country?: CountryCode } {
  const formatter = new AsYouType(defaultCountry);
  const formatted = formatter.input(text);
  return { text: formatted, country: formatter.getCountry() ?? undefined };
}
