/**
 * The log's leaves in the PostgreSQL ledger (table `optin_log_leaf`, see
 * postgres-migrations.ts): written in the append transaction, under the lock
 * that orders the chain, so every receiver on the database extends one log.
 * The tree itself is kept in memory and read forward from the table.
 */
import type { Pool } from 'pg';
import { MerkleTree } from './merkle-tree.js';
import { receiptLeafHash } from './receipt-leaf.js';

export class PostgresLogReader {
  readonly tree = new MerkleTree();
  /** One read at a time: two overlapping reads would both append the same leaves. */
  private reading: Promise<MerkleTree> = Promise.resolve(this.tree);
  /** The read queued behind the current one and not started yet: every caller until it starts shares it. */
  private queued: Promise<MerkleTree> | undefined;

  /** `hasLogTable`: false for a ledger made before the log opened read-only; its leaves are computed from the receipts. */
  constructor(
    private readonly pool: Pool,
    private readonly hasLogTable: boolean,
  ) {}

  /**
   * Brings the tree level with the database: every leaf committed by any receiver so far. A read
   * that has not started yet sees every commit made before this call, so callers share it (the
   * answers of one batch ask at once: one query, not one each).
   */
  sync(): Promise<MerkleTree> {
    if (this.queued) return this.queued;
    const queued = this.reading
      .catch(() => this.tree)
      .then(() => {
        this.queued = undefined;
        return this.readNewer();
      });
    this.queued = queued;
    this.reading = queued;
    return queued;
  }

  private async readNewer(): Promise<MerkleTree> {
    const from = this.tree.size;
    const hashes = this.hasLogTable
      ? (await this.pool.query<{ idx: string; hash: Buffer }>('SELECT idx, hash FROM optin_log_leaf WHERE idx >= $1 ORDER BY idx', [from])).rows
      : (await this.pool.query<{ seq: string; receipt: string }>('SELECT seq, receipt FROM optin_ledger WHERE seq > $1 ORDER BY seq', [from])).rows.map(
          (row) => ({ idx: String(Number(row.seq) - 1), hash: Buffer.from(receiptLeafHash(row.receipt)) }),
        );
    for (const { idx, hash } of hashes) {
      // Appends commit in log order (one lock), so a read sees a prefix; a gap would mean a damaged table: stop before it.
      if (Number(idx) !== this.tree.size) break;
      this.tree.append(new Uint8Array(hash));
    }
    return this.tree;
  }
}
