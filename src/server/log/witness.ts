/**
 * A witness: remembers the last checkpoint it saw of a log and accepts a new
 * one only if it is signed by the pinned log key and is an extension of the
 * saved one (an RFC 9162 consistency proof). Anyone who runs one elsewhere
 * turns a rewrite, truncation or fork of the ledger into a provable event.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Checkpoint, openCheckpoint } from './checkpoint.js';
import { sameHash } from './merkle-hash.js';
import { verifyConsistency } from './merkle-proofs.js';
import { type NoteVerifier, parseNoteVerifier } from './signed-note.js';

/** The witness's file: the pinned log key and the last checkpoint accepted. */
export interface WitnessState {
  format: 'optin-elements-witness/1';
  url: string;
  logKey: string;
  /** The signed checkpoint note, as served. */
  checkpoint: string;
  savedAt: string;
}

export type WitnessOutcome =
  | { ok: true; checkpoint: Checkpoint; previous?: Checkpoint; message: string; state: WitnessState }
  | { ok: false; kind: 'unreachable' | 'bad-signature' | 'rollback' | 'fork' | 'bad-state'; message: string };

export function readWitnessState(path: string): WitnessState | undefined {
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, 'utf8')) as WitnessState;
  if (state.format !== 'optin-elements-witness/1' || typeof state.checkpoint !== 'string' || typeof state.logKey !== 'string') {
    throw new Error(`${path} is not a witness state file`);
  }
  return state;
}

export function writeWitnessState(path: string, state: WitnessState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, path);
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { headers: { Accept: 'text/plain, application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/**
 * One round: fetch `/log/checkpoint`, check it, compare with `saved`. `logKey` pins the
 * verifier key; without it the saved one is used, and on a first run the receiver's
 * `/log/key` is trusted (and pinned from then on).
 */
export async function witnessOnce(url: string, saved: WitnessState | undefined, logKey?: string, now = new Date()): Promise<WitnessOutcome> {
  const base = url.replace(/\/$/, '');
  let keyText = logKey ?? saved?.logKey;
  let note: string;
  try {
    keyText ??= (await fetchText(`${base}/log/key`)).trim();
    note = await fetchText(`${base}/log/checkpoint`);
  } catch (error) {
    return { ok: false, kind: 'unreachable', message: `cannot fetch the checkpoint: ${error instanceof Error ? error.message : String(error)}` };
  }
  const verifier: NoteVerifier | undefined = parseNoteVerifier(keyText);
  if (!verifier) return { ok: false, kind: 'bad-state', message: `"${keyText}" is not a log verifier key` };
  if (saved && saved.logKey !== verifier.text) {
    return { ok: false, kind: 'bad-state', message: 'the log key given differs from the one this witness pinned: use another state file for another log' };
  }
  const opened = openCheckpoint(note, verifier);
  if (!opened.ok) return { ok: false, kind: 'bad-signature', message: `the receiver's checkpoint is not valid: ${opened.reason}` };
  const fresh = opened.checkpoint;
  const state: WitnessState = { format: 'optin-elements-witness/1', url: base, logKey: verifier.text, checkpoint: note, savedAt: now.toISOString() };
  if (!saved) return { ok: true, checkpoint: fresh, message: `first checkpoint saved: ${fresh.size} leaves (log key ${verifier.text})`, state };
  const old = openCheckpoint(saved.checkpoint, verifier);
  if (!old.ok) return { ok: false, kind: 'bad-state', message: `the saved checkpoint is not valid: ${old.reason}` };
  const previous = old.checkpoint;
  const since = `the ${previous.size} leaves this witness saw at ${saved.savedAt}`;
  if (fresh.size < previous.size) {
    return { ok: false, kind: 'rollback', message: `rollback or truncation: the log now has ${fresh.size} leaves, fewer than ${since}` };
  }
  if (fresh.size === previous.size) {
    if (!sameHash(fresh.rootHash, previous.rootHash)) {
      return { ok: false, kind: 'fork', message: `fork: the log still has ${fresh.size} leaves but another root hash than ${since}` };
    }
    return {
      ok: true,
      checkpoint: fresh,
      previous,
      message: `unchanged: ${fresh.size} leaves`,
      state: { ...state, checkpoint: saved.checkpoint, savedAt: saved.savedAt },
    };
  }
  let proof: Uint8Array[];
  try {
    const body = JSON.parse(await fetchText(`${base}/log/proof/consistency?from=${previous.size}&to=${fresh.size}`)) as { proof?: unknown };
    if (!Array.isArray(body.proof) || !body.proof.every((h) => typeof h === 'string')) throw new Error('the answer has no proof');
    proof = (body.proof as string[]).map((h) => new Uint8Array(Buffer.from(h, 'base64')));
  } catch (error) {
    return { ok: false, kind: 'unreachable', message: `cannot fetch the consistency proof: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!verifyConsistency(previous.size, fresh.size, previous.rootHash, fresh.rootHash, proof)) {
    return {
      ok: false,
      kind: 'fork',
      message: `fork: the log of ${fresh.size} leaves does not extend ${since} (the consistency proof fails): earlier rows were changed`,
    };
  }
  return { ok: true, checkpoint: fresh, previous, message: `consistent: ${previous.size} → ${fresh.size} leaves`, state };
}
