import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';
import type { RecordSubject } from '../core/record/consent-record.js';
import {
  type ConsentStore,
  type InboundDelivery,
  type InboundJournal,
  type InboundUnitOutcome,
  type LedgerEntry,
  type NewInboundDelivery,
  type NewLedgerEntry,
  NonceReplayedError,
} from './consent-store.js';
import { chainEntry, LEDGER_GENESIS, type LedgerRowColumns } from './ledger-chain.js';
import { type LogView } from './log/merkle-tree.js';
import { PostgresLogReader } from './log/postgres-log-table.js';
import { receiptLeafHash } from './log/receipt-leaf.js';
import { PostgresInboundJournal } from './postgres-inbound-journal.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import { loadStoreDriver } from './store-driver.js';
import { PostgresReviewTable } from './review/postgres-review-table.js';
import { PostgresThreadPromptTable } from './thread-prompts/postgres-thread-prompt-table.js';
import type { IssuedThreadPrompt } from './thread-prompts/thread-prompt-store.js';
import type { FunnelCount } from '../core/notice/funnel-events.js';
import { PostgresFunnelTable } from './funnel/postgres-funnel-table.js';
import type { NewReviewItem, ReviewDecision, ReviewItem, SettledReview } from './review/review-queue.js';
import { type DerivedAnswer, type DerivedCategoryRow, type DerivedStateStore, namedIdentifiers } from './derived-subject-state.js';
import { linkRowsQuery, PostgresDerivedState } from './postgres-derived-state.js';
import type { ChangeDeliveryLease } from './changes/delivery-lease.js';
import { PostgresDeliveryLeases } from './changes/postgres-delivery-cursor.js';
import { storedBody } from './erasure/erased-entry.js';
import type { ErasureCounts, ErasureRequest, SuppressionEntry } from './erasure/erasure-store.js';
import { PostgresErasureTable } from './erasure/postgres-erasure-table.js';

/** As node-postgres reads it: `seq` is a `bigint` column, read as a string. */
type LedgerRow = Omit<LedgerRowColumns, 'seq'> & { seq: string | number };

type Outcome = { entry: LedgerEntry; created: boolean };
type AppendOutcome = Outcome | NonceReplayedError;

function settle(waiting: PendingAppend, outcome: AppendOutcome): void {
  if (outcome instanceof NonceReplayedError) waiting.reject(outcome);
  else waiting.resolve(outcome);
}

interface PendingAppend {
  entry: NewLedgerEntry;
  resolve(outcome: Outcome): void;
  reject(cause: unknown): void;
}

/** Advisory lock ids ("optin" + 1 / + 2): one for migrating the schema, one for appending to the chain. */
const MIGRATION_LOCK = '122379718470145';
const LEDGER_LOCK = '122379718470146';
/**
 * Opens an append's transaction, takes the ledger lock, reads the chain's last row and how far the
 * derived state has come (under the lock, so both are final for this transaction): one text of
 * several statements, sent with the batch's reads.
 */
const OPEN_APPEND = `BEGIN; SELECT pg_advisory_xact_lock(${LEDGER_LOCK});
  SELECT seq, chain_hash FROM optin_ledger ORDER BY seq DESC LIMIT 1;
  SELECT through_seq FROM optin_derived_meta`;

const COLUMNS = 'seq, id, record_json, record_hash, key_thumbprint, received_at, receipt, prev_hash, chain_hash';

function toEntry(row: LedgerRow): LedgerEntry {
  const { record, erased } = storedBody(row.record_json);
  return {
    seq: Number(row.seq),
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

/**
 * Claims the entries' nonces (under the ledger lock, so no other receiver claims meanwhile) and
 * answers which record holds each, the first to ask, now or before. One statement: the claims made
 * now (RETURNING) and those made before (the statement's snapshot does not see its own inserts).
 * An entry already in the ledger claims nothing: its record is answered as stored.
 */
function claimNoncesQuery(entries: readonly NewLedgerEntry[]): QueryConfig {
  return {
    text: `WITH claimed AS (
         INSERT INTO optin_used_nonce (nonce, record_id)
         SELECT nonce, record_id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS claim (nonce, record_id, position)
         WHERE NOT EXISTS (SELECT 1 FROM optin_ledger WHERE id = claim.record_id)
         ORDER BY position ON CONFLICT (nonce) DO NOTHING
         RETURNING nonce, record_id
       )
       SELECT nonce, record_id FROM claimed
       UNION ALL SELECT nonce, record_id FROM optin_used_nonce WHERE nonce = ANY($1::text[])`,
    values: [entries.map((entry) => entry.nonce), entries.map((entry) => entry.id)],
  };
}

/** The batch's rows and their log leaves (one log for every receiver) in one statement. */
function ledgerRowsQuery(rows: readonly LedgerRow[]): QueryConfig {
  const column = (name: keyof LedgerRow) => rows.map((row) => row[name]);
  return {
    text: `WITH ledger_rows AS (
             INSERT INTO optin_ledger (${COLUMNS})
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           )
           INSERT INTO optin_log_leaf (idx, hash) SELECT * FROM unnest($10::bigint[], $11::bytea[])`,
    values: [
      column('seq'),
      column('id'),
      column('record_json'),
      column('record_hash'),
      column('key_thumbprint'),
      column('received_at'),
      column('receipt'),
      column('prev_hash'),
      column('chain_hash'),
      rows.map((row) => Number(row.seq) - 1),
      rows.map((row) => Buffer.from(receiptLeafHash(row.receipt))),
    ],
  };
}

/**
 * Waits for every statement sent together (so none is left unanswered on the connection) and
 * throws the first failure. A statement after a failed one fails too, and a COMMIT after it rolls back.
 */
async function allAnswered<T extends readonly unknown[] | []>(statements: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((result) => result.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/**
 * Runs `send`, which sends statements on a pipelining connection, with the connection's socket
 * corked, so they leave in one write instead of one each: every write is a system call, and wakes
 * the server's process for a statement it then cannot answer before the next arrives anyway.
 */
function inOneWrite<T>(client: PoolClient, send: () => T): T {
  const socket = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
  socket?.cork?.();
  try {
    return send();
  } finally {
    socket?.uncork?.();
  }
}

/**
 * Runs `work` on a connection of `pool` that opens and ends its own transaction; if `work` fails,
 * rolls back (sent after every statement `work` sent has answered: see allAnswered) and throws.
 * A connection that could not roll back is discarded, not handed to the next caller.
 */
async function rolledBackOnFailure<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

export interface PostgresStoreOptions {
  /** Open an existing ledger to read or verify it: no migration, every transaction read-only. */
  readonly?: boolean;
  /** Connections in the pool. Default 10 (appends have one more of their own). */
  maxConnections?: number;
}

/**
 * The server-database store: any number of receivers, in any number of processes or machines,
 * share one PostgreSQL database and write one unbroken chain.
 *
 * Order: every append transaction first takes one transaction-scoped advisory lock
 * (`pg_advisory_xact_lock`), then reads the last row and chains onto it. The lock serialises
 * writers across all receivers, and PostgreSQL releases it only after the commit is visible, so
 * the next writer always chains onto the latest row; a crashed receiver's lock goes with its
 * connection. A sequence alone would give unique numbers but neither the previous hash nor a
 * gap-free order (rolled-back transactions burn values); SERIALIZABLE would abort and retry
 * every contended append instead of queueing it.
 *
 * Group commit, as in the SQLite store: appends that arrive while a batch is being written wait
 * and go together in the next transaction, so the lock is taken once per batch, not per record,
 * and each `append()` resolves only after its transaction committed.
 */
export class PostgresConsentStore implements ConsentStore, InboundJournal, DerivedStateStore {
  readonly claimsNoncesOnAppend = true;
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  /** The look-ups by id waiting for this turn's query (see findById). */
  private lookups: { ids: string[]; lookups: Map<string, Promise<LedgerEntry | undefined>>; rows: Promise<Map<string, LedgerRow>> } | undefined;
  private readonly log: PostgresLogReader;
  private readonly journal: PostgresInboundJournal;
  private readonly review: PostgresReviewTable;
  private readonly derived: PostgresDerivedState;
  private readonly deliveryLeases: PostgresDeliveryLeases;
  private readonly erasure: PostgresErasureTable;
  private readonly threadPrompts: PostgresThreadPromptTable;
  private readonly funnel: PostgresFunnelTable;

  private constructor(
    private readonly pool: Pool,
    /** The appends' own connection, in pipeline mode (`undefined` when opened read-only). */
    private readonly appendPool: Pool | undefined,
    hasLogTable: boolean,
    /** The connection string this store was opened with: an export's thread opens its own connection with it. */
    readonly readerLocation: string,
  ) {
    this.log = new PostgresLogReader(pool, hasLogTable);
    this.journal = new PostgresInboundJournal(pool);
    this.review = new PostgresReviewTable(pool);
    this.derived = new PostgresDerivedState(pool, {
      locked: (work) =>
        this.transaction(async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
          return work(client);
        }),
      entriesAfter: async (client, seq, limit) =>
        (await client.query<LedgerRow>(`SELECT ${COLUMNS} FROM optin_ledger WHERE seq > $1 ORDER BY seq LIMIT $2`, [seq, limit])).rows.map(toEntry),
      entriesNamingAny: async (client, phones, bsuids) =>
        (
          await client.query<LedgerRow>(
            `SELECT ${COLUMNS} FROM optin_ledger
             WHERE ((record_json::jsonb) #>> '{subject,phone}') = ANY($1::text[]) OR ((record_json::jsonb) #>> '{subject,bsuid}') = ANY($2::text[])
             ORDER BY seq`,
            [phones, bsuids],
          )
        ).rows.map(toEntry),
    });
    this.deliveryLeases = new PostgresDeliveryLeases(pool);
    this.erasure = new PostgresErasureTable(pool, (work) => this.transaction(work));
    this.threadPrompts = new PostgresThreadPromptTable(pool);
    this.funnel = new PostgresFunnelTable(pool);
  }

  static async open(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresConsentStore> {
    const pg = loadStoreDriver<typeof import('pg')>('pg');
    const pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      ...(options.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
    });
    // An idle connection the server drops (restart, failover) must not take the receiver down; the next query reconnects.
    pool.on('error', (error) => console.error(`optin-elements: PostgreSQL connection lost: ${error.message}`));
    let hasLogTable = true;
    try {
      if (options.readonly) hasLogTable = await requireSchema(pool);
      else await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    // Batches are written one at a time, so one connection; pipelined, so a batch's statements travel together.
    const appendPool = options.readonly ? undefined : new pg.Pool({ connectionString, max: 1, pipeline: true });
    appendPool?.on('error', (error) => console.error(`optin-elements: PostgreSQL connection lost: ${error.message}`));
    return new PostgresConsentStore(pool, appendPool, hasLogTable, connectionString);
  }

  /**
   * Look-ups by id asked for in one turn of the event loop share one query (every POST looks its
   * record up before verifying it: one round trip per request would cost more than the batch's append).
   */
  findById(id: string): Promise<LedgerEntry | undefined> {
    if (!this.lookups) {
      const lookups = new Map<string, Promise<LedgerEntry | undefined>>();
      const ids: string[] = [];
      const rows = new Promise<Map<string, LedgerRow>>((resolve, reject) =>
        setImmediate(() => {
          this.lookups = undefined;
          this.pool
            .query<LedgerRow>(`SELECT ${COLUMNS} FROM optin_ledger WHERE id = ANY($1::text[])`, [ids])
            .then(({ rows: found }) => resolve(new Map(found.map((row) => [row.id, row]))), reject);
        }),
      );
      this.lookups = { ids, lookups, rows };
    }
    const batch = this.lookups;
    let lookup = batch.lookups.get(id);
    if (!lookup) {
      batch.ids.push(id);
      lookup = batch.rows.then((found) => {
        const row = found.get(id);
        return row ? toEntry(row) : undefined;
      });
      batch.lookups.set(id, lookup);
    }
    return lookup;
  }

  append(entry: NewLedgerEntry): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushing || this.pending.length === 0) return;
    // After this turn's I/O callbacks, so the requests that arrived together share the transaction.
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .finally(() => {
        this.flushing = undefined;
        this.scheduleFlush();
      });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const outcomes = await this.appendBatch(batch.map((waiting) => waiting.entry));
      batch.forEach((waiting, i) => settle(waiting, outcomes[i]));
    } catch {
      // Rolled back (or its commit unconfirmed): each alone, so one bad entry fails only its own
      // request. An entry whose commit did land is found by its id and answered as stored.
      for (const waiting of batch) {
        try {
          settle(waiting, (await this.appendBatch([waiting.entry]))[0]);
        } catch (cause) {
          waiting.reject(cause);
        }
      }
    }
  }

  /**
   * One batch's transaction on the append connection, which pipelines: the statements that do not
   * wait for an answer are sent together, so the ledger lock, held from the first statement to the
   * commit, waits for this event loop twice (after the reads, after the writes), not once per statement.
   */
  private async appendBatch(entries: NewLedgerEntry[]): Promise<AppendOutcome[]> {
    if (!this.appendPool) throw new Error('this store was opened read-only: it cannot append');
    // The transaction opens and commits in the batch's own sends (OPEN_APPEND, then the writes).
    return rolledBackOnFailure(this.appendPool, (client) => this.appendInTransaction(client, entries));
  }

  private async appendInTransaction(client: PoolClient, entries: NewLedgerEntry[]): Promise<AppendOutcome[]> {
    const named = this.derived.kept ? [...new Set(entries.flatMap(namedIdentifiers))] : [];
    const nonced = entries.filter((entry) => entry.nonce !== undefined);
    // The lock first, then every read the batch needs, in one send: each answers under the lock.
    const [opened, stored, claims, links] = await allAnswered(
      inOneWrite(client, () => [
        client.query(OPEN_APPEND) as unknown as Promise<QueryResult[]>,
        client.query<LedgerRow>(`SELECT ${COLUMNS} FROM optin_ledger WHERE id = ANY($1::text[])`, [entries.map((e) => e.id)]),
        nonced.length > 0 ? client.query<{ nonce: string; record_id: string }>(claimNoncesQuery(nonced)) : { rows: [] },
        named.length > 0 ? client.query<{ identifier: string; member: string }>(linkRowsQuery(named)) : { rows: [] },
      ]),
    );
    const last = (opened[2] as QueryResult<Pick<LedgerRow, 'seq' | 'chain_hash'>>).rows[0];
    const derivedThrough = Number((opened[3] as QueryResult<{ through_seq: string }>).rows[0]?.through_seq ?? 0);
    const known = new Map<string, LedgerEntry>(stored.rows.map((row) => [row.id, toEntry(row)]));
    const holders = new Map(claims.rows.map((row) => [row.nonce, row.record_id]));
    let seq = last ? Number(last.seq) : 0;
    let prevHash = last?.chain_hash ?? LEDGER_GENESIS;
    const rows: LedgerRow[] = [];
    const outcomes = entries.map((entry): AppendOutcome => {
      // Also finds an entry earlier in this same batch: the same id twice is stored once.
      const existing = known.get(entry.id);
      if (existing) return { entry: existing, created: false };
      if (entry.nonce !== undefined && holders.get(entry.nonce) !== entry.id) return new NonceReplayedError(entry.nonce);
      seq += 1;
      const { entry: chained, row } = chainEntry(entry, seq, prevHash);
      rows.push(row);
      known.set(entry.id, chained);
      prevHash = chained.chainHash;
      return { entry: chained, created: true };
    });
    const created = outcomes.flatMap((o) => (o instanceof NonceReplayedError || !o.created ? [] : [o.entry]));
    let rowsWritten: Promise<unknown> | undefined;
    const writeRows = () => (rowsWritten ??= rows.length > 0 ? client.query(ledgerRowsQuery(rows)) : Promise.resolve());
    // The derived state, in the same transaction and under the same lock: an answer never lags a stored record.
    // Its rules read the ledger only for people it already holds entries of; the rows are written before such a read.
    const derivedWrites = await this.derived.appendWrites(client, created, derivedThrough, {
      asked: new Set(named),
      rows: links.rows,
      beforeEntries: async () => void (await writeRows()),
    });
    if (derivedWrites) {
      await allAnswered(
        inOneWrite(client, () => [rowsWritten ?? writeRows(), ...derivedWrites.map((statement) => client.query(statement)), client.query('COMMIT')]),
      );
      return outcomes;
    }
    // A ledger another writer appended to without keeping the state: caught up here, chunk by chunk.
    await writeRows();
    let behind = await this.derived.applyPending(client, created, derivedThrough);
    while (behind) behind = await this.derived.applyPending(client);
    await client.query('COMMIT');
    return outcomes;
  }

  /** Runs `work` in a transaction on a connection of the pool. */
  private transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return rolledBackOnFailure(this.pool, async (client) => {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    });
  }

  async list(options: { afterSeq?: number; limit?: number } = {}): Promise<LedgerEntry[]> {
    const { rows } = await this.pool.query<LedgerRow>(`SELECT ${COLUMNS} FROM optin_ledger WHERE seq > $1 ORDER BY seq LIMIT $2`, [
      options.afterSeq ?? 0,
      options.limit ?? null,
    ]);
    return rows.map(toEntry);
  }

  async lastSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM optin_ledger');
    return Number(rows[0].seq);
  }

  async listBySubject(subject: RecordSubject): Promise<LedgerEntry[]> {
    const { rows } = await this.pool.query<LedgerRow>(
      `SELECT ${COLUMNS} FROM optin_ledger
       WHERE ((record_json::jsonb) #>> '{subject,phone}') = $1 OR ((record_json::jsonb) #>> '{subject,bsuid}') = $2
       ORDER BY seq`,
      [subject.phone ?? null, subject.bsuid ?? null],
    );
    return rows.map(toEntry);
  }

  async claimNonce(nonce: string, recordId: string): Promise<boolean> {
    await this.pool.query('INSERT INTO optin_used_nonce (nonce, record_id) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING', [nonce, recordId]);
    // A statement of its own: it sees the row another receiver committed while ours waited on the conflict.
    const { rows } = await this.pool.query<{ record_id: string }>('SELECT record_id FROM optin_used_nonce WHERE nonce = $1', [nonce]);
    return rows[0]?.record_id === recordId;
  }

  async loadServerKey(): Promise<JsonWebKey | undefined> {
    const { rows } = await this.pool.query<{ private_jwk: string }>('SELECT private_jwk FROM optin_server_key');
    return rows[0] ? (JSON.parse(rows[0].private_jwk) as JsonWebKey) : undefined;
  }

  /** Two receivers starting at once both try to save a key; one wins and both use it, so one JWKS covers every receipt. */
  async saveServerKey(privateJwk: JsonWebKey): Promise<JsonWebKey> {
    await this.pool.query('INSERT INTO optin_server_key (one, private_jwk) VALUES (1, $1) ON CONFLICT (one) DO NOTHING', [JSON.stringify(privateJwk)]);
    return (await this.loadServerKey())!;
  }

  /**
   * Removes a key the database kept before keys moved to a key file. A deleted row's bytes stay in
   * the table's file until it is rewritten, so VACUUM FULL rewrites it at once (a tiny table; only
   * receivers starting take its lock). The WAL and earlier backups still hold the key: docs/postgresql.md.
   */
  async removeServerKey(): Promise<void> {
    await this.pool.query('DELETE FROM optin_server_key');
    await this.pool.query('VACUUM FULL optin_server_key');
  }

  async keepDerivedState(receiverKids: readonly string[], options: { rebuild?: boolean } = {}): Promise<void> {
    await this.derived.keep(receiverKids, options.rebuild);
  }

  async readDerivedStates(identifiers: readonly string[], category: string): Promise<Map<string, DerivedAnswer>> {
    const answers = await this.derived.read(identifiers, category);
    if (!answers) throw new Error('no derived state in this ledger yet: start the receiver on it once, or call keepDerivedState(receiverKids)');
    return answers;
  }

  openServiceWindow(identifier: string, until: string): Promise<void> {
    return this.derived.openWindow(identifier, until);
  }

  listDerivedCategories(): Promise<DerivedCategoryRow[]> {
    return this.derived.list();
  }

  /** The RFC 9162 log over the entries, level with the database (another receiver may have appended). */
  async ledgerLog(): Promise<LogView> {
    return this.log.sync();
  }

  journalDelivery(delivery: NewInboundDelivery): Promise<{ delivery: InboundDelivery; created: boolean }> {
    return this.journal.journalDelivery(delivery);
  }

  noteDeliveryAttempt(id: string): Promise<number> {
    return this.journal.noteDeliveryAttempt(id);
  }

  settleDeliveryUnit(id: string, unit: number, outcome: InboundUnitOutcome): Promise<void> {
    return this.journal.settleDeliveryUnit(id, unit, outcome);
  }

  completeDelivery(id: string): Promise<void> {
    return this.journal.completeDelivery(id);
  }

  listPendingDeliveries(): Promise<InboundDelivery[]> {
    return this.journal.listPendingDeliveries();
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

  async eraseSubjectData(request: ErasureRequest): Promise<ErasureCounts> {
    // Appends already accepted are written first, so an erasure covers every record stored before it.
    while (this.flushing) await this.flushing;
    return this.erasure.eraseSubjectData(request);
  }

  async seqsMentioning(needles: string[]): Promise<number[]> {
    while (this.flushing) await this.flushing;
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

  async close(): Promise<void> {
    // Appends already accepted are committed (and answered) before the pool closes.
    while (this.flushing) await this.flushing;
    await Promise.all([this.pool.end(), this.appendPool?.end()]);
  }
}

/** Applies the migrations this database lacks, one transaction each, under a lock so receivers starting together migrate once. */
async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS optin_schema_migrations (
        version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM optin_schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      const newest = Math.max(0, ...applied);
      const known = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;
      if (newest > known) {
        throw new Error(`the database's schema is at version ${newest}, newer than this optin-elements knows (${known}): upgrade optin-elements`);
      }
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO optin_schema_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Answers whether the log table exists (a ledger made before the log, read without migrating, has none). */
async function requireSchema(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ ledger: string | null; log: string | null }>(
    `SELECT to_regclass('optin_ledger')::text AS ledger, to_regclass('optin_log_leaf')::text AS log`,
  );
  if (!rows[0]?.ledger) throw new Error('this database has no optin-elements ledger (no optin_ledger table): start a receiver on it first');
  return rows[0].log !== null;
}
