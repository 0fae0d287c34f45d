/**
 * Where the phone metadata comes from in the npm build: bundled, installed on first use.
 * The script-tag build replaces this module with src/client/phone-metadata-fetch.ts (vite.config.ts),
 * which has the same export.
 */
import type { Examples, MetadataJson } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.max.json';
import { installPhoneMetadata, type PhoneMetadata } from './phone-metadata.js';

export function loadPhoneMetadata(): PhoneMetadata | undefined {
  const set = { metadata: metadata as MetadataJson, examples: examples as Examples };
  installPhoneMetadata(set);
  return set;
}
