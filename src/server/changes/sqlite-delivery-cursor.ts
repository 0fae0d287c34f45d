/**
 * The SQLite store's delivery cursors. The lease is held in this process: one `serve` per SQLite
 * file delivers (two processes writing one file is not a deployment SQLite is meant for; see
 * docs/changes.md). The cursor itself is a row written in its own committed transaction.
 */
import type Database from 'better-sqlite3';
import type { ChangeDeliveryLease } from './delivery-lease.js';

export const NOTIFY_CURSOR_SCHEMA = `
  -- serve --notify: per target URL, the last ledger position the target accepted.
  CREATE TABLE IF NOT EXISTS notify_cursor (
    target TEXT PRIMARY KEY,
    seq INTEGER NOT NULL CHECK (seq >= 0)
  ) WITHOUT ROWID;
`;

/** Leases held in this process, by database file (or store) and target. */
const held = new Set<string>();
let anonymousStores = 0;

export class SqliteDeliveryLeases {
  private readonly scope: string;

  constructor(
    private readonly db: Database.Database,
    location: string | undefined,
  ) {
    this.scope = location ?? `memory-${++anonymousStores}`;
  }

  async acquireDeliveryLease(target: string): Promise<ChangeDeliveryLease | undefined> {
    const key = `${this.scope}\u0000${target}`;
    if (held.has(key)) return undefined;
    held.add(key);
    const read = this.db.prepare<[string], { seq: number }>('SELECT seq FROM notify_cursor WHERE target = ?');
    const write = this.db.prepare('INSERT INTO notify_cursor (target, seq) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET seq = max(seq, excluded.seq)');
    let released = false;
    return {
      cursor: async () => read.get(target)?.seq ?? 0,
      advance: async (seq) => {
        if (released) throw new Error('the delivery lease was released');
        write.run(target, seq);
      },
      release: async () => {
        if (!released) held.delete(key);
        released = true;
      },
    };
  }
}
