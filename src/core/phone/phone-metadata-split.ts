/**
 * Splits the whole phone metadata into what the script-tag build serves (vite.config.ts): the
 * index, compiled into the script, and the rules of each calling code as one JSON line, which
 * the build makes a leaf of the hash tree over every data file beside the script (hash-tree.ts).
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import type { PhoneMetadata, PhoneMetadataGroup, PhoneMetadataIndex } from './phone-metadata.js';

export interface SplitPhoneMetadata {
  index: PhoneMetadataIndex;
  /** Each calling code's group as one JSON line, in calling-code order. */
  groups: Map<string, string>;
}

function groupOf(set: PhoneMetadata, code: string): PhoneMetadataGroup {
  const group: PhoneMetadataGroup = { code, countries: {}, nonGeographic: {}, examples: {} };
  const plan = set.metadata.nonGeographic?.[code];
  if (plan) group.nonGeographic[code] = plan;
  for (const country of set.metadata.country_calling_codes[code] ?? []) {
    const rules = set.metadata.countries[country as keyof MetadataJson['countries']];
    if (rules) group.countries[country as keyof MetadataJson['countries']] = rules;
    const example = set.examples[country as keyof PhoneMetadata['examples']];
    if (example) group.examples[country as keyof PhoneMetadata['examples']] = example;
  }
  return group;
}

export function splitPhoneMetadata(set: PhoneMetadata): SplitPhoneMetadata {
  const index: PhoneMetadataIndex = {
    version: set.metadata.version,
    country_calling_codes: set.metadata.country_calling_codes,
    nonGeographic: Object.keys(set.metadata.nonGeographic ?? {}),
  };
  const codes = [...Object.keys(index.country_calling_codes), ...index.nonGeographic].sort((a, b) => Number(a) - Number(b));
  return { index, groups: new Map(codes.map((code) => [code, JSON.stringify(groupOf(set, code))])) };
}
