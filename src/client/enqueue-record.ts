/**
 * The never-lose path for any element that sends a signed record
 * (`<optin-form>`, `<optin-preferences>`, …): write-ahead outbox, retries,
 * delivery events for that one record.
 */
import type { ConsentRecord } from '../core/record/consent-record.js';
import { sha256Hex } from '../core/record/encoding.js';
import type { OutboxEntry, PreparedRequest } from './outbox/outbox-entry.js';
import type { OutboxStorageKind } from './outbox/outbox-store.js';
import { type AttemptResult, OUTBOX_EVENTS, type Outbox, type OutboxEventDetail } from './outbox/outbox.js';
import { memoryOutbox, pageOutbox } from './outbox/page-outbox.js';

/**
 * Changes what is sent, e.g. adds a static header or wraps the body for a
 * third-party API. Called once, before the record is stored; the result is
 * stored and re-sent byte-for-byte. Keep `record` intact inside `body`: its
 * signature covers it.
 */
export type PrepareRequest = (request: PreparedRequest & { record: ConsentRecord }) => PreparedRequest | Promise<PreparedRequest>;

export interface EnqueueRecordOptions {
  prepareRequest?: PrepareRequest;
  /** Per-attempt timeout in ms. Default 10 000. */
  timeoutMs?: number;
}

export interface DeliveryHandlers {
  /** Stored, not delivered yet: the first attempt failed and it will be retried (also when offline). */
  onQueued?(info: { entry: OutboxEntry; result: AttemptResult; storage: OutboxStorageKind }): void;
  /** A 2xx from the endpoint. */
  onDelivered?(info: { entry: OutboxEntry; result: AttemptResult }): void;
  /** Refused for good (a 4xx other than 408/429): moved to the dead letters. */
  onRefused?(info: { entry: OutboxEntry; result: AttemptResult }): void;
}

export interface EnqueuedRecord {
  entry: OutboxEntry;
  /** Where the record waits: `memory` means it is lost if the page closes before delivery. */
  storage: OutboxStorageKind;
  /** Stops the handlers (the record keeps being delivered). */
  unsubscribe(): void;
}

/** A `prepareRequest` that adds `extra` headers and leaves the body (the signed record) as it is. */
export const withHeaders =
  (extra: Record<string, string>): PrepareRequest =>
  ({ url, headers, body }) => ({ url, headers: { ...headers, ...extra }, body });

/** The request sent when no `prepareRequest` is given: the record as JSON, its id as `Idempotency-Key`. */
export function defaultRequest(endpoint: string, record: ConsentRecord): PreparedRequest {
  return {
    url: endpoint,
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id },
    body: JSON.stringify(record),
  };
}

function subscribe(outbox: Outbox, id: string, handlers: DeliveryHandlers): () => void {
  const forThisRecord = (handle: (event: Event) => void) => (event: Event) => {
    if ((event as CustomEvent<OutboxEventDetail>).detail.entry.id === id) handle(event);
  };
  const listeners: Array<[string, (event: Event) => void]> = [
    [OUTBOX_EVENTS.retrying, forThisRecord((e) => handlers.onQueued?.({ ...detailOf(e), storage: outbox.storageKind }))],
    [OUTBOX_EVENTS.delivered, forThisRecord((e) => handlers.onDelivered?.(detailOf(e)))],
    [OUTBOX_EVENTS.dead, forThisRecord((e) => handlers.onRefused?.(detailOf(e)))],
  ];
  for (const [type, listener] of listeners) outbox.addEventListener(type, listener);
  return () => listeners.forEach(([type, listener]) => outbox.removeEventListener(type, listener));
}

function detailOf(event: Event): { entry: OutboxEntry; result: AttemptResult } {
  const { entry, result } = (event as CustomEvent<OutboxEventDetail>).detail;
  return { entry, result: result ?? { status: 0, message: '' } };
}

/** Stores the signed record in the outbox (write-ahead), then delivers it; `handlers` hear about this record only. */
export async function enqueueRecord(
  endpoint: string,
  record: ConsentRecord,
  options: EnqueueRecordOptions = {},
  handlers: DeliveryHandlers = {},
): Promise<EnqueuedRecord> {
  const base = defaultRequest(endpoint, record);
  const prepared = options.prepareRequest ? await options.prepareRequest({ ...base, headers: { ...base.headers }, record }) : base;
  const subject = record.subject.phone ?? record.subject.bsuid ?? record.id;
  const enqueueOptions = { timeoutMs: options.timeoutMs, subjectKey: await sha256Hex(`optin-subject\n${subject}`) };
  for (const outbox of [await pageOutbox().catch(() => memoryOutbox()), memoryOutbox()]) {
    const unsubscribe = subscribe(outbox, record.id, handlers);
    try {
      const entry = await outbox.enqueue(record.id, { url: prepared.url, headers: prepared.headers, body: prepared.body }, enqueueOptions);
      return { entry, storage: outbox.storageKind, unsubscribe };
    } catch {
      // The durable store refused the write: fall back to memory rather than drop the consent.
      unsubscribe();
    }
  }
  throw new Error('the record could not be stored for delivery');
}

/** Records refused for good on this device, for the page to inspect or report. */
export async function listDeadLetters(): Promise<OutboxEntry[]> {
  return (await pageOutbox()).deadLetters();
}

/** Records waiting for delivery on this device. */
export async function listPendingRecords(): Promise<OutboxEntry[]> {
  return (await pageOutbox()).pending();
}
