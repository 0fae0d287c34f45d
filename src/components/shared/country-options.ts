import { callingCode, countryCodes, type CountryCode } from '../../core/phone-number.js';

export interface CountryOption {
  code: CountryCode;
  name: string;
  dialCode: string;
  flag: string;
}

/** Emoji flag from regional indicator symbols: no images, no CDN. */
export function flagEmoji(code: string): string {
  return String.fromCodePoint(...[...code.toUpperCase()].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65));
}

const cache = new Map<string, CountryOption[]>();

/** Every country libphonenumber knows, named and sorted in `locale`. */
export function countryOptions(locale: string): CountryOption[] {
  let options = cache.get(locale);
  if (!options) {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    options = countryCodes()
      .map((code) => ({ code, name: names.of(code) ?? code, dialCode: `+${callingCode(code)}`, flag: flagEmoji(code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    cache.set(locale, options);
  }
  return options;
}
