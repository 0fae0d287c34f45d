/** Reads a checkpoint saved earlier: a signed note as `/log/checkpoint` served it, or a witness's state file. */
import { readFileSync } from 'node:fs';

export interface SavedCheckpoint {
  checkpoint: string;
  /** From a witness state: the key it pinned and when it saved the checkpoint. */
  logKey?: string;
  checkpointSavedAt?: Date;
}

export function readCheckpointFile(path: string): SavedCheckpoint {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`--checkpoint: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!text.trimStart().startsWith('{')) return { checkpoint: text };
  const state = JSON.parse(text) as { checkpoint?: unknown; logKey?: unknown; savedAt?: unknown };
  if (typeof state.checkpoint !== 'string') throw new Error(`--checkpoint: ${path} is neither a checkpoint nor a witness state file`);
  return {
    checkpoint: state.checkpoint,
    logKey: typeof state.logKey === 'string' ? state.logKey : undefined,
    checkpointSavedAt: typeof state.savedAt === 'string' ? new Date(state.savedAt) : undefined,
  };
}
