/**
 * The one place the phone functions get libphonenumber-js metadata from. Every phone function in
 * core calls the `libphonenumber-js/core` API with the set held here.
 *
 * Where the set comes from is decided by `phone-metadata-source.ts`: bundled in the npm build; in
 * the script-tag build it is swapped (by the Vite config) for a loader that fetches the JSON from
 * beside the script after first render and installs it only if its SHA-256 matches the one
 * compiled into the script. Until then the phone functions answer "pending" and keep what is typed.
 *
 * Why "max": it is the only set that validates the digits of every number type. "min" checks
 * lengths only and accepts many impossible numbers; "mobile" rejects every valid landline
 * (WhatsApp accounts can live on landlines). `npm run bench` prints both figures.
 */
import type { Examples, MetadataJson } from 'libphonenumber-js/core';
import { sha256Hex } from './encoding.js';

/** Which libphonenumber-js metadata set the phone functions use. */
export const PHONE_METADATA_SET = 'max';

export interface PhoneMetadata {
  metadata: MetadataJson;
  /** Example mobile numbers per country, shown as the field's placeholder. */
  examples: Examples;
}

export type PhoneMetadataState = 'loading' | 'ready' | 'failed';

let installed: PhoneMetadata | undefined;
let failed = false;
const listeners = new Set<() => void>();

export function installedPhoneMetadata(): PhoneMetadata | undefined {
  return installed;
}

export function phoneMetadataState(): PhoneMetadataState {
  return installed ? 'ready' : failed ? 'failed' : 'loading';
}

function notify(): void {
  for (const listener of [...listeners]) listener();
}

export function installPhoneMetadata(set: PhoneMetadata): void {
  installed = set;
  failed = false;
  notify();
}

/** The metadata could not be had (network, or a hash that does not match): fields say so. */
export function markPhoneMetadataFailed(): void {
  if (installed) return;
  failed = true;
  notify();
}

/** Calls `listener` when the metadata is installed or has failed; returns the unsubscribe. */
export function onPhoneMetadataChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Reads fetched metadata text, refusing it unless its SHA-256 (lowercase hex of the UTF-8 text)
 * is `expectedSha256`: the script's own Subresource Integrity then covers the data too.
 */
export async function verifyPhoneMetadata(text: string, expectedSha256: string): Promise<PhoneMetadata> {
  const actual = await sha256Hex(text);
  if (actual !== expectedSha256.toLowerCase()) {
    throw new Error(`its SHA-256 is ${actual}, not the ${expectedSha256} this script was built with`);
  }
  const parsed = JSON.parse(text) as Partial<PhoneMetadata>;
  if (!parsed.metadata || typeof parsed.metadata !== 'object' || !parsed.examples || typeof parsed.examples !== 'object') {
    throw new Error('it is not a {metadata, examples} object');
  }
  return parsed as PhoneMetadata;
}
