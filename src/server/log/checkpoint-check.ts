/**
 * Whether a log (leaves recomputed from the rows) is still the one a saved
 * checkpoint committed to: the check `verify-ledger --checkpoint` and the audit
 * export share.
 */
import { openCheckpoint } from './checkpoint.js';
import { sameHash } from './merkle-hash.js';
import type { LogView } from './merkle-tree.js';
import type { NoteVerifier } from './signed-note.js';

/** How long a record may take from its receivedAt to its commit (verification, group commit): beyond this, a backdated row is named. */
export const CHECKPOINT_CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

/** `undefined` when the log extends the checkpoint unchanged; else why not, in a sentence. */
export function checkpointProblem(
  tree: LogView,
  receivedAt: readonly string[],
  note: string,
  verifier: NoteVerifier | undefined,
  savedAt?: Date,
): string | undefined {
  if (!verifier) return 'no log verifier key to check the checkpoint with (give the key file or the log key)';
  const opened = openCheckpoint(note, verifier);
  if (!opened.ok) return `the checkpoint is not valid: ${opened.reason}`;
  const { size, rootHash } = opened.checkpoint;
  if (tree.size < size) {
    return `the ledger has ${tree.size} rows but the checkpoint saw ${size}: rows were removed (truncated or deleted and renumbered)`;
  }
  if (!sameHash(tree.rootHash(size), rootHash)) {
    return `the first ${size} rows are not the ones the checkpoint committed to: rows were rewritten, inserted or removed`;
  }
  if (savedAt) {
    const limit = savedAt.getTime() - CHECKPOINT_CLOCK_TOLERANCE_MS;
    const late = receivedAt.findIndex((at, i) => i >= size && Date.parse(at) < limit);
    if (late !== -1) {
      return `row ${late + 1} is not in the checkpoint of ${savedAt.toISOString()} yet claims to have been received before it (${receivedAt[late]}): it was inserted later`;
    }
  }
  return undefined;
}
