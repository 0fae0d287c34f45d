/**
 * The PostgreSQL store's delivery cursors, shared by every receiver on the database. The lease is
 * a session advisory lock (`pg_try_advisory_lock`) on a connection the holder keeps: one receiver
 * delivers to a target, the others wait; a receiver that dies loses its connection and with it the
 * lock, so another takes over at the cursor the dead one last committed.
 */
import type { Pool, PoolClient } from 'pg';
import type { ChangeDeliveryLease } from './delivery-lease.js';

export const POSTGRES_NOTIFY_MIGRATION_SQL = `
  -- serve --notify: per target URL, the last ledger position the target accepted (2xx).
  CREATE TABLE optin_notify_cursor (
    target text PRIMARY KEY,
    seq bigint NOT NULL CHECK (seq >= 0)
  );
`;

/** The lock id of a target: 64 bits of its MD5, so two targets practically never share one. */
const LOCK_OF_TARGET = `('x' || substr(md5('optin-notify:' || $1), 1, 16))::bit(64)::bigint`;

export class PostgresDeliveryLeases {
  constructor(private readonly pool: Pool) {}

  async acquireDeliveryLease(target: string): Promise<ChangeDeliveryLease | undefined> {
    const client = await this.pool.connect();
    let got = false;
    try {
      got = (await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_OF_TARGET}) AS got`, [target])).rows[0]?.got === true;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    if (!got) {
      client.release();
      return undefined;
    }
    return leaseOn(client, target);
  }
}

function leaseOn(client: PoolClient, target: string): ChangeDeliveryLease {
  let released = false;
  let broken: Error | undefined;
  // A held connection dropped between statements emits 'error' on the client: noted, never thrown into the process.
  client.on('error', (error) => (broken = error));
  // Every statement on the lock's own connection: if it is gone, so is the lock, and the holder learns it here.
  const query = async <T extends object>(sql: string, values: unknown[]) => {
    if (released) throw new Error('the delivery lease was released');
    try {
      return await client.query<T>(sql, values);
    } catch (error) {
      broken = error as Error;
      throw error;
    }
  };
  return {
    async cursor() {
      const { rows } = await query<{ seq: string }>('SELECT seq FROM optin_notify_cursor WHERE target = $1', [target]);
      return rows[0] ? Number(rows[0].seq) : 0;
    },
    async advance(seq) {
      await query(
        `INSERT INTO optin_notify_cursor (target, seq) VALUES ($1, $2)
         ON CONFLICT (target) DO UPDATE SET seq = GREATEST(optin_notify_cursor.seq, EXCLUDED.seq)`,
        [target, seq],
      );
    },
    async release() {
      if (released) return;
      released = true;
      if (!broken) {
        try {
          await client.query(`SELECT pg_advisory_unlock(${LOCK_OF_TARGET})`, [target]);
        } catch (error) {
          broken = error as Error;
        }
      }
      // A connection that failed is discarded (its lock went with it), never handed back to the pool.
      client.release(broken);
    },
  };
}
