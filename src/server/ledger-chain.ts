/**
 * The hash chain over the ledger: each entry's `chainHash` covers the
 * previous one's, so a deleted, inserted or edited row breaks every link after it.
 */
import { createHash } from 'node:crypto';
import type { LedgerEntry, NewLedgerEntry } from './consent-store.js';

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

/** A ledger row's columns, as both stores keep them. */
export interface LedgerRowColumns {
  seq: number;
  id: string;
  record_json: string;
  record_hash: string;
  key_thumbprint: string;
  received_at: string;
  receipt: string;
  prev_hash: string;
  chain_hash: string;
}

/** The next link of the chain: `entry` stored at `seq` after the row whose hash is `prevHash`, and that row's columns. */
export function chainEntry(entry: NewLedgerEntry, seq: number, prevHash: string): { entry: LedgerEntry; row: LedgerRowColumns } {
  const { nonce: _claimed, ...stored } = entry;
  const hash = chainHash(prevHash, { seq, id: entry.id, recordHash: entry.recordHash, receivedAt: entry.receivedAt });
  return {
    entry: { ...stored, seq, prevHash, chainHash: hash },
    row: {
      seq,
      id: entry.id,
      record_json: JSON.stringify(entry.record),
      record_hash: entry.recordHash,
      key_thumbprint: entry.keyThumbprint,
      received_at: entry.receivedAt,
      receipt: entry.receipt,
      prev_hash: prevHash,
      chain_hash: hash,
    },
  };
}

export interface ChainVerification {
  ok: boolean;
  /** Rows checked, from seq 1. */
  checked: number;
  /** The first row whose link does not hold (a row removed, inserted or edited at or before it). */
  brokenAtSeq?: number;
  problem?: string;
}

/**
 * Checks the chain one row at a time, in ledger order, so an export can check a ledger it reads
 * page by page. After the first broken link it stops counting: every later row is after the break.
 */
export class LedgerChainCheck {
  private previous = LEDGER_GENESIS;
  private result: ChainVerification = { ok: true, checked: 0 };

  /** Checks the next row; answers whether the chain still holds up to and including it. */
  add(entry: ChainedFields & { prevHash: string; chainHash: string }): boolean {
    if (!this.result.ok) return false;
    const index = this.result.checked;
    const broken = (problem: string) => {
      this.result = { ok: false, checked: index + 1, brokenAtSeq: entry.seq, problem };
      return false;
    };
    if (entry.seq !== index + 1) return broken(`expected seq ${index + 1}, found ${entry.seq}: a row is missing`);
    if (entry.prevHash !== this.previous) return broken("prev_hash is not the previous row's chain_hash");
    if (entry.chainHash !== chainHash(this.previous, entry)) return broken('chain_hash does not cover this row as stored');
    this.previous = entry.chainHash;
    this.result = { ok: true, checked: index + 1 };
    return true;
  }

  get verification(): ChainVerification {
    return { ...this.result };
  }
}
