/**
 * Splits the whole phone metadata into what the script-tag build serves (vite.config.ts): the
 * index, compiled into the script, and one file per calling code with its hash path, all leading
 * to one root compiled into the script (see the file format in phone-metadata.ts). Pure, and
 * synchronous so the build can pass Node's SHA-256.
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import { type PhoneMetadata, type PhoneMetadataGroup, type PhoneMetadataIndex, phoneMetadataTreeParent } from './phone-metadata.js';

export interface SplitPhoneMetadata {
  index: PhoneMetadataIndex;
  /** Root of the hash tree over every group file. */
  root: string;
  /** The text of each group's file, by calling code. */
  files: Map<string, string>;
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

export function splitPhoneMetadata(set: PhoneMetadata, sha256: (text: string) => string): SplitPhoneMetadata {
  const index: PhoneMetadataIndex = {
    version: set.metadata.version,
    country_calling_codes: set.metadata.country_calling_codes,
    nonGeographic: Object.keys(set.metadata.nonGeographic ?? {}),
  };
  const codes = [...Object.keys(index.country_calling_codes), ...index.nonGeographic].sort((a, b) => Number(a) - Number(b));
  const lines = codes.map((code) => JSON.stringify(groupOf(set, code)));
  const paths: string[][] = codes.map(() => []);
  // Each level pairs neighbours; an odd last node goes up unchanged. `members` tracks which
  // leaves sit under each node, so every leaf collects its siblings on the way up.
  let level = lines.map((line, leaf) => ({ hash: sha256(line), members: [leaf] }));
  while (level.length > 1) {
    const next: typeof level = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i];
      const right = level[i + 1];
      if (!right) {
        next.push(left);
        continue;
      }
      for (const leaf of left.members) paths[leaf].push(`R${right.hash}`);
      for (const leaf of right.members) paths[leaf].push(`L${left.hash}`);
      next.push({ hash: sha256(phoneMetadataTreeParent(left.hash, right.hash)), members: [...left.members, ...right.members] });
    }
    level = next;
  }
  const files = new Map(codes.map((code, leaf) => [code, `${lines[leaf]}\n${JSON.stringify(paths[leaf])}`]));
  return { index, root: level[0].hash, files };
}
