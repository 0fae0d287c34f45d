/** The review queue in the SQLite file (see `review-queue.ts`). */
import type Database from 'better-sqlite3';
import {
  type NewReviewItem,
  type ReviewDecision,
  type ReviewItem,
  reviewItemOf,
  type ReviewQueue,
  type ReviewRow,
  type SettledReview,
} from './review-queue.js';

export const REVIEW_SCHEMA = `
  CREATE TABLE IF NOT EXISTS review_item (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    message_id TEXT NOT NULL,
    -- '' when absent, so the unique key below holds (NULLs are all distinct).
    phone TEXT NOT NULL,
    bsuid TEXT NOT NULL,
    received_at TEXT NOT NULL,
    sent_at TEXT,
    keyword TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'opt-out', 'not-an-opt-out')),
    decided_at TEXT,
    record_id TEXT,
    UNIQUE (channel, message_id, phone, bsuid)
  );
  CREATE INDEX IF NOT EXISTS review_item_open ON review_item (id) WHERE status = 'open';
  -- A person's entries (the subject export) without reading the whole queue.
  CREATE INDEX IF NOT EXISTS review_item_phone ON review_item (phone);
  CREATE INDEX IF NOT EXISTS review_item_bsuid ON review_item (bsuid);
`;

export class SqliteReviewTable implements ReviewQueue {
  constructor(private readonly db: Database.Database) {}

  async addReviewItem(item: NewReviewItem): Promise<{ item: ReviewItem; created: boolean }> {
    const key = [item.channel, item.messageId, item.subject.phone ?? '', item.subject.bsuid ?? ''];
    const { changes } = this.db
      .prepare(
        `INSERT OR IGNORE INTO review_item (channel, message_id, phone, bsuid, received_at, sent_at, keyword, text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...key, item.receivedAt, item.sentAt ?? null, item.keyword, item.text);
    const row = this.db.prepare<string[], ReviewRow>('SELECT * FROM review_item WHERE channel = ? AND message_id = ? AND phone = ? AND bsuid = ?').get(...key)!;
    return { item: reviewItemOf(row), created: changes === 1 };
  }

  async listOpenReviewItems(options: { afterId?: number; limit: number }): Promise<ReviewItem[]> {
    return this.db
      .prepare<[number, number], ReviewRow>("SELECT * FROM review_item WHERE status = 'open' AND id > ? ORDER BY id LIMIT ?")
      .all(options.afterId ?? 0, options.limit)
      .map(reviewItemOf);
  }

  async reviewItemsFor(identifiers: readonly string[]): Promise<ReviewItem[]> {
    if (identifiers.length === 0) return [];
    const list = JSON.stringify(identifiers);
    return this.db
      .prepare<[string, string], ReviewRow>(
        'SELECT * FROM review_item WHERE phone IN (SELECT value FROM json_each(?)) OR bsuid IN (SELECT value FROM json_each(?)) ORDER BY id',
      )
      .all(list, list)
      .map(reviewItemOf);
  }

  async findReviewItem(id: number): Promise<ReviewItem | undefined> {
    const row = this.db.prepare<[number], ReviewRow>('SELECT * FROM review_item WHERE id = ?').get(id);
    return row ? reviewItemOf(row) : undefined;
  }

  async settleReviewItem(id: number, decision: ReviewDecision, decidedAt: string, recordId?: string): Promise<SettledReview | undefined> {
    const { changes } = this.db
      .prepare("UPDATE review_item SET status = ?, decided_at = ?, record_id = ? WHERE id = ? AND status = 'open'")
      .run(decision, decidedAt, recordId ?? null, id);
    const item = await this.findReviewItem(id);
    return item && { item, settled: changes === 1 };
  }
}
