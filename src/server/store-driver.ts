/**
 * Loads a database driver when a store is first opened, never when `optin-elements/server` is
 * imported: the Web-standard handler then runs where neither driver is installed (an edge
 * runtime, a PostgreSQL-only deployment), and a missing driver is a message naming the package.
 */
import { createRequire } from 'node:module';

const drivers = {
  'better-sqlite3': { store: 'The SQLite store (--db FILE)', install: 'npm install better-sqlite3@12' },
  pg: { store: 'The PostgreSQL store (--db postgres://…)', install: 'npm install pg@8' },
} as const;

export type StoreDriverName = keyof typeof drivers;

export class MissingStoreDriverError extends Error {
  constructor(
    readonly driver: StoreDriverName,
    cause: unknown,
  ) {
    const { store, install } = drivers[driver];
    const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    super(`${store} needs the package "${driver}", which could not be loaded (${why}). Install it beside optin-elements: ${install}`, { cause });
    this.name = 'MissingStoreDriverError';
  }
}

/** Both drivers are CommonJS, so `require` loads them synchronously (the SQLite store's constructor is synchronous). */
export function loadStoreDriver<T>(driver: StoreDriverName): T {
  try {
    return createRequire(import.meta.url)(driver) as T;
  } catch (cause) {
    throw new MissingStoreDriverError(driver, cause);
  }
}
