/**
 * `#platform/load-phone-rules` in Node (the `node` condition, see package.json `imports`) and in
 * this repository's source tree (tests, demo, Storybook: the `optin-source` condition): every
 * country's rules installed at once, on first use, so every phone function answers synchronously.
 * Browsers get the rules one calling code at a time instead (../npm/ and ../cdn/).
 */
import type { Examples, MetadataJson } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.max.json';
import { installPhoneMetadata, type PhoneMetadata } from '../../core/phone/phone-metadata.js';

export function loadPhoneMetadata(): PhoneMetadata | undefined {
  const set = { metadata: metadata as MetadataJson, examples: examples as Examples };
  installPhoneMetadata(set);
  return set;
}
