import {
  callingCode,
  countryCodes,
  type CountryCode,
  isCountryCode,
  mainCountryOfCallingCode,
} from '../../core/phone-number.js';

export interface CountryOption {
  code: CountryCode;
  name: string;
  dialCode: string;
  flag: string;
  /** The main country of its dial code (GB for +44). */
  main: boolean;
}

/** Emoji flag from regional indicator symbols: no images, no CDN. */
export function flagEmoji(code: string): string {
  return String.fromCodePoint(...[...code.toUpperCase()].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65));
}

const optionsCache = new Map<string, CountryOption[]>();
const namesCache = new Map<string, Intl.DisplayNames>();

function displayNames(locale: string): Intl.DisplayNames {
  let names = namesCache.get(locale);
  if (!names) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    } catch {
      names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    }
    namesCache.set(locale, names);
  }
  return names;
}

/**
 * One country, named in `locale`. The closed picker and the messages need only the selected
 * country: naming all 245 (`countryOptions`) costs a long task on a slow phone, so that waits
 * until the list is opened.
 */
export function countryOption(code: CountryCode, locale: string): CountryOption {
  return optionNamed(code, displayNames(locale).of(code) ?? code);
}

function optionNamed(code: CountryCode, name: string): CountryOption {
  const dial = callingCode(code);
  return { code, name, dialCode: `+${dial}`, flag: flagEmoji(code), main: mainCountryOfCallingCode(dial) === code };
}

const namesLoading = new Map<string, Promise<void>>();

/**
 * The selected country for the closed picker, without lengthening the first render: the first
 * `Intl.DisplayNames` of a page loads the browser's region names (about 25 ms, 100 ms on a slow
 * phone), so until they are loaded, in a task of their own, the option is named by its ISO code
 * and `onNamed` runs once the real name can be had.
 */
export function selectedCountryOption(code: CountryCode, locale: string, onNamed: () => void): CountryOption {
  if (namesCache.has(locale)) return countryOption(code, locale);
  let loading = namesLoading.get(locale);
  if (!loading) {
    loading = new Promise((resolve) =>
      setTimeout(() => {
        displayNames(locale);
        namesLoading.delete(locale);
        resolve();
      }),
    );
    namesLoading.set(locale, loading);
  }
  void loading.then(onNamed);
  return optionNamed(code, code);
}

/** Every country libphonenumber knows, named (via `Intl.DisplayNames`) and sorted in `locale`. */
export function countryOptions(locale: string): CountryOption[] {
  let options = optionsCache.get(locale);
  if (!options) {
    const collator = new Intl.Collator([locale, 'en'].filter(Boolean));
    options = countryCodes()
      .map((code) => countryOption(code, locale))
      .sort((a, b) => collator.compare(a.name, b.name));
    // Not cached while empty: the phone metadata may still be on its way.
    if (options.length > 0) optionsCache.set(locale, options);
  }
  return options;
}

/** Reads a comma list such as "de, AT,ch" into known country codes, in the given order. */
export function parseCountryList(list: string): { codes: CountryCode[]; unknown: string[] } {
  const codes: CountryCode[] = [];
  const unknown: string[] = [];
  for (const entry of list.split(',').map((item) => item.trim().toUpperCase()).filter(Boolean)) {
    if (isCountryCode(entry)) {
      if (!codes.includes(entry)) codes.push(entry);
    } else unknown.push(entry);
  }
  return { codes, unknown };
}

/** The region of a BCP 47 tag ("de-AT" → "AT"), when it names one libphonenumber knows. */
export function regionOfLocale(locale: string): CountryCode | undefined {
  try {
    const region = new Intl.Locale(locale).region;
    return region && isCountryCode(region) ? region : undefined;
  } catch {
    return undefined;
  }
}
