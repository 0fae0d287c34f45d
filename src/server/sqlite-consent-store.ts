import type Database from 'better-sqlite3';
import type { RecordSubject } from '../core/record/consent-record.js';
import {
  type ConsentStore,
  type InboundDelivery,
  type InboundUnitOutcome,
  type LedgerEntry,
  type NewInboundDelivery,
  type NewLedgerEntry,
  NonceReplayedError,
} from './consent-store.js';
import { chainEntry, LEDGER_GENESIS, type LedgerRowColumns } from './ledger-chain.js';
import { loadStoreDriver } from './store-driver.js';
import { backfillLogLeaves, LEDGER_NO_REPLACE, LOG_SCHEMA, SqliteLogReader } from './log/sqlite-log-table.js';
import type { LogView } from './log/merkle-tree.js';
import { receiptLeafHash } from './log/receipt-leaf.js';
import type { NewReviewItem, ReviewDecision, ReviewItem, SettledReview } from './review/review-queue.js';
import { REVIEW_SCHEMA, SqliteReviewTable } from './review/sqlite-review-table.js';
import type { DerivedAnswer, DerivedCategoryRow, DerivedStateStore } from './derived-subject-state.js';
import { DERIVED_STATE_SCHEMA, SqliteDerivedState } from './sqlite-derived-state.js';
import type { ChangeDeliveryLease } from './changes/delivery-lease.js';
import { NOTIFY_CURSOR_SCHEMA, SqliteDeliveryLeases } from './changes/sqlite-delivery-cursor.js';
import { storedBody } from './erasure/erased-entry.js';
import type { ErasureCounts, ErasureRequest, SuppressionEntry } from './erasure/erasure-store.js';
import { allowErasureOnly, SqliteErasureTable, SUPPRESSION_SCHEMA } from './erasure/sqlite-erasure-table.js';
import { SqliteThreadPromptTable, THREAD_PROMPT_SCHEMA } from './thread-prompts/sqlite-thread-prompt-table.js';
import type { IssuedThreadPrompt } from './thread-prompts/thread-prompt-store.js';
import type { FunnelCount } from '../core/notice/funnel-events.js';
import { SQLITE_FUNNEL_SCHEMA, SqliteFunnelTable } from './funnel/sqlite-funnel-table.js';

type LedgerRow = LedgerRowColumns;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS ledger (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    record_json TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    key_thumbprint TEXT NOT NULL,
    received_at TEXT NOT NULL,
    receipt TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    chain_hash TEXT NOT NULL
  );
  -- Append-only: the database itself refuses deletions, and every edit but erasure (see allowErasureOnly).
  CREATE TRIGGER IF NOT EXISTS ledger_no_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
  -- A subject's history (preference centre, audit export) without a full scan.
  CREATE INDEX IF NOT EXISTS ledger_subject_phone ON ledger (json_extract(record_json, '$.subject.phone'));
  CREATE INDEX IF NOT EXISTS ledger_subject_bsuid ON ledger (json_extract(record_json, '$.subject.bsuid'));
  -- Used nonces, each bound to the record that used it, so replaying a nonce is refused.
  CREATE TABLE IF NOT EXISTS used_nonce (
    nonce TEXT PRIMARY KEY,
    record_id TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS server_key (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    private_jwk TEXT NOT NULL
  );
  -- The inbound journal: each verified webhook delivery as received, until every unit in it is settled.
  CREATE TABLE IF NOT EXISTS inbound_delivery (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    received_at TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    attempts INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS inbound_delivery_pending ON inbound_delivery (received_at) WHERE status = 'pending';
  CREATE TABLE IF NOT EXISTS inbound_delivery_unit (
    delivery_id TEXT NOT NULL,
    unit INTEGER NOT NULL,
    outcome_json TEXT NOT NULL,
    PRIMARY KEY (delivery_id, unit)
  ) WITHOUT ROWID;
`;

interface DeliveryRow {
  id: string;
  source: string;
  received_at: string;
  body: string;
  status: 'pending' | 'done';
  attempts: number;
}

function settle(waiting: PendingAppend, outcome: AppendOutcome): void {
  if (outcome instanceof NonceReplayedError) waiting.reject(outcome);
  else waiting.resolve(outcome);
}

function toEntry(row: LedgerRow): LedgerEntry {
  const { record, erased } = storedBody(row.record_json);
  return {
    seq: row.seq,
    id: row.id,
    record,
    ...(erased ? { erased } : {}),
    recordHash: row.record_hash,
    keyThumbprint: row.key_thumbprint,
    receivedAt: row.received_at,
    receipt: row.receipt,
    prevHash: row.prev_hash,
    chainHash: row.chain_hash,
  };
}

type AppendOutcome = { entry: LedgerEntry; created: boolean } | NonceReplayedError;

interface PendingAppend {
  entry: NewLedgerEntry;
  resolve(outcome: { entry: LedgerEntry; created: boolean }): void;
  reject(cause: unknown): void;
}

/**
 * The embedded default store: one SQLite file in WAL mode, created on first use.
 *
 * Group commit: appends that arrive in the same turn of the event loop are
 * written in one transaction, and each `append()` resolves only after that
 * transaction committed, so a receipt is never sent for a row that is not in
 * the file. One write transaction per batch instead of per record is what lets
 * the receiver keep up with many concurrent posts.
 */
export class SqliteConsentStore implements ConsentStore, DerivedStateStore {
  private readonly db: Database.Database;
  private readonly appendBatch: Database.Transaction<(entries: NewLedgerEntry[]) => AppendOutcome[]>;
  private readonly byId: Database.Statement<[string], LedgerRow>;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly log: SqliteLogReader;
  private readonly review: SqliteReviewTable;
  private readonly derived: SqliteDerivedState;
  private readonly deliveryLeases: SqliteDeliveryLeases;
  private readonly erasure: SqliteErasureTable;
  private readonly threadPrompts: SqliteThreadPromptTable;
  private readonly funnel: SqliteFunnelTable;
  /** The database file (`undefined` in memory): the key file is kept beside it. */
  readonly location?: string;
  readonly readerLocation?: string;
  readonly claimsNoncesOnAppend = true;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;

  /**
   * `readonly`: open an existing ledger to read or verify it, never changing the file.
   * `synchronous`: `'full'` (default) syncs the WAL to disk at every commit, so an acknowledged
   * record survives an operating-system crash or power loss too; `'normal'` syncs only at
   * checkpoints, which survives a crash of the process but may lose the latest commits on power
   * loss. With group commit, one sync serves a whole batch.
   */
  constructor(filename: string, options: { readonly?: boolean; synchronous?: 'full' | 'normal' } = {}) {
    const Driver = loadStoreDriver<typeof Database>('better-sqlite3');
    this.db = new Driver(filename, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(options.synchronous === 'normal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
      this.db.exec(SCHEMA);
      this.db.exec(LEDGER_NO_REPLACE);
      this.db.exec(LOG_SCHEMA);
      this.db.exec(REVIEW_SCHEMA);
      this.db.exec(DERIVED_STATE_SCHEMA);
      this.db.exec(NOTIFY_CURSOR_SCHEMA);
      this.db.exec(SUPPRESSION_SCHEMA);
      allowErasureOnly(this.db);
      // Freed space is zeroed, not left in the file: an erased record, an emptied webhook body.
      this.db.pragma('secure_delete = ON');
      this.db.exec(THREAD_PROMPT_SCHEMA);
      this.db.exec(SQLITE_FUNNEL_SCHEMA);
      backfillLogLeaves(this.db);
    }
    if (filename && filename !== ':memory:') this.location = this.readerLocation = filename;
    this.log = new SqliteLogReader(this.db);
    this.review = new SqliteReviewTable(this.db);
    this.deliveryLeases = new SqliteDeliveryLeases(this.db, this.location);
    this.erasure = new SqliteErasureTable(this.db);
    this.threadPrompts = new SqliteThreadPromptTable(this.db);
    this.funnel = new SqliteFunnelTable(this.db);
    const byId = this.db.prepare<[string], LedgerRow>('SELECT * FROM ledger WHERE id = ?');
    const insertLeaf = options.readonly ? undefined : this.db.prepare('INSERT INTO log_leaf (idx, hash) VALUES (?, ?)');
    const last = this.db.prepare<[], Pick<LedgerRow, 'seq' | 'chain_hash'>>('SELECT seq, chain_hash FROM ledger ORDER BY seq DESC LIMIT 1');
    const insert = this.db.prepare(
      `INSERT INTO ledger (seq, id, record_json, record_hash, key_thumbprint, received_at, receipt, prev_hash, chain_hash)
       VALUES (@seq, @id, @record_json, @record_hash, @key_thumbprint, @received_at, @receipt, @prev_hash, @chain_hash)`,
    );
    this.byId = byId;
    const after = this.db.prepare<[number, number], LedgerRow>('SELECT * FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?');
    this.derived = new SqliteDerivedState(
      this.db,
      (seq, limit) => after.all(seq, limit).map(toEntry),
      (subject) => this.subjectRows(subject),
    );
    const claimNonce = options.readonly ? undefined : this.db.prepare('INSERT OR IGNORE INTO used_nonce (nonce, record_id) VALUES (?, ?)');
    const nonceHolder = this.db.prepare<[string], { record_id: string }>('SELECT record_id FROM used_nonce WHERE nonce = ?');
    // Run with IMMEDIATE, which takes the write lock first, so two processes cannot chain onto the same row.
    this.appendBatch = this.db.transaction((entries: NewLedgerEntry[]) => {
      const previous = last.get();
      let seq = previous?.seq ?? 0;
      let prevHash = previous?.chain_hash ?? LEDGER_GENESIS;
      const outcomes = entries.map((entry): AppendOutcome => {
        // Also finds a row written earlier in this same batch: the same id twice is stored once.
        const existing = byId.get(entry.id);
        if (existing) return { entry: toEntry(existing), created: false };
        if (entry.nonce !== undefined) {
          // In the batch's transaction: the claim and the row commit together, with no write of their own.
          claimNonce!.run(entry.nonce, entry.id);
          if (nonceHolder.get(entry.nonce)?.record_id !== entry.id) return new NonceReplayedError(entry.nonce);
        }
        seq += 1;
        const { entry: chained, row } = chainEntry(entry, seq, prevHash);
        insert.run(row);
        // The entry's log leaf, in the same transaction: the log never misses or gains an entry.
        insertLeaf!.run(seq - 1, receiptLeafHash(entry.receipt));
        prevHash = chained.chainHash;
        return { entry: chained, created: true };
      });
      // The derived state, in the same transaction: an answer never lags a stored record.
      // (A ledger another writer appended to without keeping it is caught up here, chunk by chunk.)
      let behind = this.derived.applyPending(outcomes.flatMap((o) => (o instanceof NonceReplayedError || !o.created ? [] : [o.entry])));
      while (behind) behind = this.derived.applyPending();
      return outcomes;
    });
  }

  /** Each statement prepared once, on first use: preparing costs more than running. */
  private statement<Params extends unknown[] | object = unknown[], Row = unknown>(sql: string): Database.Statement<Params, Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as Database.Statement<Params, Row>;
  }

  async findById(id: string): Promise<LedgerEntry | undefined> {
    const row = this.byId.get(id);
    return row ? toEntry(row) : undefined;
  }

  append(entry: NewLedgerEntry): Promise<{ entry: LedgerEntry; created: boolean }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After this turn's I/O callbacks: every request that reached append() by then shares the transaction.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes the waiting appends in one transaction, then answers each of them. */
  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    if (batch.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.appendBatch.immediate(batch.map((waiting) => waiting.entry));
    } catch {
      // The whole batch was rolled back. Try each alone, so one entry that cannot be
      // stored fails only its own request, and every answer still follows its own commit.
      for (const waiting of batch) {
        try {
          settle(waiting, this.appendBatch.immediate([waiting.entry])[0]);
        } catch (cause) {
          waiting.reject(cause);
        }
      }
      return;
    }
    batch.forEach((waiting, i) => settle(waiting, outcomes[i]));
  }

  async list(options: { afterSeq?: number; limit?: number } = {}): Promise<LedgerEntry[]> {
    return this.statement<[number, number], LedgerRow>('SELECT * FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(options.afterSeq ?? 0, options.limit ?? -1)
      .map(toEntry);
  }

  async lastSeq(): Promise<number> {
    return this.statement<[], { seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM ledger').get()!.seq;
  }

  async listBySubject(subject: RecordSubject): Promise<LedgerEntry[]> {
    return this.subjectRows(subject);
  }

  private subjectRows(subject: RecordSubject): LedgerEntry[] {
    return this.statement<[{ phone: string | null; bsuid: string | null }], LedgerRow>(
      `SELECT * FROM ledger
       WHERE json_extract(record_json, '$.subject.phone') = @phone OR json_extract(record_json, '$.subject.bsuid') = @bsuid
       ORDER BY seq`,
    )
      .all({ phone: subject.phone ?? null, bsuid: subject.bsuid ?? null })
      .map(toEntry);
  }

  async claimNonce(nonce: string, recordId: string): Promise<boolean> {
    this.statement('INSERT OR IGNORE INTO used_nonce (nonce, record_id) VALUES (?, ?)').run(nonce, recordId);
    const row = this.statement<[string], { record_id: string }>('SELECT record_id FROM used_nonce WHERE nonce = ?').get(nonce);
    return row?.record_id === recordId;
  }

  async loadServerKey(): Promise<JsonWebKey | undefined> {
    const row = this.statement<[], { private_jwk: string }>('SELECT private_jwk FROM server_key').get();
    return row ? (JSON.parse(row.private_jwk) as JsonWebKey) : undefined;
  }

  async saveServerKey(privateJwk: JsonWebKey): Promise<JsonWebKey> {
    this.statement('INSERT OR IGNORE INTO server_key (one, private_jwk) VALUES (1, ?)').run(JSON.stringify(privateJwk));
    return (await this.loadServerKey())!;
  }

  private delivery(row: DeliveryRow): InboundDelivery {
    const settled: Record<number, InboundUnitOutcome> = {};
    const units = this.statement<[string], { unit: number; outcome_json: string }>(
      'SELECT unit, outcome_json FROM inbound_delivery_unit WHERE delivery_id = ? ORDER BY unit',
    ).all(row.id);
    for (const { unit, outcome_json } of units) settled[unit] = JSON.parse(outcome_json) as InboundUnitOutcome;
    return { id: row.id, source: row.source, receivedAt: row.received_at, body: row.body, status: row.status, attempts: row.attempts, settled };
  }

  async journalDelivery(delivery: NewInboundDelivery): Promise<{ delivery: InboundDelivery; created: boolean }> {
    const { changes } = this.statement('INSERT OR IGNORE INTO inbound_delivery (id, source, received_at, body) VALUES (?, ?, ?, ?)').run(
      delivery.id,
      delivery.source,
      delivery.receivedAt,
      delivery.body,
    );
    const row = this.statement<[string], DeliveryRow>('SELECT * FROM inbound_delivery WHERE id = ?').get(delivery.id)!;
    return { delivery: this.delivery(row), created: changes === 1 };
  }

  async noteDeliveryAttempt(id: string): Promise<number> {
    this.statement('UPDATE inbound_delivery SET attempts = attempts + 1 WHERE id = ?').run(id);
    return this.statement<[string], { attempts: number }>('SELECT attempts FROM inbound_delivery WHERE id = ?').get(id)?.attempts ?? 0;
  }

  async settleDeliveryUnit(id: string, unit: number, outcome: InboundUnitOutcome): Promise<void> {
    this.statement('INSERT OR IGNORE INTO inbound_delivery_unit (delivery_id, unit, outcome_json) VALUES (?, ?, ?)').run(id, unit, JSON.stringify(outcome));
  }

  async completeDelivery(id: string): Promise<void> {
    // The body held personal data only until its messages were in the ledger (or rejected, each with its own unit kept).
    this.statement("UPDATE inbound_delivery SET status = 'done', body = '' WHERE id = ?").run(id);
  }

  async listPendingDeliveries(): Promise<InboundDelivery[]> {
    return this.statement<[], DeliveryRow>("SELECT * FROM inbound_delivery WHERE status = 'pending' ORDER BY received_at, id")
      .all()
      .map((row) => this.delivery(row));
  }

  addReviewItem(item: NewReviewItem): Promise<{ item: ReviewItem; created: boolean }> {
    return this.review.addReviewItem(item);
  }

  addFunnelCounts(counts: readonly FunnelCount[]): Promise<void> {
    return this.funnel.addFunnelCounts(counts);
  }

  listFunnelCounts(): Promise<FunnelCount[]> {
    return this.funnel.listFunnelCounts();
  }

  listOpenReviewItems(options: { afterId?: number; limit: number }): Promise<ReviewItem[]> {
    return this.review.listOpenReviewItems(options);
  }

  findReviewItem(id: number): Promise<ReviewItem | undefined> {
    return this.review.findReviewItem(id);
  }

  reviewItemsFor(identifiers: readonly string[]): Promise<ReviewItem[]> {
    return this.review.reviewItemsFor(identifiers);
  }

  settleReviewItem(id: number, decision: ReviewDecision, decidedAt: string, recordId?: string): Promise<SettledReview | undefined> {
    return this.review.settleReviewItem(id, decision, decidedAt, recordId);
  }

  acquireDeliveryLease(target: string): Promise<ChangeDeliveryLease | undefined> {
    return this.deliveryLeases.acquireDeliveryLease(target);
  }

  eraseSubjectData(request: ErasureRequest): Promise<ErasureCounts> {
    // Appends already accepted are written first, so an erasure covers every record stored before it.
    this.flush();
    return this.erasure.eraseSubjectData(request);
  }

  seqsMentioning(needles: string[]): Promise<number[]> {
    this.flush();
    return this.erasure.seqsMentioning(needles);
  }

  findSuppressions(hashes: string[]): Promise<SuppressionEntry[]> {
    return this.erasure.findSuppressions(hashes);
  }

  listSuppressions(): Promise<SuppressionEntry[]> {
    return this.erasure.listSuppressions();
  }

  saveThreadPrompt(prompt: IssuedThreadPrompt): Promise<{ prompt: IssuedThreadPrompt; created: boolean }> {
    return this.threadPrompts.saveThreadPrompt(prompt);
  }

  findThreadPrompt(id: string): Promise<IssuedThreadPrompt | undefined> {
    return this.threadPrompts.findThreadPrompt(id);
  }

  /** Removes a key a ledger kept before keys moved to a key file, overwriting its bytes in the file. */
  async removeServerKey(): Promise<void> {
    this.db.pragma('secure_delete = ON');
    this.statement('DELETE FROM server_key').run();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async keepDerivedState(receiverKids: readonly string[], options: { rebuild?: boolean } = {}): Promise<void> {
    this.flush();
    this.derived.keep(receiverKids, options.rebuild);
  }

  async readDerivedStates(identifiers: readonly string[], category: string): Promise<Map<string, DerivedAnswer>> {
    const answers = this.derived.read(identifiers, category);
    if (!answers) throw new Error('no derived state in this ledger yet: start the receiver on it once, or call keepDerivedState(receiverKids)');
    return answers;
  }

  async openServiceWindow(identifier: string, until: string): Promise<void> {
    this.derived.openWindow(identifier, until);
  }

  async listDerivedCategories(): Promise<DerivedCategoryRow[]> {
    return this.derived.list();
  }

  /** The RFC 9162 log over the entries, level with the file (another process may have appended). */
  async ledgerLog(): Promise<LogView> {
    return this.log.sync();
  }

  async close(): Promise<void> {
    // Appends already accepted are committed (and answered) before the file closes.
    this.flush();
    this.db.close();
  }
}
