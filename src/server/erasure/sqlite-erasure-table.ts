/** Erasure in the SQLite file (see `erasure-store.ts`): the suppression table, the ledger's one allowed update, and the erasure itself. */
import type Database from 'better-sqlite3';
import { erasedStubJson } from './erased-entry.js';
import {
  ERASED_UNIT_OUTCOME,
  type ErasureCounts,
  type ErasureRequest,
  type ErasureStore,
  derivedStateKeys,
  journalNeedles,
  recordNeedles,
  type SuppressionEntry,
} from './erasure-store.js';
import { scrubDeliveryBody } from './scrub-delivery.js';

export const SUPPRESSION_SCHEMA = `
  -- What stays of an erased person: a salted hash per identifier (suppression-hash.ts), so they are not messaged again.
  CREATE TABLE IF NOT EXISTS suppression (
    hash TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('request', 'retention'))
  ) WITHOUT ROWID;
`;

/**
 * The ledger's update trigger, as of erasure: every update is refused except replacing a record
 * by its erased stub (`erased-entry.ts`), every other column unchanged, once.
 */
const LEDGER_ERASE_ONLY = `
  CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
    WHEN NOT (
      NEW.seq = OLD.seq AND NEW.id = OLD.id AND NEW.record_hash = OLD.record_hash AND NEW.key_thumbprint = OLD.key_thumbprint
      AND NEW.received_at = OLD.received_at AND NEW.receipt = OLD.receipt AND NEW.prev_hash = OLD.prev_hash AND NEW.chain_hash = OLD.chain_hash
      AND json_type(OLD.record_json, '$.erased') IS NULL
      AND json_type(NEW.record_json, '$.erased') = 'object'
      AND json_type(NEW.record_json, '$.proof') IS NULL
      AND json_extract(NEW.record_json, '$.id') = OLD.id
      AND json_extract(NEW.record_json, '$.kind') IS json_extract(OLD.record_json, '$.kind')
      AND (SELECT count(*) FROM json_each(NEW.record_json)) = 3
    )
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only: the only change allowed is erasing a record''s personal data'); END;
`;

/** Replaces the older trigger that refused every update, once per file (a ledger made before erasure). */
export function allowErasureOnly(db: Database.Database): void {
  const current = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'ledger_no_update'").get();
  if (current?.sql.includes('erased')) return;
  db.transaction(() => {
    db.exec('DROP TRIGGER IF EXISTS ledger_no_update');
    db.exec(LEDGER_ERASE_ONLY);
  }).immediate();
}

interface SuppressionRow {
  hash: string;
  erased_at: string;
  reason: SuppressionEntry['reason'];
}

const entryOf = (row: SuppressionRow): SuppressionEntry => ({ hash: row.hash, erasedAt: row.erased_at, reason: row.reason });

export class SqliteErasureTable implements ErasureStore {
  constructor(private readonly db: Database.Database) {}

  async seqsMentioning(needles: string[]): Promise<number[]> {
    if (needles.length === 0) return [];
    const test = needles.map(() => 'instr(record_json, ?) > 0').join(' OR ');
    return this.db
      .prepare<string[], { seq: number }>(`SELECT seq FROM ledger WHERE json_type(record_json, '$.erased') IS NULL AND (${test}) ORDER BY seq`)
      .all(...needles)
      .map((row) => row.seq);
  }

  async eraseSubjectData(request: ErasureRequest): Promise<ErasureCounts> {
    const counts = this.db.transaction(() => this.eraseInTransaction(request)).immediate();
    // The old page images stay in the write-ahead log until a checkpoint copies the new ones over
    // them (secure_delete has zeroed the freed space): checkpoint now, and empty the log.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return counts;
  }

  private eraseInTransaction(request: ErasureRequest): ErasureCounts {
    const db = this.db;
    const read = db.prepare<[number], { id: string; kind: string | null; erased: string | null }>(
      "SELECT id, json_extract(record_json, '$.kind') AS kind, json_type(record_json, '$.erased') AS erased FROM ledger WHERE seq = ?",
    );
    const update = db.prepare('UPDATE ledger SET record_json = ? WHERE seq = ?');
    let erasedRecords = 0;
    for (const seq of request.seqs) {
      const row = read.get(seq);
      if (!row || row.erased !== null) continue;
      update.run(erasedStubJson(row.id, row.kind as never, request.mark), seq);
      erasedRecords += 1;
    }
    let reviewItems = 0;
    const deleteReview = db.prepare('DELETE FROM review_item WHERE phone = ? OR bsuid = ?');
    for (const identifier of request.identifiers) reviewItems += deleteReview.run(identifier, identifier).changes;
    // What may-send answers from (derived state, service windows) and the prompts sent to the person name them too.
    const derivedKeys = derivedStateKeys(request.identifiers);
    const derivedStatements = [
      db.prepare('DELETE FROM derived_category WHERE identifier = ?'),
      db.prepare('DELETE FROM derived_link WHERE identifier = ?'),
      db.prepare('DELETE FROM derived_link WHERE member = ?'),
      db.prepare('DELETE FROM service_window WHERE identifier = ?'),
    ];
    for (const key of derivedKeys) for (const statement of derivedStatements) statement.run(key);
    const deletePrompts = db.prepare('DELETE FROM thread_prompt WHERE instr(prompt_json, ?) > 0');
    for (const needle of recordNeedles(request.identifiers)) deletePrompts.run(needle);
    const touched = new Set<string>();
    const needles = journalNeedles(request.identifiers);
    const units = db.prepare<[string, string], { delivery_id: string; unit: number }>(
      'SELECT delivery_id, unit FROM inbound_delivery_unit WHERE instr(outcome_json, ?) > 0 AND outcome_json != ?',
    );
    const eraseUnit = db.prepare('UPDATE inbound_delivery_unit SET outcome_json = ? WHERE delivery_id = ? AND unit = ?');
    const pending = db.prepare<[string], { id: string; body: string }>("SELECT id, body FROM inbound_delivery WHERE status = 'pending' AND instr(body, ?) > 0");
    const settle = db.prepare('INSERT OR IGNORE INTO inbound_delivery_unit (delivery_id, unit, outcome_json) VALUES (?, ?, ?)');
    const rewrite = db.prepare('UPDATE inbound_delivery SET body = ? WHERE id = ?');
    for (const needle of needles) {
      for (const unit of units.all(needle, ERASED_UNIT_OUTCOME)) {
        eraseUnit.run(ERASED_UNIT_OUTCOME, unit.delivery_id, unit.unit);
        touched.add(unit.delivery_id);
      }
      for (const delivery of pending.all(needle)) {
        const scrubbed = scrubDeliveryBody(delivery.body, needles);
        for (const index of scrubbed.erasedUnits) settle.run(delivery.id, index, ERASED_UNIT_OUTCOME);
        rewrite.run(scrubbed.body, delivery.id);
        touched.add(delivery.id);
      }
    }
    const suppress = db.prepare('INSERT OR IGNORE INTO suppression (hash, erased_at, reason) VALUES (?, ?, ?)');
    for (const entry of request.suppressions) suppress.run(entry.hash, entry.erasedAt, entry.reason);
    return { erasedRecords, reviewItems, journalEntries: touched.size };
  }

  /** A ledger made before erasure, opened read-only, has no suppression table: nobody was erased. */
  private hasSuppressionTable(): boolean {
    this.tableSeen ||= this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'suppression'").get() !== undefined;
    return this.tableSeen;
  }

  private tableSeen = false;

  async findSuppressions(hashes: string[]): Promise<SuppressionEntry[]> {
    if (!this.hasSuppressionTable()) return [];
    const find = this.db.prepare<[string], SuppressionRow>('SELECT hash, erased_at, reason FROM suppression WHERE hash = ?');
    return hashes.flatMap((hash) => {
      const row = find.get(hash);
      return row ? [entryOf(row)] : [];
    });
  }

  async listSuppressions(): Promise<SuppressionEntry[]> {
    if (!this.hasSuppressionTable()) return [];
    return this.db.prepare<[], SuppressionRow>('SELECT hash, erased_at, reason FROM suppression ORDER BY erased_at, hash').all().map(entryOf);
  }
}
