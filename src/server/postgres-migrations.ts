import { POSTGRES_REVIEW_MIGRATION_SQL, POSTGRES_REVIEW_SUBJECT_INDEX_SQL } from './review/postgres-review-table.js';
import { POSTGRES_NOTIFY_MIGRATION_SQL } from './changes/postgres-delivery-cursor.js';
import { POSTGRES_ERASURE_MIGRATION_SQL } from './erasure/postgres-erasure-table.js';
import { POSTGRES_THREAD_PROMPT_MIGRATION_SQL } from './thread-prompts/postgres-thread-prompt-table.js';
import { POSTGRES_FUNNEL_MIGRATION_SQL } from './funnel/postgres-funnel-table.js';

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
  },
  {
    version: 2,
    description: 'possible opt-outs kept for review',
    sql: POSTGRES_REVIEW_MIGRATION_SQL,
  },
  {
    version: 3,
    description: 'verifiable log leaves',
    sql: `
      -- Leaf seq - 1 of the RFC 9162 log: the leaf hash of that entry's receipt, written in the
      -- same transaction as the entry, so the log and the ledger never disagree after a crash.
      CREATE TABLE optin_log_leaf (
        idx bigint PRIMARY KEY CHECK (idx >= 0),
        hash bytea NOT NULL CHECK (length(hash) = 32)
      );
      -- Append-only like the ledger. (PostgreSQL has no INSERT OR REPLACE; ON CONFLICT DO UPDATE fires the update trigger.)
      CREATE FUNCTION optin_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the log is append-only'; END $$;
      CREATE TRIGGER optin_log_leaf_no_update BEFORE UPDATE OR DELETE ON optin_log_leaf
        FOR EACH ROW EXECUTE FUNCTION optin_log_append_only();
      CREATE TRIGGER optin_log_leaf_no_truncate BEFORE TRUNCATE ON optin_log_leaf
        FOR EACH STATEMENT EXECUTE FUNCTION optin_log_append_only();
      -- A ledger made before the log: its entries become leaves, in order (RFC 9162 leaf hash: SHA-256 of 0x00 and the receipt's bytes).
      INSERT INTO optin_log_leaf (idx, hash)
        SELECT seq - 1, sha256('\\x00'::bytea || convert_to(receipt, 'UTF8')) FROM optin_ledger ORDER BY seq;
    `,
  },
  {
    version: 4,
    description: 'inbound webhook journal',
    sql: `
      -- Each verified webhook delivery as received, until every unit in it is settled.
      CREATE TABLE optin_inbound_delivery (
        id text PRIMARY KEY,
        source text NOT NULL,
        received_at text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
        attempts integer NOT NULL DEFAULT 0
      );
      CREATE INDEX optin_inbound_delivery_pending ON optin_inbound_delivery (received_at) WHERE status = 'pending';
      CREATE TABLE optin_inbound_delivery_unit (
        delivery_id text NOT NULL REFERENCES optin_inbound_delivery (id),
        unit integer NOT NULL,
        outcome_json text NOT NULL,
        PRIMARY KEY (delivery_id, unit)
      );
    `,
  },
  {
    version: 5,
    description: 'derived subject state and service windows (may-send)',
    sql: `
      -- Each identifier's state per category, as loadSubjectState derives it (see derived-subject-state.ts),
      -- kept by the append's own transaction; filled from the ledger by the first receiver that keeps it.
      CREATE TABLE optin_derived_category (
        identifier text NOT NULL,
        category text NOT NULL,
        granted boolean NOT NULL,
        effect text NOT NULL,
        since text NOT NULL,
        record_id text NOT NULL,
        confirmed boolean NOT NULL,
        PRIMARY KEY (identifier, category)
      );
      -- The identifiers each identifier's walk reached; by member, to find whom a new entry concerns.
      CREATE TABLE optin_derived_link (
        identifier text NOT NULL,
        member text NOT NULL,
        strict boolean NOT NULL,
        PRIMARY KEY (identifier, member)
      );
      CREATE INDEX optin_derived_link_member ON optin_derived_link (member);
      -- The end of the 24-hour service window each identifier's latest message opened.
      CREATE TABLE optin_service_window (
        identifier text PRIMARY KEY,
        until text NOT NULL
      );
      -- Which receiver key ids the rows were derived with, and up to which ledger entry.
      CREATE TABLE optin_derived_meta (
        one integer PRIMARY KEY CHECK (one = 1),
        receiver_kids text NOT NULL,
        through_seq bigint NOT NULL
      );
    `,
  },
  {
    version: 6,
    description: 'change notification cursors (serve --notify)',
    sql: POSTGRES_NOTIFY_MIGRATION_SQL,
  },
  {
    version: 7,
    description: 'erasure: suppression entries, and the one update the ledger allows',
    sql: POSTGRES_ERASURE_MIGRATION_SQL,
  },
  {
    version: 8,
    description: 'issued WhatsApp thread opt-in prompts',
    sql: POSTGRES_THREAD_PROMPT_MIGRATION_SQL,
  },
  {
    version: 10,
    description: 'funnel report counts per day, form and variant',
    sql: POSTGRES_FUNNEL_MIGRATION_SQL,
  },
  {
    version: 11,
    description: "the review queue's entries by phone and by BSUID",
    sql: POSTGRES_REVIEW_SUBJECT_INDEX_SQL,
  },
];
