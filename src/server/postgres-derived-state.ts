/**
 * The derived state (`derived-subject-state.ts`) in PostgreSQL (migration 5), kept by the append's
 * own transaction under the ledger lock, so receivers sharing the database keep one state.
 */
import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { RecordSubject } from '../core/record/consent-record.js';
import type { LedgerEntry } from './consent-store.js';
import {
  type DerivationAnswer,
  type DerivationRequest,
  type DerivedAnswer,
  type DerivedCategoryRow,
  type DerivedIdentifierState,
  entriesNaming,
  receiverKidsStamp,
  refreshDerivedState,
  runDerivation,
} from './derived-subject-state.js';

/** Entries caught up per transaction when building from a long ledger. */
const CATCH_UP_CHUNK = 2000;

interface CategoryRow {
  identifier: string;
  category: string;
  granted: boolean;
  effect: 'effective' | 'needs-confirmation';
  since: string;
  record_id: string;
  confirmed: boolean;
}

const rowOf = (row: CategoryRow): DerivedCategoryRow => ({
  identifier: row.identifier,
  category: row.category,
  granted: row.granted,
  effect: row.effect,
  since: row.since,
  recordId: row.record_id,
  confirmed: row.confirmed,
});

export interface PostgresLedgerAccess {
  /** Runs `work` in a transaction holding the ledger lock (the one appends take). */
  locked<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
  entriesAfter(client: PoolClient, seq: number, limit: number): Promise<LedgerEntry[]>;
  /** Entries naming any of these phones or BSUIDs, in ledger order. */
  entriesNamingAny(client: PoolClient, phones: string[], bsuids: string[]): Promise<LedgerEntry[]>;
}

/** The link rows an append read up front (with its lock), for the identifiers its entries name. */
export interface PrefetchedLinks {
  /** The members the rows were read for. */
  asked: ReadonlySet<string>;
  rows: Array<{ identifier: string; member: string }>;
  /** Called before the rules read the ledger, which must then hold the append's entries. */
  beforeEntries(): Promise<void>;
}

/** Reads the link rows of these members: the statement an append sends with its lock to answer `linked-to` from. */
export function linkRowsQuery(members: readonly string[]): QueryConfig {
  return { text: 'SELECT identifier, member FROM optin_derived_link WHERE member = ANY($1::text[])', values: [members] };
}

export class PostgresDerivedState {
  private kids: string[] | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly ledger: PostgresLedgerAccess,
  ) {}

  private async meta(client: Pool | PoolClient): Promise<{ receiver_kids: string; through_seq: number } | undefined> {
    const { rows } = await client.query<{ receiver_kids: string; through_seq: string }>('SELECT receiver_kids, through_seq FROM optin_derived_meta');
    return rows[0] && { receiver_kids: rows[0].receiver_kids, through_seq: Number(rows[0].through_seq) };
  }

  private async answer(client: PoolClient, request: DerivationRequest, links?: PrefetchedLinks): Promise<DerivationAnswer> {
    if (request.kind === 'linked-to') {
      if (links && request.identifiers.every((identifier) => links.asked.has(identifier))) {
        const asked = new Set(request.identifiers);
        return [...new Set(links.rows.filter((row) => asked.has(row.member)).map((row) => row.identifier))];
      }
      const { rows } = await client.query<{ identifier: string }>('SELECT DISTINCT identifier FROM optin_derived_link WHERE member = ANY($1::text[])', [
        request.identifiers,
      ]);
      return rows.map((row) => row.identifier);
    }
    await links?.beforeEntries();
    const phones = request.subjects.flatMap((s) => (s.phone ? [s.phone] : []));
    const bsuids = request.subjects.flatMap((s) => (s.bsuid ? [s.bsuid] : []));
    // One round trip for every walk's step, not one per person.
    const all = await this.ledger.entriesNamingAny(client, phones, bsuids);
    return request.subjects.map((subject: RecordSubject) => entriesNaming(all, subject));
  }

  /** The statements that replace these identifiers' rows and move `through_seq`, to run in this order. */
  private writes(states: DerivedIdentifierState[], throughSeq: number): QueryConfig[] {
    const statements: QueryConfig[] = [];
    const identifiers = states.filter((s) => !s.fresh).map((s) => s.identifier);
    if (identifiers.length > 0) {
      statements.push({ text: 'DELETE FROM optin_derived_category WHERE identifier = ANY($1::text[])', values: [identifiers] });
      statements.push({ text: 'DELETE FROM optin_derived_link WHERE identifier = ANY($1::text[])', values: [identifiers] });
    }
    const categories = states.flatMap((s) => s.categories);
    if (categories.length > 0) {
      statements.push({
        text: `INSERT INTO optin_derived_category (identifier, category, granted, effect, since, record_id, confirmed)
         SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::text[], $7::boolean[])`,
        values: [
          categories.map((c) => c.identifier),
          categories.map((c) => c.category),
          categories.map((c) => c.granted),
          categories.map((c) => c.effect),
          categories.map((c) => c.since),
          categories.map((c) => c.recordId),
          categories.map((c) => c.confirmed),
        ],
      });
    }
    const links = states.flatMap((s) => s.links);
    if (links.length > 0) {
      statements.push({
        text: 'INSERT INTO optin_derived_link (identifier, member, strict) SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])',
        values: [links.map((l) => l.identifier), links.map((l) => l.member), links.map((l) => l.strict)],
      });
    }
    statements.push({ text: 'UPDATE optin_derived_meta SET through_seq = $1', values: [throughSeq] });
    return statements;
  }

  /**
   * Brings the rows level with the ledger, up to a chunk; runs on a connection holding the ledger lock. Answers whether more remain.
   * `throughSeq`: the rows' `through_seq` when the caller has read it in this transaction already (saves a round trip).
   */
  async applyPending(client: PoolClient, appended: readonly LedgerEntry[] = [], throughSeq?: number): Promise<boolean> {
    if (!this.kids) return false;
    const through = throughSeq ?? (await this.meta(client))?.through_seq ?? 0;
    // The append's own entries, when they are exactly what follows: no need to read them back.
    const entries = appended[0]?.seq === through + 1 ? appended : await this.ledger.entriesAfter(client, through, CATCH_UP_CHUNK);
    if (entries.length === 0) return false;
    const states = await runDerivation(refreshDerivedState(entries, this.kids), (request) => this.answer(client, request));
    for (const statement of this.writes(states, entries.at(-1)!.seq)) await client.query(statement);
    return entries !== appended && entries.length === CATCH_UP_CHUNK;
  }

  /** Whether appends keep the derived state (`keep()` was called). */
  get kept(): boolean {
    return this.kids !== undefined;
  }

  /**
   * The statements that keep the derived state for an append's entries, for the append to send with
   * its commit; `undefined` when the state is not level with the entries (the caller catches it up
   * with `applyPending` after writing them). `links`: the link rows the append read with its lock;
   * `beforeEntries` runs before any read of the ledger, which must see the entries.
   */
  async appendWrites(client: PoolClient, appended: readonly LedgerEntry[], throughSeq: number, links: PrefetchedLinks): Promise<QueryConfig[] | undefined> {
    if (!this.kids || appended.length === 0) return [];
    if (appended[0].seq !== throughSeq + 1) return undefined;
    const states = await runDerivation(refreshDerivedState(appended, this.kids), (request) => this.answer(client, request, links));
    return this.writes(states, appended.at(-1)!.seq);
  }

  private async catchUp(): Promise<void> {
    while (await this.ledger.locked((client) => this.applyPending(client))) {
      // another chunk
    }
  }

  async keep(receiverKids: readonly string[], rebuild = false): Promise<void> {
    const stamp = receiverKidsStamp(receiverKids);
    this.kids = JSON.parse(stamp) as string[];
    await this.ledger.locked(async (client) => {
      const meta = await this.meta(client);
      if (meta && meta.receiver_kids === stamp && !rebuild) return;
      // Built with other key ids (or asked to): rebuilt from the whole ledger. Windows are not in the ledger and stay.
      await client.query('DELETE FROM optin_derived_category');
      await client.query('DELETE FROM optin_derived_link');
      await client.query(
        `INSERT INTO optin_derived_meta (one, receiver_kids, through_seq) VALUES (1, $1, 0)
         ON CONFLICT (one) DO UPDATE SET receiver_kids = excluded.receiver_kids, through_seq = 0`,
        [stamp],
      );
    });
    await this.catchUp();
  }

  /** A reader that never called `keep()` uses the key ids the rows were built with; a state behind the ledger is caught up first. */
  private async ready(): Promise<boolean> {
    const meta = await this.meta(this.pool);
    if (!meta) return false;
    this.kids ??= JSON.parse(meta.receiver_kids) as string[];
    const { rows } = await this.pool.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM optin_ledger');
    if (Number(rows[0]?.seq ?? 0) > meta.through_seq) await this.catchUp();
    return true;
  }

  async read(identifiers: readonly string[], category: string): Promise<Map<string, DerivedAnswer> | undefined> {
    if (!(await this.ready())) return undefined;
    const list = [...identifiers];
    // One statement for the whole batch.
    const { rows } = await this.pool.query<CategoryRow & { asked: string; until: string | null; known: boolean }>(
      `SELECT asked.identifier AS asked, c.category, c.granted, c.effect, c.since, c.record_id, c.confirmed,
         (SELECT max(w.until) FROM optin_service_window w
          WHERE w.identifier = asked.identifier
             OR w.identifier IN (SELECT l.member FROM optin_derived_link l WHERE l.identifier = asked.identifier AND l.strict)) AS until,
         (EXISTS (SELECT 1 FROM optin_derived_link l WHERE l.identifier = asked.identifier)
          OR EXISTS (SELECT 1 FROM optin_service_window w WHERE w.identifier = asked.identifier)) AS known
       FROM unnest($1::text[]) AS asked (identifier)
       LEFT JOIN optin_derived_category c ON c.identifier = asked.identifier AND c.category = $2`,
      [list, category],
    );
    const answers = new Map<string, DerivedAnswer>();
    for (const row of rows) {
      const { identifier: _, ...categoryState } = row.category !== null ? rowOf({ ...row, identifier: row.asked }) : { identifier: row.asked };
      answers.set(row.asked, {
        ...(row.category !== null ? { category: categoryState as DerivedAnswer['category'] } : {}),
        ...(row.until ? { windowUntil: row.until } : {}),
        known: row.known,
      });
    }
    return answers;
  }

  async openWindow(identifier: string, until: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO optin_service_window (identifier, until) VALUES ($1, $2)
       ON CONFLICT (identifier) DO UPDATE SET until = greatest(optin_service_window.until, excluded.until)`,
      [identifier, until],
    );
  }

  async list(): Promise<DerivedCategoryRow[]> {
    await this.ready();
    const { rows } = await this.pool.query<CategoryRow>('SELECT * FROM optin_derived_category ORDER BY identifier, category');
    return rows.map(rowOf);
  }
}
