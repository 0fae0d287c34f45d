/**
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 (signature type
 * 0x01), the type every note verifier and witness supports: a text ending in a
 * newline, a blank line, then `— <key name> base64(key ID || signature)` lines.
 * The verifier key is written as Go's `note` package writes it:
 * `<name>+<key ID, 8 hex digits>+<base64(0x01 || 32-byte public key)>`.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';

export interface NoteVerifier {
  name: string;
  keyId: Uint8Array;
  publicKey: KeyObject;
  /** The text form, `name+hash+key`. */
  text: string;
}

export function noteKeyId(name: string, rawPublicKey: Uint8Array): Uint8Array {
  const digest = createHash('sha256')
    .update(name)
    .update(Buffer.from([0x0a, ED25519]))
    .update(rawPublicKey)
    .digest();
  return new Uint8Array(digest.subarray(0, 4));
}

/** A key name must be non-empty, without spaces or `+` (C2SP signed-note). */
export function validKeyName(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  return /^[^\s+]+$/u.test(name) && !/[\u0000-\u001f]/.test(name);
}

function ed25519PublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

export function noteVerifier(name: string, rawPublicKey: Uint8Array): NoteVerifier {
  const keyId = noteKeyId(name, rawPublicKey);
  const encoded = Buffer.concat([Buffer.from([ED25519]), rawPublicKey]).toString('base64');
  return { name, keyId, publicKey: ed25519PublicKey(rawPublicKey), text: `${name}+${Buffer.from(keyId).toString('hex')}+${encoded}` };
}

/** Reads `name+hash+key`; `undefined` if it is not an Ed25519 verifier key whose hash matches. */
export function parseNoteVerifier(text: string): NoteVerifier | undefined {
  const match = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text.trim());
  if (!match) return undefined;
  const key = Buffer.from(match[3], 'base64');
  if (key.length !== 33 || key[0] !== ED25519) return undefined;
  const verifier = noteVerifier(match[1], key.subarray(1));
  return Buffer.from(verifier.keyId).toString('hex') === match[2] ? verifier : undefined;
}

/** Signs `text` (which must end in a newline) as a one-signature note. */
export function signNote(text: string, name: string, privateKey: KeyObject, rawPublicKey: Uint8Array): string {
  if (!text.endsWith('\n')) throw new Error('a note text ends in a newline');
  const signature = sign(null, Buffer.from(text), privateKey);
  const encoded = Buffer.concat([noteKeyId(name, rawPublicKey), signature]).toString('base64');
  return `${text}\n${SIGNATURE_PREFIX}${name} ${encoded}\n`;
}

export type OpenedNote = { ok: true; text: string } | { ok: false; reason: string };

/** The note's text if `verifier` signed it, or why not. Signatures of other keys are ignored, as the spec asks. */
export function openNote(note: string, verifier: NoteVerifier): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split === -1 || !note.endsWith('\n')) return { ok: false, reason: 'it is not a signed note (no blank line before signatures)' };
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  let found = false;
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return { ok: false, reason: `malformed signature line "${line.slice(0, 40)}"` };
    const [name, encoded, ...rest] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    if (rest.length > 0 || !encoded) return { ok: false, reason: 'malformed signature line' };
    const bytes = Buffer.from(encoded, 'base64');
    if (name !== verifier.name || bytes.length < 4 || !bytes.subarray(0, 4).equals(verifier.keyId)) continue;
    found = true;
    if (!verify(null, Buffer.from(text), verifier.publicKey, bytes.subarray(4))) {
      return { ok: false, reason: `the signature of ${verifier.name} does not verify` };
    }
  }
  return found ? { ok: true, text } : { ok: false, reason: `no signature by ${verifier.name} (key ${Buffer.from(verifier.keyId).toString('hex')})` };
}
