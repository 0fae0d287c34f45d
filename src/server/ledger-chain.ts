/**
 * The hash chain over the ledger: each entry's `chainHash` covers the
 * previous one's, so a deleted, inserted or edited row breaks every link after it.
 */
import { createHash } from 'node:crypto';

export const LEDGER_GENESIS = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  id: string;
  recordHash: string;
  receivedAt: string;
}

export function chainHash(prevHash: string, entry: ChainedFields): string {
  return createHash('sha256')
    .update([prevHash, String(entry.seq), entry.id, entry.recordHash, entry.receivedAt].join('\n'))
    .digest('hex');
}
