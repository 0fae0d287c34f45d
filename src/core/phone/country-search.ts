/**
 * Type-to-search over countries: by name in the page's language (accents and case ignored), by
 * ISO code ("de") and by dial code ("+49", "49"). Best matches first, otherwise in the given order.
 */
import { asciiDigits } from './phone-digits.js';

export interface SearchableCountry {
  code: string;
  name: string;
  /** "+49" */
  dialCode: string;
  /** The main country of its dial code (GB for +44), listed before the others sharing it. */
  main?: boolean;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();
}

function rank(country: SearchableCountry, query: string, digits: string): number | undefined {
  if (digits) {
    const dial = country.dialCode.replace(/\D/g, '');
    if (dial === digits) return country.main ? 0 : 1;
    return dial.startsWith(digits) ? 2 : undefined;
  }
  const name = fold(country.name);
  if (query.length === 2 && country.code.toLowerCase() === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.split(/[\s\-(),.'’]+/).some((word) => word.startsWith(query))) return 2;
  return name.includes(query) ? 3 : undefined;
}

export function searchCountries<T extends SearchableCountry>(countries: readonly T[], query: string): T[] {
  const folded = fold(asciiDigits(query));
  if (folded === '' || folded === '+') return [...countries];
  const digits = /^\+?[\d\s]+$/.test(folded) ? folded.replace(/\D/g, '') : '';
  return countries
    .map((country, index) => ({ country, index, rank: rank(country, folded, digits) }))
    .filter((entry): entry is { country: T; index: number; rank: number } => entry.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.country);
}
