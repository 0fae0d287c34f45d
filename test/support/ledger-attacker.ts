/**
 * What someone who holds the ledger file (and, for some tamperings, the key
 * file) can do to it with plain SQLite and this project's own public code:
 * drop the append-only triggers, rewrite rows, renumber, re-sign, rebuild the
 * hash chain and the log table, recreate the triggers. Used by the tampering
 * tests to show what each check does and does not catch.
 */
import Database from 'better-sqlite3';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { chainHash, LEDGER_GENESIS, type LedgerRowColumns } from '../../src/server/ledger-chain.js';
import { receiptLeafHash } from '../../src/server/log/receipt-leaf.js';
import { type ReceiverKey, signReceipt } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';

export type Row = Omit<LedgerRowColumns, 'prev_hash' | 'chain_hash'>;

export class LedgerAttacker {
  readonly db: Database.Database;

  constructor(readonly file: string) {
    this.db = new Database(file);
    for (const { name } of this.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()) {
      this.db.exec(`DROP TRIGGER "${name}"`);
    }
  }

  row(seq: number): Row {
    return this.db.prepare<[number], Row>('SELECT * FROM ledger WHERE seq = ?').get(seq)!;
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM ledger').get()!.n;
  }

  /** A stored row for `record`, with a receipt signed by `key` (the receiver's, read from its key file). */
  async rowFor(record: ConsentRecord, seq: number, receivedAt: string, key: ReceiverKey): Promise<Row> {
    const verified = await verifyConsentRecord(record, { now: new Date(receivedAt), maxFutureSkewMs: Number.MAX_SAFE_INTEGER });
    if (!verified.ok) throw new Error(`forged record does not verify: ${JSON.stringify(verified.errors)}`);
    return {
      seq,
      id: record.id,
      record_json: JSON.stringify(record),
      record_hash: verified.recordHash,
      key_thumbprint: verified.keyThumbprint,
      received_at: receivedAt,
      receipt: await signReceipt(key, { id: record.id, recordHash: verified.recordHash, receivedAt }),
    };
  }

  replace(row: Row): void {
    this.db
      .prepare(
        `UPDATE ledger SET id = @id, record_json = @record_json, record_hash = @record_hash, key_thumbprint = @key_thumbprint,
         received_at = @received_at, receipt = @receipt WHERE seq = @seq`,
      )
      .run(row);
  }

  /** Moves rows from `fromSeq` on by `by` (±1), through negative numbers so no two rows share a seq on the way. */
  shift(fromSeq: number, by: number): void {
    this.db.prepare('UPDATE ledger SET seq = -seq WHERE seq >= ?').run(fromSeq);
    this.db.prepare('UPDATE ledger SET seq = -seq + ? WHERE seq < 0').run(by);
  }

  insert(row: Row): void {
    this.db
      .prepare(
        `INSERT INTO ledger (seq, id, record_json, record_hash, key_thumbprint, received_at, receipt, prev_hash, chain_hash)
         VALUES (@seq, @id, @record_json, @record_hash, @key_thumbprint, @received_at, @receipt, '', '')`,
      )
      .run(row);
  }

  /** Recomputes every chain link and the whole log table from the rows as they now are. */
  rebuildChainAndLog(): void {
    let prev = LEDGER_GENESIS;
    const update = this.db.prepare('UPDATE ledger SET prev_hash = ?, chain_hash = ? WHERE seq = ?');
    const rows = this.db.prepare<[], Row>('SELECT * FROM ledger ORDER BY seq').all();
    this.db.exec('DELETE FROM log_leaf');
    const leaf = this.db.prepare('INSERT INTO log_leaf (idx, hash) VALUES (?, ?)');
    for (const row of rows) {
      const link = chainHash(prev, { seq: row.seq, id: row.id, recordHash: row.record_hash, receivedAt: row.received_at });
      update.run(prev, link, row.seq);
      leaf.run(row.seq - 1, receiptLeafHash(row.receipt));
      prev = link;
    }
  }

  /** Closes the file and lets the store recreate its triggers, so the file looks untouched. */
  async finish(): Promise<void> {
    this.db.close();
    await new SqliteConsentStore(this.file).close();
  }
}
