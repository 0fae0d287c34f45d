/**
 * A reviewer's decision on a possible opt-out. `opt-out` stores a receiver-made opt-out for the
 * sender, as a STOP would, with the original message as its inbound evidence and the review as
 * its reason (`policy.checks`: `opt-out-review`); `not-an-opt-out` only closes the entry.
 * The opt-out is stored before the entry is closed: its id comes from the message, so a retry
 * after a crash between the two finds it stored and closes the entry. The same decision again
 * answers the same; the other decision is refused (409). A withdrawal once stored stays.
 */
import type { ConsentStore } from '../consent-store.js';
import { type InboundOptions, storeOptOut } from '../process-inbound-message.js';
import type { ReceiverKey } from '../receiver-key.js';
import type { ReviewDecision, ReviewItem } from './review-queue.js';

export type SettleOutcome = { ok: true; item: ReviewItem; created: boolean } | { ok: false; status: 404 | 409 | 422 | 501; code: string; message: string };

export async function settleReview(
  store: ConsentStore,
  key: ReceiverKey,
  id: number,
  decision: ReviewDecision,
  now: Date,
  options: InboundOptions = {},
): Promise<SettleOutcome> {
  if (!store.findReviewItem || !store.settleReviewItem) {
    return { ok: false, status: 501, code: 'review-unsupported', message: 'this store keeps no review queue' };
  }
  const item = await store.findReviewItem(id);
  if (!item) return { ok: false, status: 404, code: 'review-not-found', message: `no possible opt-out with id ${id}` };
  if (item.status !== 'open') return sameOrConflict(item, decision, false);
  let recordId: string | undefined;
  if (decision === 'opt-out') {
    const message = {
      channel: item.channel,
      messageId: item.messageId,
      subject: item.subject,
      text: item.text,
      ...(item.sentAt ? { sentAt: item.sentAt } : {}),
    };
    const stored = await storeOptOut(store, key, message, now, options, { purpose: 'review', check: 'opt-out-review' });
    if (!stored.ok) return { ok: false, status: 422, code: 'opt-out-refused', message: stored.errors.map((e) => e.message).join('; ') };
    recordId = stored.entry.id;
  }
  const outcome = await store.settleReviewItem(id, decision, now.toISOString(), recordId);
  // Another reviewer may have settled it meanwhile (even in the same millisecond): the first decision stays.
  if (!outcome?.settled) return sameOrConflict(outcome?.item ?? item, decision, false);
  return { ok: true, item: outcome.item, created: true };
}

function sameOrConflict(item: ReviewItem, decision: ReviewDecision, created: boolean): SettleOutcome {
  if (item.status === decision) return { ok: true, item, created };
  return { ok: false, status: 409, code: 'review-already-settled', message: `possible opt-out ${item.id} was already settled as "${item.status}"` };
}
