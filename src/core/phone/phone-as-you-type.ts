/**
 * The as-you-type formatter of every build: what `new AsYouType(country, metadata).input(text)`
 * of libphonenumber-js gives for one whole input, rewritten without its per-keystroke state
 * machine, its text extraction and its leading-digits pattern parser, in a quarter of its 4.4 KiB
 * brotli. It reuses the library's own helpers (which parsing and formatting carry anyway, see
 * phone-library.ts), so the steps and their order are the library's: the parity test (test/node/phone-as-you-type-parity.test.ts) holds it
 * to `AsYouType` on every prefix of example numbers of every country and on random digits.
 *
 * Input is what phone-number.ts hands over: "+" and digits, or digits read in `country`, which
 * must have its rules in `metadata`. Throws what libphonenumber throws.
 */
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import {
  applyInternationalSeparatorStyle,
  checkNumberLength,
  extractCallingCodeWithoutPlus,
  extractCountryCallingCode,
  extractNationalNumber,
  formatNationalNumberUsingFormat,
  getCountryByCallingCode,
  Metadata,
  stripIddPrefix,
  VALID_PUNCTUATION,
} from './phone-library.js';

export interface AsYouTypeResult {
  /** The formatted text; `''` when there is nothing to show (no digits). */
  text: string;
  /** The country the digits belong to, when it can be told. */
  country?: CountryCode;
}

/** A number format of the selected numbering plan (libphonenumber's `NumberFormat`). */
interface Format {
  pattern(): string;
  format(): string;
  internationalFormat(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
  usesNationalPrefix(): boolean;
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
  nationalPrefixIsMandatoryWhenFormattingInNationalFormat(): boolean;
}

interface Extracted {
  nationalPrefix?: string;
  nationalNumber: string;
  carrierCode?: string;
}

/** A format whose output keeps every digit in order, only adding punctuation ("$1 $2", not "$1$2" with a prefix). */
const NON_ALTERING_FORMAT = new RegExp(`[${VALID_PUNCTUATION}]*\\$1[${VALID_PUNCTUATION}]*(\\$\\d[${VALID_PUNCTUATION}]*)*$`);

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** Drops each "(" that is never closed. */
function stripUnpairedParens(text: string): string {
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') open.push(i);
    else if (text[i] === ')') open.pop();
  }
  return [...text].filter((_, i) => !open.includes(i)).join('');
}

/**
 * Whether 1 or 2 leading digits can start (or already pass) a match of a leading-digits pattern.
 * The first pattern of a format, the only one read this early, is made of single-digit atoms
 * ("[2-9]", "7") in groups and alternatives: once the digits run out, every later atom may match
 * the end instead. AsYouType's own pattern parser reads "\d" as the two characters "\" and "d",
 * which no digit matches; so does this.
 */
export function startsLeadingDigits(pattern: string, digits: string): boolean {
  return new RegExp(`^(?:${pattern.replace(/\[[^\]]*\]|\\d|\d/g, (atom) => (atom === '\\d' ? '$' : `(?:${atom}|$)`))})`).test(digits);
}

export function formatAsYouType(compact: string, country: CountryCode | undefined, metadataJson: MetadataJson): AsYouTypeResult {
  const metadata = new Metadata(metadataJson);
  const defaultCountry: CountryCode | undefined = country && metadata.hasCountry(country) ? country : undefined;
  const digits = digitsOf(compact);

  // The state of libphonenumber's AsYouTypeState, AsYouTypeParser and AsYouTypeFormatter.
  let international = false;
  let missingPlus = false;
  let iddPrefix: string | undefined;
  let callingCode: string | undefined;
  let current: CountryCode | undefined;
  let nationalNumber = '';
  let nationalNumberModified = false;
  let nationalPrefix: string | undefined;
  let carrierCode: string | undefined;
  let otherPrefix: string | undefined;
  let hasPlan = false;
  let mayExtractAgain = false;
  let extracted = false;
  let nanp = false;
  let formats: Format[] = [];

  const withoutIdd = () => (international && iddPrefix ? digits.slice(iddPrefix.length) : digits);
  const nationalDigits = () => (international ? digits.slice((iddPrefix?.length ?? 0) + (callingCode?.length ?? 0)) : digits);

  const formatSuits = (format: Format) =>
    !(nationalPrefix && !format.usesNationalPrefix() && !format.nationalPrefixIsOptionalWhenFormattingInNationalFormat()) &&
    !(!international && !nationalPrefix && format.nationalPrefixIsMandatoryWhenFormattingInNationalFormat());

  const formatMatches = (format: Format) => {
    const patterns = format.leadingDigitsPatterns();
    if (patterns.length === 0) return true;
    const pattern = patterns[Math.min(Math.max(nationalNumber.length - 3, 0), patterns.length - 1)];
    if (nationalNumber.length < 3) {
      try {
        return startsLeadingDigits(pattern, nationalNumber);
      } catch {
        return true;
      }
    }
    return new RegExp(`^(${pattern})`).test(nationalNumber);
  };

  const narrowFormats = () => {
    formats = formats.filter((format) => formatSuits(format) && formatMatches(format));
  };

  const resetFormats = () => {
    const plan = metadata.numberingPlan;
    nanp = plan?.callingCode() === '1';
    formats = plan ? plan.formats() : [];
    if (plan && nationalNumber) narrowFormats();
  };

  const resetParser = () => {
    const plan = metadata.numberingPlan;
    hasPlan = plan !== undefined;
    const forParsing: string | undefined = plan?._nationalPrefixForParsing();
    mayExtractAgain = !!forParsing && /[^\d[\]]/.test(forParsing);
  };

  const setCallingCode = (code: string | undefined) => {
    callingCode = code;
    metadata.selectNumberingPlan(current || code);
    resetFormats();
    resetParser();
  };

  const startInternational = (nextCountry: CountryCode | undefined, code: string | undefined) => {
    international = true;
    current = nextCountry;
    setCallingCode(code);
  };

  const determineCountry = () => {
    const codes: string[] | undefined = metadata.getCountryCodesForCallingCode(callingCode);
    if (current && !(codes && codes.length > 1)) return;
    const found: CountryCode | undefined = getCountryByCallingCode(international ? callingCode : undefined, { nationalNumber, metadata });
    if (found !== current) {
      current = found;
      if (found) metadata.selectNumberingPlan(found);
    }
  };

  const onNationalNumberChange = () => {
    determineCountry();
    resetFormats();
  };

  const restartInternational = (nextCountry: CountryCode | undefined, code: string | undefined) => {
    startInternational(nextCountry, code);
    if (nationalNumber) {
      nationalNumber = nationalDigits();
      nationalNumberModified = false;
      nationalPrefix = carrierCode = otherPrefix = undefined;
      onNationalNumberChange();
      extracted = false;
    }
  };

  const extractCallingCode = () => {
    const { countryCallingCode, number } = extractCountryCallingCode(`+${withoutIdd()}`, current, defaultCountry, undefined, metadataJson);
    if (!countryCallingCode) return false;
    setCallingCode(countryCallingCode);
    nationalNumber = number;
    return true;
  };

  /** Takes a national (trunk) prefix or carrier code off the national digits; false when there is none to take, or the same as before. */
  const extractNationalNumberAgain = (again: boolean) => {
    if (!hasPlan || (again && extracted && !mayExtractAgain)) return false;
    const typed = nationalDigits();
    const before = again && extracted ? nationalNumber : typed;
    const result: Extracted = extractNationalNumber(typed, metadata);
    if (result.nationalNumber === before) return false;
    const at = typed.lastIndexOf(result.nationalNumber);
    nationalNumberModified = at < 0 || at !== typed.length - result.nationalNumber.length;
    const prefix = nationalNumberModified ? '' : typed.slice(0, at);
    otherPrefix = prefix && prefix !== result.nationalPrefix ? prefix : undefined;
    ({ nationalPrefix, carrierCode, nationalNumber } = result);
    extracted = true;
    onNationalNumberChange();
    return true;
  };

  const extractIddPrefix = () => {
    if (international || iddPrefix) return false;
    const rest: string | undefined = stripIddPrefix(digits, defaultCountry, undefined, metadataJson);
    if (rest === undefined || rest === digits) return false;
    iddPrefix = digits.slice(0, digits.length - rest.length);
    restartInternational(undefined, undefined);
    return true;
  };

  const fixMissingPlus = () => {
    if (international) return false;
    const { countryCallingCode } = extractCallingCodeWithoutPlus(digits, current, defaultCountry, undefined, metadataJson);
    if (!countryCallingCode) return false;
    missingPlus = true;
    restartInternational(current, countryCallingCode);
    return true;
  };

  const reExtract = () => {
    if (extractNationalNumberAgain(true)) return true;
    if (extractIddPrefix() || fixMissingPlus()) {
      if (extractCallingCode()) extractNationalNumberAgain(false);
      return true;
    }
    return false;
  };

  const separatorAfterNationalPrefix = (format: Format) => (nanp || /[- ]/.test(format.nationalPrefixFormattingRule() ?? '') ? ' ' : '');

  const triesNationalPrefixRule = (format: Format) => {
    if (!format.nationalPrefixFormattingRule()) return false;
    const uses = format.usesNationalPrefix();
    return (uses && !!nationalPrefix) || (!uses && !international);
  };

  const formatComplete = (format: Format, withNationalPrefix: boolean) => {
    let text: string = formatNationalNumberUsingFormat(nationalNumber, format, {
      carrierCode,
      useInternationalFormat: international,
      withNationalPrefix,
      metadata,
    });
    if (!withNationalPrefix) {
      if (nationalPrefix) text = nationalPrefix + separatorAfterNationalPrefix(format) + text;
      else if (otherPrefix) text = `${otherPrefix} ${text}`;
    }
    return digitsOf(text) === nationalDigits() ? text : undefined;
  };

  /** The template of `format` for the digits so far, "x" for each digit, as AsYouTypeFormatter builds it. */
  const templateFor = (format: Format) => {
    // Legacy formatting patterns: character classes and lone digits stand for any digit.
    const pattern = format
      .pattern()
      .replace(/\[([^[\]])*\]/g, '\\d')
      .replace(/\d(?=[^,}][^,}])/g, '\\d');
    let dummy = '999999999999999'.match(pattern)![0];
    if (nationalNumber.length > dummy.length) return undefined;
    const typedDummy = nationalNumber.replace(/\d/g, '9');
    if (new RegExp(`^${pattern}$`).test(typedDummy)) dummy = typedDummy;
    let numberFormat = international ? format.internationalFormat() : format.format();
    let prefixInTemplate = false;
    const rule = format.nationalPrefixFormattingRule();
    if (rule && triesNationalPrefixRule(format) && digitsOf(rule) === `${nationalPrefix ?? ''}1`) {
      numberFormat = numberFormat.replace(/(\$\d)/, rule);
      prefixInTemplate = true;
      for (let i = nationalPrefix?.length ?? 0; i > 0; i--) numberFormat = numberFormat.replace(/\d/, 'x');
    }
    let template = dummy.replace(new RegExp(pattern), numberFormat).replace(/9/g, 'x');
    if (!prefixInTemplate) {
      if (otherPrefix) template = `${'x'.repeat(otherPrefix.length)} ${template}`;
      else if (nationalPrefix) template = 'x'.repeat(nationalPrefix.length) + separatorAfterNationalPrefix(format) + template;
    }
    return international ? (applyInternationalSeparatorStyle(template) as string) : template;
  };

  const formatNational = (): string | undefined => {
    if (checkNumberLength(nationalNumber, undefined, metadata) === 'IS_POSSIBLE') {
      for (const format of formats) {
        if (!new RegExp(`^(?:${format.pattern()})$`).test(nationalNumber)) continue;
        const text = (triesNationalPrefixRule(format) && formatComplete(format, true)) || formatComplete(format, false);
        if (text) return text;
      }
    }
    for (const format of [...formats]) {
      if (!NON_ALTERING_FORMAT.test(international ? format.internationalFormat() : format.format())) continue;
      let template = format.pattern().includes('|') ? undefined : templateFor(format);
      if (!template) {
        formats = formats.filter((other) => other !== format);
        continue;
      }
      let end = -1;
      for (const digit of nationalDigits()) {
        end = template.indexOf('x');
        if (end < 0) return undefined;
        template = template.replace('x', digit);
      }
      return stripUnpairedParens(template.slice(0, template[end + 1] === ')' ? end + 2 : end + 1));
    }
    return undefined;
  };

  const fullNumber = (national: string) => {
    if (!international) return national;
    const prefix = (text: string) => (iddPrefix ? (text ? `${iddPrefix} ` : iddPrefix) : missingPlus ? '' : '+') + text;
    if (!callingCode) return prefix(withoutIdd());
    return prefix(national ? `${callingCode} ${national}` : callingCode);
  };

  // AsYouType's constructor and reset().
  current = defaultCountry;
  setCallingCode(undefined);
  if (compact.startsWith('+')) {
    startInternational(undefined, undefined);
    if (!digits) return { text: '+' };
  }
  if (!digits) return { text: '' };

  // AsYouTypeParser.inputDigits().
  if (digits.length >= 3) extractIddPrefix();
  if (international) extractCallingCode();
  else {
    nationalNumber = digits;
    extractNationalNumberAgain(false);
  }

  // AsYouType.input().
  determineCountry();
  if (nationalNumber) narrowFormats();
  let text = metadata.hasSelectedNumberingPlan() ? formatNational() : undefined;
  if (text === undefined && reExtract()) {
    determineCountry();
    if (nationalDigits()) text = formatNational();
  }
  return {
    text: text ? fullNumber(text) : fullNumber(nationalNumberModified ? nationalDigits() : (otherPrefix || nationalPrefix || '') + nationalNumber),
    country: current,
  };
}
