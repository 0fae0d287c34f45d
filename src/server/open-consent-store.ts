/**
 * One way to open a store from a `--db` value: a `postgres://` (or `postgresql://`) URL opens the
 * PostgreSQL store, anything else is a SQLite file. Each store's module, and its driver, is loaded
 * only when chosen.
 */
import type { ConsentStore } from './consent-store.js';

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** Shows where a ledger is without the password a URL may carry. */
export function describeLedger(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const url = new URL(db);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openConsentStore(db: string, options: { readonly?: boolean } = {}): Promise<ConsentStore> {
  if (isPostgresUrl(db)) {
    const { PostgresConsentStore } = await import('./postgres-consent-store.js');
    return PostgresConsentStore.open(db, options);
  }
  const { SqliteConsentStore } = await import('./sqlite-consent-store.js');
  return new SqliteConsentStore(db, options);
}
