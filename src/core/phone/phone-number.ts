/**
 * Phone parsing, validation and display formatting: pure and locale-free (problems are keys, not
 * text). Every libphonenumber-js call goes through phone-library.ts with the metadata of
 * phone-metadata.ts, which in browsers holds the rules of the calling codes needed so far: a
 * number whose calling code's rules are not there is `pending`, and libphonenumber is only ever
 * handed countries whose rules it has.
 */
import type { CountryCode, NumberType, PhoneNumber } from 'libphonenumber-js/core';
import { formatAsYouType } from './phone-as-you-type.js';
import { getExampleNumber, parsePhoneNumberFromString, validatePhoneNumberLength } from './phone-library.js';
import { type InstalledPhoneMetadata, installedPhoneMetadata, phoneMetadataGroupFailed, requirePhoneMetadataGroup } from './phone-metadata.js';
import { loadPhoneMetadata } from '#platform/load-phone-rules';
import { type CleanPhoneText, cleanPhoneText } from './phone-normalize.js';

export type { CountryCode };

/**
 * `pending`: the rules of the number's calling code have not arrived yet (browsers load them on demand), so
 * nothing can be judged. `unavailable`: they could not be had (network, or a file that does not
 * match the script); they are asked for again at the next edit.
 */
/** `country-not-allowed`: a valid number of a country left out of `<optin-phone-input only-countries>`. */
export type PhoneProblem =
  'required' | 'too-short' | 'too-long' | 'invalid-country' | 'invalid' | 'not-mobile' | 'country-not-allowed' | 'pending' | 'unavailable';

/** The metadata in use, loading it on first call. */
function current(): InstalledPhoneMetadata | undefined {
  if (!installedPhoneMetadata()) loadPhoneMetadata();
  return installedPhoneMetadata();
}

/** `country` if its rules are installed: libphonenumber may throw on a country it has no rules for. */
function withRules(set: InstalledPhoneMetadata, country?: CountryCode): CountryCode | undefined {
  const code = country && set.callingCodeOf(country);
  return code && set.hasGroup(code) ? country : undefined;
}

/** The calling code "+" and these digits start with, if they start with one (calling codes are prefix-free). */
function callingCodePrefix(set: InstalledPhoneMetadata, digits: string): string | undefined {
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    const code = digits.slice(0, length);
    if (set.index.country_calling_codes[code] || set.index.nonGeographic.includes(code)) return code;
  }
  return undefined;
}

/**
 * The calling codes whose rules are needed to read this text and are not installed: those of its
 * "+NN" (or "00NN") prefix, else those of the chosen country, and after "011" from North America
 * (or with no country) those of the number dialled abroad. Asks the loader for each. Readings that
 * only guess (a "+" the person may have left out) use the rules already there; their rules are
 * asked for only once the digits cannot be read otherwise (`awaitsGuessedRules`).
 */
function missingRulesFor(set: InstalledPhoneMetadata, clean: CleanPhoneText, country?: CountryCode): string[] {
  const codes: (string | undefined)[] = [];
  if (clean.international) {
    codes.push(callingCodePrefix(set, clean.digits));
  } else {
    const countryCode = country && set.callingCodeOf(country);
    codes.push(countryCode);
    if (clean.northAmericanPrefix && (!country || countryCode === '1')) codes.push(callingCodePrefix(set, clean.digits.slice(3)));
  }
  // Every missing group is asked for, not only the first.
  return codes.filter((code): code is string => code !== undefined && !requirePhoneMetadataGroup(code));
}

export interface PhoneParseOptions {
  /** Only mobile numbers are valid (`not-mobile` otherwise). */
  mobileOnly?: boolean;
}

export interface PhoneParseResult {
  /** E.164 when valid, else `''`. */
  e164: string;
  /** The country the number belongs to, when it can be told. */
  country?: CountryCode;
  /** Why `e164` is empty. Never set together with a non-empty `e164`. */
  problem?: PhoneProblem;
  /** The number was read differently from what was typed (a "00" prefix, a missing "+", a repeated dial code…), so its display should be the formatted E.164. */
  repaired?: boolean;
}

export function isCountryCode(value: unknown): value is CountryCode {
  const set = current();
  return set !== undefined && typeof value === 'string' && /^[A-Z]{2}$/.test(value) && set.callingCodeOf(value) !== undefined;
}

/** Every country libphonenumber knows, whether its rules have arrived or not. */
export function countryCodes(): CountryCode[] {
  const set = current();
  return set ? Object.values(set.index.country_calling_codes).flat() : [];
}

export function callingCode(country: CountryCode): string {
  return current()?.callingCodeOf(country) ?? '';
}

/** The main country of a calling code ("44" → GB, not Guernsey or Jersey), as libphonenumber lists it first. */
export function mainCountryOfCallingCode(code: string): CountryCode | undefined {
  return current()?.index.country_calling_codes[code]?.[0];
}

/** An example mobile number of `country`, nationally formatted, for the placeholder ('' until its rules arrive, which it asks for). */
export function exampleNumber(country?: CountryCode): string {
  const set = current();
  const code = country && set?.callingCodeOf(country);
  if (!set || !code || !requirePhoneMetadataGroup(code)) return '';
  try {
    return getExampleNumber(country, set.examples, set.metadata)?.formatNational() ?? '';
  } catch {
    return '';
  }
}

const MOBILE_TYPES: ReadonlySet<NumberType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE'] as NumberType[]);

function parse(text: string, country?: CountryCode): PhoneNumber | undefined {
  const set = current();
  if (!set) return undefined;
  try {
    return parsePhoneNumberFromString(text, { defaultCountry: withRules(set, country) }, set.metadata);
  } catch {
    return undefined;
  }
}

interface Reading {
  text: string;
  repaired: boolean;
}

/** Every plausible reading of the digits, the literal one first. */
function readings(international: boolean, digits: string, country?: CountryCode, northAmericanPrefix = false): Reading[] {
  const list: Reading[] = [];
  if (international) {
    list.push({ text: `+${digits}`, repaired: false });
  } else {
    if (country) list.push({ text: digits, repaired: false });
    // "011" is how North America dials abroad; read it so even when another country is chosen.
    if (northAmericanPrefix) list.push({ text: `+${digits.slice(3)}`, repaired: true });
    // Autofill and contact cards often drop the "+": "4915123456789".
    list.push({ text: `+${digits}`, repaired: country !== undefined });
  }
  // A dial code typed twice: "+49 49 151…", or "+49" chosen and "0049…" typed after it.
  for (const reading of [...list]) {
    const parsed = parse(reading.text, country);
    const code = parsed?.countryCallingCode;
    if (code && parsed.nationalNumber.startsWith(code)) {
      list.push({ text: `+${code}${parsed.nationalNumber.slice(code.length)}`, repaired: true });
    }
  }
  return list;
}

/** Higher is better: a valid mobile number, then any valid number. */
function score(parsed: PhoneNumber | undefined, mobileOnly: boolean): number {
  try {
    if (!parsed?.isValid()) return 0;
    const type = parsed.getType();
    if (type && MOBILE_TYPES.has(type)) return 3;
    return mobileOnly ? 1 : 2;
  } catch {
    return 0;
  }
}

function lengthProblem(set: InstalledPhoneMetadata, text: string, country?: CountryCode): PhoneProblem {
  let result: ReturnType<typeof validatePhoneNumberLength>;
  try {
    result = validatePhoneNumberLength(text, { defaultCountry: withRules(set, country) }, set.metadata);
  } catch {
    return 'invalid';
  }
  if (result === 'TOO_SHORT' || result === 'NOT_A_NUMBER') return 'too-short';
  if (result === 'TOO_LONG') return 'too-long';
  if (result === 'INVALID_COUNTRY') return 'invalid-country';
  // Lengths between the possible ones (or a number still holding its trunk "0"): shorter than a
  // mobile number of that country is what "too short" means to the person typing.
  const parsed = parse(text, country);
  let example: PhoneNumber | undefined;
  try {
    example = parsed?.country && getExampleNumber(parsed.country, set.examples, set.metadata);
  } catch {
    return 'invalid';
  }
  if (parsed && example && parsed.nationalNumber.replace(/^0/, '').length < example.nationalNumber.length) return 'too-short';
  return 'invalid';
}

/**
 * Reads a typed or pasted number. Never throws: the result is a valid E.164 number, or `''` with
 * the reason.
 */
export function parsePhoneInput(text: string, defaultCountry?: CountryCode, options: PhoneParseOptions = {}): PhoneParseResult {
  const clean = cleanPhoneText(typeof text === 'string' ? text : '');
  if (clean.digits === '') return { e164: '', problem: 'required' };
  const set = current();
  const country = defaultCountry && isCountryCode(defaultCountry) ? defaultCountry : undefined;
  if (!set) return { e164: '', problem: 'pending' };
  const missing = missingRulesFor(set, clean, country);
  if (missing.length > 0) return { e164: '', problem: missing.some(phoneMetadataGroupFailed) ? 'unavailable' : 'pending' };
  const mobileOnly = options.mobileOnly === true;
  const candidates = readings(clean.international, clean.digits, country, clean.northAmericanPrefix);
  let best: { parsed: PhoneNumber; repaired: boolean; score: number } | undefined;
  for (const reading of candidates) {
    const parsed = parse(reading.text, country);
    const value = score(parsed, mobileOnly);
    // An international reading whose E.164 differs from the typed digits lost a trunk "0" or similar;
    // a national reading that took the first digits for the country's own calling code ("44 7400…"
    // with the United Kingdom chosen) read a "+" that was left out.
    const repaired =
      reading.repaired ||
      (reading.text.startsWith('+')
        ? parsed?.number !== reading.text
        : parsed !== undefined && reading.text === parsed.countryCallingCode + parsed.nationalNumber);
    if (parsed && value > (best?.score ?? 0)) best = { parsed, repaired, score: value };
  }
  if (best && best.score >= 2) {
    return { e164: best.parsed.number, country: best.parsed.country, ...(best.repaired ? { repaired: true } : {}) };
  }
  if (best) return { e164: '', country: best.parsed.country, problem: 'not-mobile' };
  const literal = candidates[0];
  const literalCountry = parse(literal.text, country)?.country;
  const problem = lengthProblem(set, literal.text, country);
  if (awaitsGuessedRules(set, clean, problem)) return { e164: '', problem: 'pending' };
  return { e164: '', ...(literalCountry ? { country: literalCountry } : {}), problem };
}

/**
 * Digits that cannot be a number of the chosen country (too long, invalid, or no country) may be
 * an international number whose "+" was left out (autofill, contact cards): asks for the rules of
 * the calling code they start with, and says to wait for them, unless they are here or failed.
 * A national number still being typed (too short) never asks.
 */
function awaitsGuessedRules(set: InstalledPhoneMetadata, clean: CleanPhoneText, problem: PhoneProblem): boolean {
  if (clean.international || !['too-long', 'invalid', 'invalid-country'].includes(problem)) return false;
  const code = callingCodePrefix(set, clean.digits);
  return code !== undefined && !phoneMetadataGroupFailed(code) && !requirePhoneMetadataGroup(code);
}

/** As-you-type display form of the typed characters (a "+" and digits). */
function formatTyped(compact: string, country?: CountryCode): { text: string; country?: CountryCode } {
  const set = current();
  if (!set) return { text: compact };
  try {
    const formatted = formatAsYouType(compact, compact.startsWith('+') ? undefined : withRules(set, country), set.metadata);
    return { text: formatted.text || compact, country: formatted.country };
  } catch {
    return { text: compact };
  }
}

/**
 * The display form of what the person typed: formatted as they type, or, when the number had to be
 * read differently from what was typed (pasted "0049…", autofilled without "+"), the E.164 number
 * in international format. Formatting the result again gives the same text. `repair: false`
 * keeps every typed digit (for key-by-key edits, so no digit vanishes under the caret).
 */
export function formatPhoneText(text: string, country?: CountryCode, options: { repair?: boolean } = {}): { text: string; country?: CountryCode } {
  const clean = cleanPhoneText(typeof text === 'string' ? text : '');
  if (clean.digits === '') return { text: clean.international ? '+' : '' };
  const set = current();
  const known = country && isCountryCode(country) ? country : undefined;
  // Before the rules it needs arrive, what was typed stays exactly as typed.
  if (!set || missingRulesFor(set, clean, known).length > 0) return { text };
  if (options.repair !== false) {
    const parsed = parsePhoneInput(text, known);
    if (parsed.repaired) return formatTyped(parsed.e164);
  }
  return formatTyped((clean.international ? '+' : '') + clean.digits, known);
}
