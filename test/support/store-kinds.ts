/**
 * Every store the receiver ships, as the store contract suite and the crash test open them: a
 * fresh ledger each time, a second connection to the same ledger, and raw SQL beside the store
 * (to try what the database itself must refuse).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ConsentStore } from '../../src/server/consent-store.js';
import { PostgresConsentStore } from '../../src/server/postgres-consent-store.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from './postgres-cluster.js';
import { tempLedgers } from './temp-ledgers.js';

export interface TestLedger {
  /** What `--db` takes: a file path or a `postgres://` URL. */
  location: string;
  /** A new store on this ledger (another connection, as another receiver would have). */
  open(): Promise<ConsentStore>;
  /** Runs one statement on the ledger table, named `{ledger}` in `sql` (the log's leaves: `{log_leaf}`), outside the store. */
  raw(sql: string): Promise<void>;
}

export interface StoreKind {
  name: 'SQLite' | 'PostgreSQL';
  /** Set when this store cannot be tested here, with the reason. */
  skip?: string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  freshLedger(): Promise<TestLedger>;
}

export function storeKinds(prefix: string): StoreKind[] {
  const freshFile = tempLedgers(prefix);
  let server: TestPostgres | undefined;
  return [
    {
      name: 'SQLite',
      setUp: async () => {},
      tearDown: async () => {},
      async freshLedger() {
        const file = freshFile();
        return {
          location: file,
          open: async () => new SqliteConsentStore(file),
          async raw(sql) {
            const db = new Database(file);
            try {
              db.exec(sql.replaceAll('{ledger}', 'ledger').replaceAll('{log_leaf}', 'log_leaf'));
            } finally {
              db.close();
            }
          },
        };
      },
    },
    {
      name: 'PostgreSQL',
      skip: postgresUnavailable(),
      async setUp() {
        server = await startTestPostgres();
      },
      async tearDown() {
        await server?.stop();
      },
      async freshLedger() {
        const url = await server!.freshDatabase();
        return {
          location: url,
          open: () => PostgresConsentStore.open(url),
          async raw(sql) {
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            try {
              await client.query(sql.replaceAll('{ledger}', 'optin_ledger').replaceAll('{log_leaf}', 'optin_log_leaf'));
            } finally {
              await client.end();
            }
          },
        };
      },
    },
  ];
}
