/** The review queue in PostgreSQL (see `review-queue.ts`); its table is migration 2 in `postgres-migrations.ts`. */
import type { Pool } from 'pg';
import {
  type NewReviewItem,
  type ReviewDecision,
  type ReviewItem,
  reviewItemOf,
  type ReviewQueue,
  type ReviewRow,
  type SettledReview,
} from './review-queue.js';

export const POSTGRES_REVIEW_MIGRATION_SQL = `
  CREATE TABLE optin_review_item (
    id bigserial PRIMARY KEY,
    channel text NOT NULL,
    message_id text NOT NULL,
    -- '' when absent, so the unique key below holds (NULLs are all distinct).
    phone text NOT NULL,
    bsuid text NOT NULL,
    received_at text NOT NULL,
    sent_at text,
    keyword text NOT NULL,
    text text NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'opt-out', 'not-an-opt-out')),
    decided_at text,
    record_id text,
    UNIQUE (channel, message_id, phone, bsuid)
  );
  CREATE INDEX optin_review_item_open ON optin_review_item (id) WHERE status = 'open';
`;

/** A person's entries (the subject export) without reading the whole queue. */
export const POSTGRES_REVIEW_SUBJECT_INDEX_SQL = `
  CREATE INDEX optin_review_item_phone ON optin_review_item (phone);
  CREATE INDEX optin_review_item_bsuid ON optin_review_item (bsuid);
`;

export class PostgresReviewTable implements ReviewQueue {
  constructor(private readonly pool: Pool) {}

  async addReviewItem(item: NewReviewItem): Promise<{ item: ReviewItem; created: boolean }> {
    const key = [item.channel, item.messageId, item.subject.phone ?? '', item.subject.bsuid ?? ''];
    const { rowCount } = await this.pool.query(
      `INSERT INTO optin_review_item (channel, message_id, phone, bsuid, received_at, sent_at, keyword, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (channel, message_id, phone, bsuid) DO NOTHING`,
      [...key, item.receivedAt, item.sentAt ?? null, item.keyword, item.text],
    );
    // A statement of its own: it sees the row another receiver committed while ours waited on the conflict.
    const { rows } = await this.pool.query<ReviewRow>(
      'SELECT * FROM optin_review_item WHERE channel = $1 AND message_id = $2 AND phone = $3 AND bsuid = $4',
      key,
    );
    return { item: reviewItemOf(rows[0]), created: rowCount === 1 };
  }

  async listOpenReviewItems(options: { afterId?: number; limit: number }): Promise<ReviewItem[]> {
    const { rows } = await this.pool.query<ReviewRow>("SELECT * FROM optin_review_item WHERE status = 'open' AND id > $1 ORDER BY id LIMIT $2", [
      options.afterId ?? 0,
      options.limit,
    ]);
    return rows.map(reviewItemOf);
  }

  async reviewItemsFor(identifiers: readonly string[]): Promise<ReviewItem[]> {
    if (identifiers.length === 0) return [];
    const { rows } = await this.pool.query<ReviewRow>('SELECT * FROM optin_review_item WHERE phone = ANY($1::text[]) OR bsuid = ANY($1::text[]) ORDER BY id', [
      identifiers,
    ]);
    return rows.map(reviewItemOf);
  }

  async findReviewItem(id: number): Promise<ReviewItem | undefined> {
    const { rows } = await this.pool.query<ReviewRow>('SELECT * FROM optin_review_item WHERE id = $1', [id]);
    return rows[0] ? reviewItemOf(rows[0]) : undefined;
  }

  async settleReviewItem(id: number, decision: ReviewDecision, decidedAt: string, recordId?: string): Promise<SettledReview | undefined> {
    const { rowCount } = await this.pool.query("UPDATE optin_review_item SET status = $1, decided_at = $2, record_id = $3 WHERE id = $4 AND status = 'open'", [
      decision,
      decidedAt,
      recordId ?? null,
      id,
    ]);
    const item = await this.findReviewItem(id);
    return item && { item, settled: rowCount === 1 };
  }
}
