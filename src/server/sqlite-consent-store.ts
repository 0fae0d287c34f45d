import Database from 'better-sqlite3';
import type { ConsentRecord } from '../core/consent-record.js';
import type { ConsentStore, LedgerEntry, NewLedgerEntry } from './consent-store.js';
import { chainHash, LEDGER_GENESIS } from './ledger-chain.js';

interface LedgerRow {
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
  -- Append-only: the database itself refuses edits and deletions.
  CREATE TRIGGER IF NOT EXISTS ledger_no_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS ledger_no_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
  -- Used nonces, each bound to the record that used it, so replaying a nonce is refused.
  CREATE TABLE IF NOT EXISTS used_nonce (
    nonce TEXT PRIMARY KEY,
    record_id TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS server_key (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    private_jwk TEXT NOT NULL
  );
`;

function toEntry(row: LedgerRow): LedgerEntry {
  return {
    seq: row.seq,
    id: row.id,
    record: JSON.parse(row.record_json) as ConsentRecord,
    recordHash: row.record_hash,
    keyThumbprint: row.key_thumbprint,
    receivedAt: row.received_at,
    receipt: row.receipt,
    prevHash: row.prev_hash,
    chainHash: row.chain_hash,
  };
}

/** The embedded default store: one SQLite file in WAL mode, created on first use. */
export class SqliteConsentStore implements ConsentStore {
  private readonly db: Database.Database;
  private readonly appendTransaction: Database.Transaction<(entry: NewLedgerEntry) => { entry: LedgerEntry; created: boolean }>;

  /** `readonly`: open an existing ledger to read or verify it, never changing the file. */
  constructor(filename: string, options: { readonly?: boolean } = {}) {
    this.db = new Database(filename, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
    }
    const byId = this.db.prepare<[string], LedgerRow>('SELECT * FROM ledger WHERE id = ?');
    const last = this.db.prepare<[], LedgerRow>('SELECT * FROM ledger ORDER BY seq DESC LIMIT 1');
    const insert = this.db.prepare(
      `INSERT INTO ledger (seq, id, record_json, record_hash, key_thumbprint, received_at, receipt, prev_hash, chain_hash)
       VALUES (@seq, @id, @record_json, @record_hash, @key_thumbprint, @received_at, @receipt, @prev_hash, @chain_hash)`,
    );
    // IMMEDIATE takes the write lock first, so two processes cannot chain onto the same row.
    this.appendTransaction = this.db.transaction((entry: NewLedgerEntry) => {
        const existing = byId.get(entry.id);
        if (existing) return { entry: toEntry(existing), created: false };
        const previous = last.get();
        const seq = (previous?.seq ?? 0) + 1;
        const prevHash = previous?.chain_hash ?? LEDGER_GENESIS;
        const row: LedgerRow = {
          seq,
          id: entry.id,
          record_json: JSON.stringify(entry.record),
          record_hash: entry.recordHash,
          key_thumbprint: entry.keyThumbprint,
          received_at: entry.receivedAt,
          receipt: entry.receipt,
          prev_hash: prevHash,
          chain_hash: chainHash(prevHash, { seq, id: entry.id, recordHash: entry.recordHash, receivedAt: entry.receivedAt }),
        };
        insert.run(row);
        return { entry: toEntry(row), created: true };
      });
  }

  async findById(id: string): Promise<LedgerEntry | undefined> {
    const row = this.db.prepare<[string], LedgerRow>('SELECT * FROM ledger WHERE id = ?').get(id);
    return row ? toEntry(row) : undefined;
  }

  async append(entry: NewLedgerEntry): Promise<{ entry: LedgerEntry; created: boolean }> {
    return this.appendTransaction.immediate(entry);
  }

  async list(options: { afterSeq?: number; limit?: number } = {}): Promise<LedgerEntry[]> {
    return this.db
      .prepare<[number, number], LedgerRow>('SELECT * FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(options.afterSeq ?? 0, options.limit ?? -1)
      .map(toEntry);
  }

  async claimNonce(nonce: string, recordId: string): Promise<boolean> {
    this.db.prepare('INSERT OR IGNORE INTO used_nonce (nonce, record_id) VALUES (?, ?)').run(nonce, recordId);
    const row = this.db.prepare<[string], { record_id: string }>('SELECT record_id FROM used_nonce WHERE nonce = ?').get(nonce);
    return row?.record_id === recordId;
  }

  async loadServerKey(): Promise<JsonWebKey | undefined> {
    const row = this.db.prepare<[], { private_jwk: string }>('SELECT private_jwk FROM server_key').get();
    return row ? (JSON.parse(row.private_jwk) as JsonWebKey) : undefined;
  }

  async saveServerKey(privateJwk: JsonWebKey): Promise<JsonWebKey> {
    this.db.prepare('INSERT OR IGNORE INTO server_key (one, private_jwk) VALUES (1, ?)').run(JSON.stringify(privateJwk));
    return (await this.loadServerKey())!;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
