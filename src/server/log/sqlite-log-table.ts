/**
 * The log's leaves in the SQLite ledger file: one row per ledger entry, written
 * in the same transaction as the entry (so the log and the ledger never
 * disagree after a crash), append-only like the ledger. The tree itself is
 * rebuilt in memory from these hashes when the file is opened.
 */
import type Database from 'better-sqlite3';
import { MerkleTree } from './merkle-tree.js';
import { receiptLeafHash } from './receipt-leaf.js';

export const LOG_SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_leaf (
    idx INTEGER PRIMARY KEY,
    hash BLOB NOT NULL
  );
  CREATE TRIGGER IF NOT EXISTS log_leaf_no_update BEFORE UPDATE ON log_leaf
    BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS log_leaf_no_delete BEFORE DELETE ON log_leaf
    BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
  -- INSERT OR REPLACE deletes the old row without firing delete triggers: refuse any insert onto a taken index.
  CREATE TRIGGER IF NOT EXISTS log_leaf_no_replace BEFORE INSERT ON log_leaf
    WHEN EXISTS (SELECT 1 FROM log_leaf WHERE idx = NEW.idx)
    BEGIN SELECT RAISE(ABORT, 'the log is append-only'); END;
`;

/** The same guard for the ledger: REPLACE INTO / INSERT OR REPLACE onto a taken seq or id. */
export const LEDGER_NO_REPLACE = `
  CREATE TRIGGER IF NOT EXISTS ledger_no_replace BEFORE INSERT ON ledger
    WHEN EXISTS (SELECT 1 FROM ledger WHERE seq = NEW.seq) OR EXISTS (SELECT 1 FROM ledger WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
`;

function hasLogTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_leaf'").get() !== undefined;
}

/** A ledger made before the log: its entries become leaves, in order, once. */
export function backfillLogLeaves(db: Database.Database): void {
  db.transaction(() => {
    const { count } = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM log_leaf').get()!;
    const insert = db.prepare('INSERT INTO log_leaf (idx, hash) VALUES (?, ?)');
    for (const row of db.prepare<[number], { seq: number; receipt: string }>('SELECT seq, receipt FROM ledger WHERE seq > ? ORDER BY seq').iterate(count)) {
      insert.run(row.seq - 1, receiptLeafHash(row.receipt));
    }
  }).immediate();
}

/** Keeps an in-memory tree level with the file, reading only the leaves it has not seen. */
export class SqliteLogReader {
  readonly tree = new MerkleTree();
  private readonly newer: Database.Statement<[number], { hash: Buffer }> | undefined;
  private readonly fromLedger: Database.Statement<[number], { receipt: string }>;

  constructor(db: Database.Database) {
    // A read-only ledger made before the log has no table: its leaves are computed from the receipts.
    this.newer = hasLogTable(db) ? db.prepare('SELECT hash FROM log_leaf WHERE idx >= ? ORDER BY idx') : undefined;
    this.fromLedger = db.prepare('SELECT receipt FROM ledger WHERE seq > ? ORDER BY seq');
  }

  sync(): MerkleTree {
    if (this.newer) for (const row of this.newer.iterate(this.tree.size)) this.tree.append(row.hash);
    else for (const row of this.fromLedger.iterate(this.tree.size)) this.tree.append(receiptLeafHash(row.receipt));
    return this.tree;
  }
}
