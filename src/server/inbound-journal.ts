/**
 * Journal first, then process: a verified webhook delivery is written durably as received
 * (`ConsentStore.journalDelivery`), then each unit of it (one message, see
 * `whatsapp-delivery-units.ts`) is processed on its own and settled, processed or rejected with
 * its reason. A unit that fails inside the receiver (the store is down, a bug) stays unsettled,
 * and the entry is processed again: when the platform redelivers, at the next start of the
 * server, or by `optin-elements reprocess-inbound`.
 *
 * Exactly once: each record a message makes has an id derived from the message (see
 * `inboundRecordId`), and the ledger never stores an id twice, so processing a unit again, even
 * after a crash between appending its record and settling it, or in two processes at once, adds
 * nothing. The journal entry's own id is the SHA-256 of the source and the raw body, so the
 * same delivery again finds its entry; its units are indexed by their place in the body.
 */
import { hex, utf8Bytes } from '../core/record/encoding.js';
import type { ConsentStore, InboundDelivery, InboundJournal, InboundUnitOutcome } from './consent-store.js';
import { type InboundOptions, processInboundMessage } from './process-inbound-message.js';
import type { ReceiverKey } from './receiver-key.js';
import { deliveryUnits } from './whatsapp-delivery-units.js';
import { readWhatsAppInbound } from './whatsapp-inbound.js';

/** A unit that failed inside the receiver this many times is rejected, so one poison message cannot hold its entry open for ever. */
export const MAX_DELIVERY_ATTEMPTS = 5;

export interface DeliveryAnswer {
  /** One result per settled unit that names a message, in body order. */
  results: Array<Record<string, unknown>>;
  /** Units left for a later attempt after an internal error. */
  pending: number;
}

export function hasInboundJournal(store: ConsentStore): store is ConsentStore & InboundJournal {
  return (
    typeof store.journalDelivery === 'function' &&
    typeof store.noteDeliveryAttempt === 'function' &&
    typeof store.settleDeliveryUnit === 'function' &&
    typeof store.completeDelivery === 'function' &&
    typeof store.listPendingDeliveries === 'function'
  );
}

export async function deliveryId(source: string, body: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8Bytes(`${source}\n${body}`))));
}

const MAX_KEPT_UNIT = 64 * 1024;

/** The unit as evidence: its JSON, cut at 64 KiB; a client's value nested too deep to write out is kept as a note, never thrown. */
function unitEvidence(payload: unknown): string {
  try {
    return (JSON.stringify(payload) ?? '').slice(0, MAX_KEPT_UNIT);
  } catch (cause) {
    return `(not kept: ${reasonOf(cause)})`;
  }
}

const reasonOf = (cause: unknown) => (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)).slice(0, 500);

/** Processes one unit; throws only for failures inside the receiver (then the unit stays to be processed again). */
async function processUnit(
  store: ConsentStore,
  key: ReceiverKey,
  unit: ReturnType<typeof deliveryUnits>[number],
  receivedAt: Date,
  options: InboundOptions,
): Promise<InboundUnitOutcome> {
  const rejected = (reason: string): InboundUnitOutcome => ({
    status: 'rejected',
    ...(unit.messageId ? { messageId: unit.messageId } : {}),
    reason,
    unit: unitEvidence(unit.payload),
  });
  if (unit.problem) return rejected(unit.problem);
  let messages;
  try {
    messages = readWhatsAppInbound(unit.payload);
  } catch (cause) {
    // Reading is a pure function of the client's bytes: what throws here will throw every time.
    return rejected(`the message could not be read: ${reasonOf(cause)}`);
  }
  const results: Array<{ messageId: string } & Record<string, unknown>> = [];
  for (const message of messages) {
    results.push({ messageId: message.messageId, ...(await processInboundMessage(store, key, message, receivedAt, options)) });
  }
  return { status: 'processed', results };
}

/** What a settled unit contributes to the answer. `again`: settled before this request, so nothing was created by it. */
function resultsOf(outcome: InboundUnitOutcome, again: boolean): Array<Record<string, unknown>> {
  if (outcome.status === 'rejected') return [{ ...(outcome.messageId ? { messageId: outcome.messageId } : {}), action: 'rejected', reason: outcome.reason }];
  return outcome.results.map((result) => (again && result.created === true ? { ...result, created: false } : result));
}

/**
 * Processes the unsettled units of a journalled delivery, settles each, and completes the entry
 * when none is left. Never throws for a unit's sake; a unit that fails inside the receiver is
 * counted in `pending`.
 */
export async function processDelivery(
  store: ConsentStore & InboundJournal,
  key: ReceiverKey,
  delivery: InboundDelivery,
  options: InboundOptions = {},
): Promise<DeliveryAnswer> {
  const answered = new Set(Object.keys(delivery.settled).map(Number));
  const settled = { ...delivery.settled };
  if (delivery.status === 'pending') {
    const attempt = await store.noteDeliveryAttempt(delivery.id);
    // The body was verified before it was journalled; it is JSON.
    const units = deliveryUnits(JSON.parse(delivery.body));
    const receivedAt = new Date(delivery.receivedAt);
    for (const [index, unit] of units.entries()) {
      if (settled[index]) continue;
      let outcome: InboundUnitOutcome;
      try {
        outcome = await processUnit(store, key, unit, receivedAt, options);
      } catch (cause) {
        console.error(`[optin-elements] inbound delivery ${delivery.id} unit ${index}: attempt ${attempt} failed`, cause);
        if (attempt < MAX_DELIVERY_ATTEMPTS) continue;
        outcome = {
          status: 'rejected',
          ...(unit.messageId ? { messageId: unit.messageId } : {}),
          reason: `failed inside the receiver on ${attempt} attempts: ${reasonOf(cause)}`,
          unit: unitEvidence(unit.payload),
        };
      }
      await store.settleDeliveryUnit(delivery.id, index, outcome);
      settled[index] = outcome;
    }
    if (units.every((_, index) => settled[index])) await store.completeDelivery(delivery.id);
    const pending = units.filter((_, index) => !settled[index]).length;
    const results = Object.keys(settled)
      .map(Number)
      .sort((a, b) => a - b)
      .flatMap((index) => resultsOf(settled[index], answered.has(index)));
    return { results, pending };
  }
  return {
    results: Object.keys(settled)
      .map(Number)
      .sort((a, b) => a - b)
      .flatMap((index) => resultsOf(settled[index], true)),
    pending: 0,
  };
}

/** Journals a verified delivery, then processes it. */
export async function receiveDelivery(
  store: ConsentStore,
  key: ReceiverKey,
  source: string,
  body: string,
  receivedAt: Date,
  options: InboundOptions = {},
): Promise<DeliveryAnswer> {
  if (!hasInboundJournal(store)) {
    // A store without a journal: the same per-unit processing, with no second chance after a crash.
    const results: Array<Record<string, unknown>> = [];
    let pending = 0;
    for (const unit of deliveryUnits(JSON.parse(body))) {
      try {
        results.push(...resultsOf(await processUnit(store, key, unit, receivedAt, options), false));
      } catch (cause) {
        console.error('[optin-elements] inbound message failed', cause);
        pending += 1;
      }
    }
    return { results, pending };
  }
  const { delivery } = await store.journalDelivery({ id: await deliveryId(source, body), source, receivedAt: receivedAt.toISOString(), body });
  return processDelivery(store, key, delivery, options);
}

/** Processes every entry left pending (by a crash, or an internal error); answers how many entries were completed and how many units remain. */
export async function reprocessPendingDeliveries(
  store: ConsentStore,
  key: ReceiverKey,
  options: InboundOptions = {},
): Promise<{ deliveries: number; completed: number; pendingUnits: number }> {
  if (!hasInboundJournal(store)) return { deliveries: 0, completed: 0, pendingUnits: 0 };
  const waiting = await store.listPendingDeliveries();
  let completed = 0;
  let pendingUnits = 0;
  for (const delivery of waiting) {
    const { pending } = await processDelivery(store, key, delivery, options);
    if (pending === 0) completed += 1;
    pendingUnits += pending;
  }
  return { deliveries: waiting.length, completed, pendingUnits };
}
