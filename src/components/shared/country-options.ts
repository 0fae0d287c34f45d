import { callingCode, countryCodes, type CountryCode, isCountryCode, mainCountryOfCallingCode } from '../../core/phone/phone-number.js';

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
    const waiting = waitingForNames.get(locale);
    waitingForNames.delete(locale);
    // After the caller has its name: a waiting element re-renders in a microtask.
    if (waiting) queueMicrotask(() => waiting.forEach((onNamed) => onNamed()));
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

const waitingForNames = new Map<string, Set<() => void>>();

/**
 * The selected country for the closed picker, without loading the browser's region names: the
 * first `Intl.DisplayNames` of a page costs about 20 ms (80 ms or more on a slow phone) in one
 * piece, and most people type their number without ever looking at the picker. Until something
 * needs the names (the list opens, a message names the country, or `loadCountryNames` on the
 * picker's focus or hover), the option is named by its ISO code and `onNamed` runs once the real
 * name can be had. Pass the same `onNamed` on every call: it is kept once.
 */
export function selectedCountryOption(code: CountryCode, locale: string, onNamed: () => void): CountryOption {
  if (namesCache.has(locale)) return countryOption(code, locale);
  let waiting = waitingForNames.get(locale);
  if (!waiting) waitingForNames.set(locale, (waiting = new Set()));
  waiting.add(onNamed);
  return optionNamed(code, code);
}

/** `onNamed` no longer waits for any region names (its element left the page). */
export function stopWaitingForNames(onNamed: () => void): void {
  for (const waiting of waitingForNames.values()) waiting.delete(onNamed);
}

/** Loads the region names of `locale` now, if not yet loaded, and tells whoever waits for them. */
export function loadCountryNames(locale: string): void {
  if (namesCache.has(locale)) return;
  displayNames(locale);
  // Focus or hover comes before opening: name and sort the list in a task of its own now, so the
  // opening only renders it (a tap's finger is down for longer than this takes).
  setTimeout(() => countryOptions(locale));
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
  for (const entry of list
    .split(',')
    .map((item) => item.trim().toUpperCase())
    .filter(Boolean)) {
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
