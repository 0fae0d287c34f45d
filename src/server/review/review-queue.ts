/**
 * Possible opt-outs kept for a person to review: messages that mention stopping but are not
 * conclusive ("don't stop sending me offers"). Kept beside the ledger, not in it: an entry is a
 * question to the business, not an act of the person, so it never changes the effective state,
 * and settling it is an update, which the append-only ledger refuses.
 */
import type { RecordSubject } from '../../core/record/consent-record.js';

export type ReviewDecision = 'opt-out' | 'not-an-opt-out';

export interface NewReviewItem {
  /** `whatsapp`, `sms`, …: the channel the message came through. */
  channel: string;
  /** The platform's message id: with the channel and the sender, the same message is kept once. */
  messageId: string;
  subject: RecordSubject;
  /** The receiver's clock when the message arrived (the journal's time on reprocessing). */
  receivedAt: string;
  /** The platform's send time, when it gave one. */
  sentAt?: string;
  /** The stop word the message mentions. */
  keyword: string;
  /** The message as received. */
  text: string;
}

export interface ReviewItem extends NewReviewItem {
  /** Position in the queue, from 1: also the order of arrival. */
  id: number;
  status: 'open' | ReviewDecision;
  /** When it was settled. */
  decidedAt?: string;
  /** The opt-out record a decision `opt-out` stored. */
  recordId?: string;
}

/** Optional on a store as a whole (the review routes answer 501 without it); each method durable before it resolves. */
export interface ReviewQueue {
  /** Keeps the item unless one with its channel, message id and sender exists; answers the kept one. */
  addReviewItem(item: NewReviewItem): Promise<{ item: ReviewItem; created: boolean }>;
  /** Open items with an id above `afterId`, oldest first. */
  listOpenReviewItems(options: { afterId?: number; limit: number }): Promise<ReviewItem[]>;
  findReviewItem(id: number): Promise<ReviewItem | undefined>;
  /** Every item, open or settled, sent by any of these phone numbers or BSUIDs, oldest first: a person's own data (subject exports). */
  reviewItemsFor(identifiers: readonly string[]): Promise<ReviewItem[]>;
  /**
   * Settles an open item; a settled one keeps its first decision. Answers the item as it now is,
   * and `settled: true` only to the one call whose update closed it.
   */
  settleReviewItem(id: number, decision: ReviewDecision, decidedAt: string, recordId?: string): Promise<SettledReview | undefined>;
}

export interface SettledReview {
  item: ReviewItem;
  settled: boolean;
}

/** A row as both stores keep it. */
export interface ReviewRow {
  id: number | string;
  channel: string;
  message_id: string;
  phone: string;
  bsuid: string;
  received_at: string;
  sent_at: string | null;
  keyword: string;
  text: string;
  status: ReviewItem['status'];
  decided_at: string | null;
  record_id: string | null;
}

export function reviewItemOf(row: ReviewRow): ReviewItem {
  const subject: RecordSubject = {};
  if (row.phone) subject.phone = row.phone;
  if (row.bsuid) subject.bsuid = row.bsuid;
  return {
    id: Number(row.id),
    channel: row.channel,
    messageId: row.message_id,
    subject,
    receivedAt: row.received_at,
    ...(row.sent_at ? { sentAt: row.sent_at } : {}),
    keyword: row.keyword,
    text: row.text,
    status: row.status,
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
    ...(row.record_id ? { recordId: row.record_id } : {}),
  };
}
