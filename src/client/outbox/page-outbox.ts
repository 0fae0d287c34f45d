/**
 * The page's outbox: one per copy of the script, started on first use.
 * Delivery resumes on page load, on `online`, on a retry timer, and a last
 * keepalive attempt is made on `pagehide`.
 */
import { MemoryOutboxStore } from './memory-outbox-store.js';
import { openOutboxStore } from './open-outbox-store.js';
import type { OutboxEntry } from './outbox-entry.js';
import { OUTBOX_EVENTS, Outbox, type OutboxEventDetail } from './outbox.js';
import { sendOnPageHide, sendOutboxEntry } from './send-outbox-entry.js';
import { webLocks } from './web-locks.js';

let pageOutboxPromise: Promise<Outbox> | undefined;
let memoryFallback: Outbox | undefined;

/** Pending entries this page knows of, kept in memory because `pagehide` leaves no time to read storage. */
const knownPending = new Map<string, OutboxEntry>();

function watch(outbox: Outbox): Outbox {
  const remember = (event: Event) => {
    const { entry } = (event as CustomEvent<OutboxEventDetail>).detail;
    knownPending.set(entry.id, entry);
  };
  const forget = (event: Event) => knownPending.delete((event as CustomEvent<OutboxEventDetail>).detail.entry.id);
  outbox.addEventListener(OUTBOX_EVENTS.stored, remember);
  outbox.addEventListener(OUTBOX_EVENTS.retrying, remember);
  outbox.addEventListener(OUTBOX_EVENTS.delivered, forget);
  outbox.addEventListener(OUTBOX_EVENTS.dead, forget);
  return outbox;
}

async function createPageOutbox(): Promise<Outbox> {
  const outbox = watch(new Outbox({ store: await openOutboxStore(), transport: sendOutboxEntry, locks: webLocks }));
  for (const entry of await outbox.pending().catch(() => [])) knownPending.set(entry.id, entry);
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => void outbox.flush(true));
    window.addEventListener('pagehide', () => {
      sendOnPageHide([...knownPending.values()].filter((entry) => entry.state === 'pending'));
    });
  }
  // Records left by an earlier page (closed tab, reload, crash) go out now.
  void outbox.flush(true);
  return outbox;
}

/** This page's outbox, opened on first call. */
export function pageOutbox(): Promise<Outbox> {
  pageOutboxPromise ??= createPageOutbox();
  return pageOutboxPromise;
}

/** Starts delivering records left over from earlier pages. Safe to call many times. */
export function startOutboxDelivery(): void {
  void pageOutbox().catch(() => undefined);
}

/** Used when the durable store refuses a write (quota, storage cleared mid-way): the record is still sent from memory. */
export function memoryOutbox(): Outbox {
  memoryFallback ??= watch(new Outbox({ store: new MemoryOutboxStore(), transport: sendOutboxEntry, locks: webLocks }));
  return memoryFallback;
}
