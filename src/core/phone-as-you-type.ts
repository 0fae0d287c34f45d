/**
 * As-you-type formatting of the typed characters (a "+" and digits), with libphonenumber-js's
 * `AsYouType`. The script-tag build swaps this module for phone-as-you-type.cdn.ts, which gives
 * the same output (held to this one by test/node/phone-as-you-type-parity.test.ts) in a quarter of
 * the code.
 */
import { AsYouType, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';

export interface AsYouTypeResult {
  /** The formatted text; `''` when there is nothing to show (no digits). */
  text: string;
  /** The country the digits belong to, when it can be told. */
  country?: CountryCode;
}

/** `compact` is "+" and digits, or digits read in `country`, which must have its rules in `metadata`. Throws what libphonenumber throws. */
export function formatAsYouType(compact: string, country: CountryCode | undefined, metadata: MetadataJson): AsYouTypeResult {
  const formatter = new AsYouType(country, metadata);
  return { text: formatter.input(compact), country: formatter.getCountry() };
}
