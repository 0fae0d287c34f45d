/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text
 * `<origin>\n<tree size>\n<base64 root hash>\n`, signed as a signed-note by the log key.
 */
import { type KeyObject } from 'node:crypto';
import { HASH_SIZE } from './merkle-hash.js';
import { type NoteVerifier, openNote, signNote } from './signed-note.js';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

export function checkpointText(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${Buffer.from(checkpoint.rootHash).toString('base64')}\n`;
}

export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject, rawPublicKey: Uint8Array): string {
  return signNote(checkpointText(checkpoint), checkpoint.origin, privateKey, rawPublicKey);
}

export type OpenedCheckpoint = { ok: true; checkpoint: Checkpoint; note: string } | { ok: false; reason: string };

/** Checks the signature by `verifier`, then reads the text; the origin must be the verifier's name. */
export function openCheckpoint(note: string, verifier: NoteVerifier): OpenedCheckpoint {
  const opened = openNote(note, verifier);
  if (!opened.ok) return opened;
  const [origin, sizeText, rootText] = opened.text.split('\n');
  const rootHash = Buffer.from(rootText ?? '', 'base64');
  if (origin !== verifier.name) return { ok: false, reason: `the checkpoint is for log "${origin}", not "${verifier.name}"` };
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText ?? '') || !Number.isSafeInteger(Number(sizeText))) {
    return { ok: false, reason: 'the checkpoint has no valid tree size' };
  }
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== rootText) return { ok: false, reason: 'the checkpoint has no valid root hash' };
  return { ok: true, checkpoint: { origin, size: Number(sizeText), rootHash: new Uint8Array(rootHash) }, note };
}
