import { POSTGRES_REVIEW_MIGRATION_SQL } from './review/postgres-review-table.js';

/**
 * The PostgreSQL store's schema, as numbered migrations applied in order on start. A migration,
 * once released, never changes: a later change is a new entry at the end.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'ledger, used nonces, receiver key',
    sql: `
      CREATE TABLE optin_ledger (
        seq bigint PRIMARY KEY,
        id text NOT NULL UNIQUE,
        -- Kept as the exact text stored, not jsonb, so a row reads back byte for byte.
        record_json text NOT NULL,
        record_hash text NOT NULL,
        key_thumbprint text NOT NULL,
        received_at text NOT NULL,
        receipt text NOT NULL,
        prev_hash text NOT NULL,
        chain_hash text NOT NULL
      );
      -- Append-only: the database itself refuses edits, deletions and truncation.
      CREATE FUNCTION optin_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the consent ledger is append-only'; END $$;
      CREATE TRIGGER optin_ledger_no_update BEFORE UPDATE OR DELETE ON optin_ledger
        FOR EACH ROW EXECUTE FUNCTION optin_ledger_append_only();
      CREATE TRIGGER optin_ledger_no_truncate BEFORE TRUNCATE ON optin_ledger
        FOR EACH STATEMENT EXECUTE FUNCTION optin_ledger_append_only();
      -- A subject's history (preference centre, audit export) without a full scan.
      CREATE INDEX optin_ledger_subject_phone ON optin_ledger (((record_json::jsonb) #>> '{subject,phone}'));
      CREATE INDEX optin_ledger_subject_bsuid ON optin_ledger (((record_json::jsonb) #>> '{subject,bsuid}'));
      -- Used nonces, each bound to the record that used it, so replaying a nonce is refused.
      CREATE TABLE optin_used_nonce (
        nonce text PRIMARY KEY,
        record_id text NOT NULL
      );
      CREATE TABLE optin_server_key (
        one integer PRIMARY KEY CHECK (one = 1),
        private_jwk text NOT NULL
      );
    `,
  },  {
    version: 2,
    description: 'possible opt-outs kept for review',
    sql: POSTGRES_REVIEW_MIGRATION_SQL,
  },
];
