/**
 * The salted hashes that stand for a person after erasure (and, on request, in the suppression
 * export): HMAC-SHA256 with a salt, over the identifier exactly as the receiver stores it (a phone
 * number in E.164, `+4915123456789`, or a BSUID, `US.13491208655302741918`), as lowercase hex.
 *
 * The salt is derived (HKDF) from the receiver's key material (`ReceiverKey.secret`, the oldest
 * receipt key, kept in the key file, never in the database), not stored beside the hashes: phone
 * numbers are few enough to hash them all, so whoever holds both could reverse every entry. A
 * copy or backup of the database alone cannot. A key rotation keeps the oldest key, so the salt
 * never changes; losing the key file loses the ability to match (back it up, as for receipts).
 */
import { utf8Bytes, hex } from '../../core/record/encoding.js';
import type { RecordSubject } from '../../core/record/consent-record.js';
import type { ReceiverKey } from '../receiver-key.js';

export type SuppressionSalt = Uint8Array<ArrayBuffer>;

const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

const salts = new WeakMap<object, Promise<SuppressionSalt>>();

/** The salt of this receiver's suppression hashes (32 bytes). Give it to a BSP only to let it match the hashed export. */
export function suppressionSalt(key: Pick<ReceiverKey, 'secret'>): Promise<SuppressionSalt> {
  let salt = salts.get(key);
  if (!salt) {
    salt = deriveSalt(key.secret);
    salts.set(key, salt);
  }
  return salt;
}

async function deriveSalt(secret: Uint8Array<ArrayBuffer>): Promise<SuppressionSalt> {
  const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: utf8Bytes('optin-elements suppression salt') },
    material,
    256,
  );
  return new Uint8Array(bits);
}

const hmacKeys = new WeakMap<SuppressionSalt, Promise<CryptoKey>>();

function hmacKey(salt: SuppressionSalt): Promise<CryptoKey> {
  let key = hmacKeys.get(salt);
  if (!key) {
    key = crypto.subtle.importKey('raw', salt, HMAC, false, ['sign']);
    hmacKeys.set(salt, key);
  }
  return key;
}

/** HMAC-SHA256(salt, identifier) in lowercase hex. */
export async function suppressionHash(salt: SuppressionSalt, identifier: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.sign(HMAC, await hmacKey(salt), utf8Bytes(identifier))));
}

/** The identifiers of a subject, phone first. */
export function identifiersOf(subject: RecordSubject): string[] {
  return [...(subject.phone ? [subject.phone] : []), ...(subject.bsuid ? [subject.bsuid] : [])];
}

/** The hash of each of the subject's identifiers. */
export async function subjectHashes(salt: SuppressionSalt, subject: RecordSubject): Promise<string[]> {
  return Promise.all(identifiersOf(subject).map((identifier) => suppressionHash(salt, identifier)));
}
