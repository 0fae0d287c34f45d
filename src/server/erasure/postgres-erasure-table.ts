/** Erasure in PostgreSQL (see `erasure-store.ts`); its table and the ledger's one allowed update are migration 7 in `postgres-migrations.ts`. */
import type { Pool, PoolClient } from 'pg';
import { erasedStubJson } from './erased-entry.js';
import {
  ERASED_UNIT_OUTCOME,
  type ErasureCounts,
  type ErasureRequest,
  type ErasureStore,
  derivedStateKeys,
  journalNeedles,
  recordNeedles,
  type SuppressionEntry,
} from './erasure-store.js';
import { scrubDeliveryBody } from './scrub-delivery.js';

export const POSTGRES_ERASURE_MIGRATION_SQL = `
  -- What stays of an erased person: a salted hash per identifier (suppression-hash.ts), so they are not messaged again.
  CREATE TABLE optin_suppression (
    hash text PRIMARY KEY,
    erased_at text NOT NULL,
    reason text NOT NULL CHECK (reason IN ('request', 'retention'))
  );
  -- Every update of the ledger is refused except replacing a record by its erased stub
  -- (erased-entry.ts: {"erased", "id", "kind"}), every other column unchanged, once. Deletion stays refused.
  CREATE FUNCTION optin_ledger_erase_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE'
        AND NEW.seq = OLD.seq AND NEW.id = OLD.id AND NEW.record_hash = OLD.record_hash AND NEW.key_thumbprint = OLD.key_thumbprint
        AND NEW.received_at = OLD.received_at AND NEW.receipt = OLD.receipt AND NEW.prev_hash = OLD.prev_hash AND NEW.chain_hash = OLD.chain_hash
        AND NOT ((OLD.record_json::jsonb) ? 'erased')
        AND jsonb_typeof((NEW.record_json::jsonb) -> 'erased') = 'object'
        AND NOT ((NEW.record_json::jsonb) ? 'proof')
        AND (NEW.record_json::jsonb) ->> 'id' = OLD.id
        AND ((NEW.record_json::jsonb) ->> 'kind') IS NOT DISTINCT FROM ((OLD.record_json::jsonb) ->> 'kind')
        AND (SELECT count(*) FROM jsonb_object_keys(NEW.record_json::jsonb)) = 3
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'the consent ledger is append-only: the only change allowed is erasing a record''s personal data';
    END $$;
  DROP TRIGGER optin_ledger_no_update ON optin_ledger;
  CREATE TRIGGER optin_ledger_no_update BEFORE UPDATE OR DELETE ON optin_ledger
    FOR EACH ROW EXECUTE FUNCTION optin_ledger_erase_only();
`;

interface SuppressionRow {
  hash: string;
  erased_at: string;
  reason: SuppressionEntry['reason'];
}

const entryOf = (row: SuppressionRow): SuppressionEntry => ({ hash: row.hash, erasedAt: row.erased_at, reason: row.reason });

/** The same advisory lock as appends: an erasure and an append never interleave, so no record of the person slips between. */
const LEDGER_LOCK = '122379718470146';

export class PostgresErasureTable implements ErasureStore {
  constructor(
    private readonly pool: Pool,
    private readonly transaction: <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>,
  ) {}

  async seqsMentioning(needles: string[]): Promise<number[]> {
    if (needles.length === 0) return [];
    const { rows } = await this.pool.query<{ seq: string }>(
      `SELECT seq FROM optin_ledger
       WHERE NOT ((record_json::jsonb) ? 'erased') AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE strpos(record_json, n) > 0)
       ORDER BY seq`,
      [needles],
    );
    return rows.map((row) => Number(row.seq));
  }

  eraseSubjectData(request: ErasureRequest): Promise<ErasureCounts> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
      const { rows } = await client.query<{ seq: string; id: string; kind: string | null }>(
        `SELECT seq, id, (record_json::jsonb) ->> 'kind' AS kind FROM optin_ledger
         WHERE seq = ANY($1::bigint[]) AND NOT ((record_json::jsonb) ? 'erased') ORDER BY seq`,
        [request.seqs],
      );
      for (const row of rows) {
        await client.query('UPDATE optin_ledger SET record_json = $1 WHERE seq = $2', [erasedStubJson(row.id, row.kind as never, request.mark), row.seq]);
      }
      const review = await client.query('DELETE FROM optin_review_item WHERE phone = ANY($1::text[]) OR bsuid = ANY($1::text[])', [request.identifiers]);
      // What may-send answers from (derived state, service windows) and the prompts sent to the person name them too.
      const derivedKeys = derivedStateKeys(request.identifiers);
      await client.query('DELETE FROM optin_derived_category WHERE identifier = ANY($1::text[])', [derivedKeys]);
      await client.query('DELETE FROM optin_derived_link WHERE identifier = ANY($1::text[]) OR member = ANY($1::text[])', [derivedKeys]);
      await client.query('DELETE FROM optin_service_window WHERE identifier = ANY($1::text[])', [derivedKeys]);
      for (const needle of recordNeedles(request.identifiers)) {
        await client.query('DELETE FROM optin_thread_prompt WHERE strpos(prompt_json::text, $1) > 0', [needle]);
      }
      const needles = journalNeedles(request.identifiers);
      const touched = new Set<string>();
      const units = await client.query<{ delivery_id: string }>(
        `UPDATE optin_inbound_delivery_unit SET outcome_json = $2
         WHERE outcome_json != $2 AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE strpos(outcome_json, n) > 0)
         RETURNING delivery_id`,
        [needles, ERASED_UNIT_OUTCOME],
      );
      for (const unit of units.rows) touched.add(unit.delivery_id);
      const pending = await client.query<{ id: string; body: string }>(
        `SELECT id, body FROM optin_inbound_delivery
         WHERE status = 'pending' AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE strpos(body, n) > 0) FOR UPDATE`,
        [needles],
      );
      for (const delivery of pending.rows) {
        const scrubbed = scrubDeliveryBody(delivery.body, needles);
        for (const index of scrubbed.erasedUnits) {
          await client.query(
            'INSERT INTO optin_inbound_delivery_unit (delivery_id, unit, outcome_json) VALUES ($1, $2, $3) ON CONFLICT (delivery_id, unit) DO NOTHING',
            [delivery.id, index, ERASED_UNIT_OUTCOME],
          );
        }
        await client.query('UPDATE optin_inbound_delivery SET body = $1 WHERE id = $2', [scrubbed.body, delivery.id]);
        touched.add(delivery.id);
      }
      if (request.suppressions.length > 0) {
        await client.query(
          `INSERT INTO optin_suppression (hash, erased_at, reason)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (hash) DO NOTHING`,
          [request.suppressions.map((s) => s.hash), request.suppressions.map((s) => s.erasedAt), request.suppressions.map((s) => s.reason)],
        );
      }
      return { erasedRecords: rows.length, reviewItems: review.rowCount ?? 0, journalEntries: touched.size };
    });
  }

  async findSuppressions(hashes: string[]): Promise<SuppressionEntry[]> {
    if (!(await this.hasTable())) return [];
    const { rows } = await this.pool.query<SuppressionRow>('SELECT hash, erased_at, reason FROM optin_suppression WHERE hash = ANY($1::text[])', [hashes]);
    return rows.map(entryOf);
  }

  async listSuppressions(): Promise<SuppressionEntry[]> {
    if (!(await this.hasTable())) return [];
    const { rows } = await this.pool.query<SuppressionRow>('SELECT hash, erased_at, reason FROM optin_suppression ORDER BY erased_at, hash');
    return rows.map(entryOf);
  }

  private tableSeen = false;

  /** A database read without migrating (verify-ledger) may predate erasure. Once seen, the table stays. */
  private async hasTable(): Promise<boolean> {
    if (this.tableSeen) return true;
    const { rows } = await this.pool.query<{ t: string | null }>(`SELECT to_regclass('optin_suppression')::text AS t`);
    this.tableSeen = typeof rows[0]?.t === 'string';
    return this.tableSeen;
  }
}
