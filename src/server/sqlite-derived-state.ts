/** The derived state (`derived-subject-state.ts`) in the SQLite file, kept by the append's own transaction. */
import type Database from 'better-sqlite3';
import type { RecordSubject } from '../core/record/consent-record.js';
import type { LedgerEntry } from './consent-store.js';
import {
  type DerivationAnswer,
  type DerivationRequest,
  type DerivedAnswer,
  type DerivedCategoryRow,
  type DerivedIdentifierState,
  receiverKidsStamp,
  refreshDerivedState,
  runDerivationSync,
} from './derived-subject-state.js';

export const DERIVED_STATE_SCHEMA = `
  -- Each identifier's state per category, as loadSubjectState derives it (see derived-subject-state.ts).
  CREATE TABLE IF NOT EXISTS derived_category (
    identifier TEXT NOT NULL,
    category TEXT NOT NULL,
    granted INTEGER NOT NULL,
    effect TEXT NOT NULL,
    since TEXT NOT NULL,
    record_id TEXT NOT NULL,
    confirmed INTEGER NOT NULL,
    PRIMARY KEY (identifier, category)
  ) WITHOUT ROWID;
  -- The identifiers each identifier's walk reached; by member, to find whom a new entry concerns.
  CREATE TABLE IF NOT EXISTS derived_link (
    identifier TEXT NOT NULL,
    member TEXT NOT NULL,
    strict INTEGER NOT NULL,
    PRIMARY KEY (identifier, member)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS derived_link_member ON derived_link (member);
  -- The end of the 24-hour service window each identifier's latest message opened.
  CREATE TABLE IF NOT EXISTS service_window (
    identifier TEXT PRIMARY KEY,
    until TEXT NOT NULL
  ) WITHOUT ROWID;
  -- Which receiver key ids the rows were derived with, and up to which ledger entry.
  CREATE TABLE IF NOT EXISTS derived_meta (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    receiver_kids TEXT NOT NULL,
    through_seq INTEGER NOT NULL
  );
`;

/** Entries caught up per transaction when building from a long ledger, so no one transaction grows without bound. */
const CATCH_UP_CHUNK = 2000;

interface CategoryRow {
  identifier: string;
  category: string;
  granted: number;
  effect: 'effective' | 'needs-confirmation';
  since: string;
  record_id: string;
  confirmed: number;
}

const rowOf = (row: CategoryRow): DerivedCategoryRow => ({
  identifier: row.identifier,
  category: row.category,
  granted: row.granted === 1,
  effect: row.effect,
  since: row.since,
  recordId: row.record_id,
  confirmed: row.confirmed === 1,
});

export class SqliteDerivedState {
  /** The receiver's key ids once `keep()` was called (or read from the file): appends keep the rows from then on. */
  private kids: string[] | undefined;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly entriesAfter: (seq: number, limit: number) => LedgerEntry[],
    private readonly entriesOf: (subject: RecordSubject) => LedgerEntry[],
  ) {}

  private statement<Params extends unknown[] | object = unknown[], Row = unknown>(sql: string): Database.Statement<Params, Row> {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement as Database.Statement<Params, Row>;
  }

  private meta(): { receiver_kids: string; through_seq: number } | undefined {
    return this.statement<[], { receiver_kids: string; through_seq: number }>('SELECT receiver_kids, through_seq FROM derived_meta').get();
  }

  private lastSeq(): number {
    return this.statement<[], { seq: number }>('SELECT seq FROM ledger ORDER BY seq DESC LIMIT 1').get()?.seq ?? 0;
  }

  private answer(request: DerivationRequest): DerivationAnswer {
    if (request.kind === 'linked-to') {
      return this.statement<[string], { identifier: string }>('SELECT DISTINCT identifier FROM derived_link WHERE member IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(request.identifiers))
        .map((row) => row.identifier);
    }
    return request.subjects.map((subject) => this.entriesOf(subject));
  }

  private write(states: DerivedIdentifierState[]): void {
    const dropCategories = this.statement('DELETE FROM derived_category WHERE identifier = ?');
    const dropLinks = this.statement('DELETE FROM derived_link WHERE identifier = ?');
    const addCategory = this.statement(
      'INSERT INTO derived_category (identifier, category, granted, effect, since, record_id, confirmed) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const addLink = this.statement('INSERT INTO derived_link (identifier, member, strict) VALUES (?, ?, ?)');
    for (const state of states) {
      if (!state.fresh) {
        dropCategories.run(state.identifier);
        dropLinks.run(state.identifier);
      }
      for (const c of state.categories) addCategory.run(c.identifier, c.category, c.granted ? 1 : 0, c.effect, c.since, c.recordId, c.confirmed ? 1 : 0);
      for (const l of state.links) addLink.run(l.identifier, l.member, l.strict ? 1 : 0);
    }
  }

  /**
   * Brings the rows level with the ledger, up to `CATCH_UP_CHUNK` entries; answers whether more
   * remain. Runs inside the caller's write transaction: the append's own, or a catch-up's.
   */
  applyPending(appended: readonly LedgerEntry[] = []): boolean {
    if (!this.kids) return false;
    const through = this.meta()?.through_seq ?? 0;
    // The append's own entries, when they are exactly what follows: no need to read them back.
    const entries = appended[0]?.seq === through + 1 ? appended : this.entriesAfter(through, CATCH_UP_CHUNK);
    if (entries.length === 0) return false;
    this.write(runDerivationSync(refreshDerivedState(entries, this.kids), (request) => this.answer(request)));
    this.statement('UPDATE derived_meta SET through_seq = ?').run(entries.at(-1)!.seq);
    return entries !== appended && entries.length === CATCH_UP_CHUNK;
  }

  private catchUp(): void {
    const step = this.db.transaction(() => this.applyPending());
    while (step.immediate()) {
      // another chunk
    }
  }

  keep(receiverKids: readonly string[], rebuild = false): void {
    const stamp = receiverKidsStamp(receiverKids);
    this.kids = JSON.parse(stamp) as string[];
    this.db
      .transaction(() => {
        const meta = this.meta();
        if (meta && meta.receiver_kids === stamp && !rebuild) return;
        // Built with other key ids (or asked to): rebuilt from the whole ledger. Windows are not in the ledger and stay.
        this.statement('DELETE FROM derived_category').run();
        this.statement('DELETE FROM derived_link').run();
        this.statement('INSERT OR REPLACE INTO derived_meta (one, receiver_kids, through_seq) VALUES (1, ?, 0)').run(stamp);
      })
      .immediate();
    this.catchUp();
  }

  /** A reader that never called `keep()` uses the key ids the rows were built with. */
  private ready(): boolean {
    if (!this.kids) {
      const meta = this.meta();
      if (!meta) return false;
      this.kids = JSON.parse(meta.receiver_kids) as string[];
    }
    if ((this.meta()?.through_seq ?? 0) < this.lastSeq()) this.catchUp();
    return true;
  }

  read(identifiers: readonly string[], category: string): Map<string, DerivedAnswer> | undefined {
    if (!this.ready()) return undefined;
    // One statement for the whole batch: 10,000 people without 20,000 calls into SQLite.
    const rows = this.statement<[string, string], CategoryRow & { asked: string; until: string | null; known: number }>(
      `SELECT asked.value AS asked, c.*,
         (SELECT max(w.until) FROM service_window w
          WHERE w.identifier = asked.value OR w.identifier IN (SELECT l.member FROM derived_link l WHERE l.identifier = asked.value AND l.strict = 1)) AS until,
         (EXISTS (SELECT 1 FROM derived_link l WHERE l.identifier = asked.value)
          OR EXISTS (SELECT 1 FROM service_window w WHERE w.identifier = asked.value)) AS known
       FROM json_each(?) AS asked
       LEFT JOIN derived_category c ON c.identifier = asked.value AND c.category = ?`,
    ).all(JSON.stringify(identifiers), category);
    const answers = new Map<string, DerivedAnswer>();
    for (const row of rows) {
      const { identifier: _, ...categoryState } = row.category !== null ? rowOf(row) : { identifier: row.asked };
      answers.set(row.asked, {
        ...(row.category !== null ? { category: categoryState as DerivedAnswer['category'] } : {}),
        ...(row.until ? { windowUntil: row.until } : {}),
        known: row.known === 1,
      });
    }
    return answers;
  }

  openWindow(identifier: string, until: string): void {
    this.statement(
      'INSERT INTO service_window (identifier, until) VALUES (?, ?) ON CONFLICT (identifier) DO UPDATE SET until = max(until, excluded.until)',
    ).run(identifier, until);
  }

  list(): DerivedCategoryRow[] {
    this.ready();
    return this.statement<[], CategoryRow>('SELECT * FROM derived_category ORDER BY identifier, category').all().map(rowOf);
  }
}
