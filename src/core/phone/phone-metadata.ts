/**
 * The one place the phone functions get libphonenumber-js metadata from: every phone function in
 * core calls libphonenumber-js (through phone-library.ts) with the set held here.
 *
 * Where the metadata comes from is the `#platform/load-phone-rules` module (package.json
 * `imports`, src/platform/): in browsers, the index of every country is installed at once and the
 * rules of one calling code (all countries sharing it) arrive when a number needs them, from the
 * app's chunks (npm build) or as files beside the script, each checked against the hash-tree root
 * compiled into it (script tag); in Node, every rule at once. A number whose group is not there
 * yet is "pending": what is typed is kept and read when the group arrives.
 *
 * Why "max": it is the only set that validates the digits of every number type. "min" checks
 * lengths only and accepts many impossible numbers; "mobile" rejects every valid landline
 * (WhatsApp accounts can live on landlines). `npm run bench` prints both figures.
 */
import type { Examples, MetadataJson } from 'libphonenumber-js/core';
import { verifyHashTreeFile } from '../hash-tree.js';

/** Which libphonenumber-js metadata set the phone functions use. */
export const PHONE_METADATA_SET = 'max';

/** The whole set, as the npm build bundles it. */
export interface PhoneMetadata {
  metadata: MetadataJson;
  /** Example mobile numbers per country, shown as the field's placeholder. */
  examples: Examples;
}

/** Which countries share which calling code: enough to list every country with its dial code. */
export interface PhoneMetadataIndex {
  version: number;
  country_calling_codes: MetadataJson['country_calling_codes'];
  /** Calling codes of no country (+800, +882…), each with its own group. */
  nonGeographic: string[];
}

/** The rules (and example mobile numbers) of every country, or non-geographic plan, of one calling code. */
export interface PhoneMetadataGroup {
  code: string;
  countries: MetadataJson['countries'];
  nonGeographic: MetadataJson['nonGeographic'];
  examples: Partial<Examples>;
}

/**
 * What the phone functions work with: the index, and a libphonenumber metadata object holding
 * only the groups installed so far, so libphonenumber never meets a calling code whose countries
 * it has no rules for.
 */
export interface InstalledPhoneMetadata {
  index: PhoneMetadataIndex;
  metadata: MetadataJson;
  examples: Examples;
  /** The calling code of a country, from the index. */
  callingCodeOf(country: string): string | undefined;
  /** Whether the rules of this calling code are installed. */
  hasGroup(code: string): boolean;
}

/** `ready`: every country can be listed (the index is there); groups may still be on their way. */
export type PhoneMetadataState = 'loading' | 'ready' | 'failed';

let index: PhoneMetadataIndex | undefined;
let countryToCode = new Map<string, string>();
let whole: PhoneMetadata | undefined;
const groups = new Map<string, PhoneMetadataGroup>();
/** Groups whose latest fetch failed and that have not been installed since. */
const failedGroups = new Set<string>();
let view: InstalledPhoneMetadata | undefined;
const changeListeners = new Set<() => void>();
const needListeners = new Set<(code: string) => void>();

function hasGroup(code: string): boolean {
  return whole !== undefined || groups.has(code);
}

function buildView(): InstalledPhoneMetadata | undefined {
  if (!index) return undefined;
  let metadata: MetadataJson;
  let examples: Examples;
  if (whole) {
    ({ metadata, examples } = whole);
  } else {
    const country_calling_codes: MetadataJson['country_calling_codes'] = {};
    metadata = { version: index.version, country_calling_codes, countries: {}, nonGeographic: {} };
    examples = {} as Examples;
    for (const group of groups.values()) {
      const countries = index.country_calling_codes[group.code];
      if (countries) country_calling_codes[group.code] = countries;
      Object.assign(metadata.countries, group.countries);
      Object.assign(metadata.nonGeographic, group.nonGeographic);
      Object.assign(examples, group.examples);
    }
  }
  const codes = countryToCode;
  return { index, metadata, examples, callingCodeOf: (country) => codes.get(country), hasGroup };
}

function notify(): void {
  view = buildView();
  for (const listener of [...changeListeners]) listener();
}

export function installedPhoneMetadata(): InstalledPhoneMetadata | undefined {
  return view;
}

/**
 * `failed` while a group that was asked for could not be had (network, or a file that does not
 * match the hash compiled into the script): fields waiting for it say so.
 */
export function phoneMetadataState(): PhoneMetadataState {
  if (failedGroups.size > 0) return 'failed';
  return index ? 'ready' : 'loading';
}

/** Whether the latest fetch of the rules of `code` failed and they have not been installed since. */
export function phoneMetadataGroupFailed(code: string): boolean {
  return failedGroups.has(code);
}

/** Installs the index: countries and their calling codes, no rules yet. */
export function installPhoneMetadataIndex(next: PhoneMetadataIndex): void {
  index = next;
  countryToCode = new Map();
  for (const [code, countries] of Object.entries(next.country_calling_codes)) {
    for (const country of countries) if (!countryToCode.has(country)) countryToCode.set(country, code);
  }
  notify();
}

/** Installs the whole set at once (the npm build bundles it). */
export function installPhoneMetadata(set: PhoneMetadata): void {
  whole = set;
  failedGroups.clear();
  installPhoneMetadataIndex({
    version: set.metadata.version,
    country_calling_codes: set.metadata.country_calling_codes,
    nonGeographic: Object.keys(set.metadata.nonGeographic ?? {}),
  });
}

export function installPhoneMetadataGroup(group: PhoneMetadataGroup): void {
  groups.set(group.code, group);
  failedGroups.delete(group.code);
  notify();
}

/** The group of `code` could not be had: fields waiting for it say so. */
export function markPhoneMetadataGroupFailed(code: string): void {
  if (hasGroup(code)) return;
  failedGroups.add(code);
  notify();
}

/** Calls `listener` when the index or a group is installed or has failed; returns the unsubscribe. */
export function onPhoneMetadataChange(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Calls `listener` with a calling code whose group a phone function needed and did not have. */
export function onPhoneMetadataNeeded(listener: (code: string) => void): () => void {
  needListeners.add(listener);
  return () => needListeners.delete(listener);
}

/**
 * Whether the rules of `code` are installed; when not, tells the loader (which fetches each group
 * once, and a failed one again on a later need).
 */
export function requirePhoneMetadataGroup(code: string): boolean {
  if (hasGroup(code)) return true;
  for (const listener of [...needListeners]) listener(code);
  return false;
}

/** Forgets everything installed (tests only: the state is per page). */
export function resetPhoneMetadata(): void {
  index = undefined;
  whole = undefined;
  countryToCode = new Map();
  groups.clear();
  failedGroups.clear();
  view = undefined;
}

/**
 * Reads a fetched group file, refusing it unless its hash path leads to `expectedRoot`, the root
 * compiled into the script (src/core/hash-tree.ts), and it is the group of `code`.
 */
export async function verifyPhoneMetadataGroup(text: string, code: string, expectedRoot: string): Promise<PhoneMetadataGroup> {
  const group = JSON.parse(await verifyHashTreeFile(text, expectedRoot)) as Partial<PhoneMetadataGroup>;
  const isRecord = (value: unknown) => typeof value === 'object' && value !== null;
  if (group.code !== code || !isRecord(group.countries) || !isRecord(group.nonGeographic) || !isRecord(group.examples)) {
    throw new Error(`it is not the group of calling code +${code}`);
  }
  return group as PhoneMetadataGroup;
}
