/**
 * The page's outbox: one per copy of the script, started on first use.
 * Delivery resumes on page load, on `online`, on a return from the
 * back/forward cache, on a retry timer, and a last keepalive attempt is made
 * on `pagehide`.
 */
import { MemoryOutboxStore } from './memory-outbox-store.js';
import { openOutboxStore } from './open-outbox-store.js';
import type { OutboxEntry } from './outbox-entry.js';
import { type AttemptResult, OUTBOX_EVENTS, Outbox, type OutboxEventDetail } from './outbox.js';
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

interface TabMessage {
  type: typeof OUTBOX_EVENTS.delivered | typeof OUTBOX_EVENTS.dead;
  entry: OutboxEntry;
  result: AttemptResult;
}

/** Tells the other tabs of this origin when a record is delivered or refused, so their elements stop showing "queued". */
function shareAcrossTabs(outbox: Outbox): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel('optin-elements-outbox');
  for (const type of [OUTBOX_EVENTS.delivered, OUTBOX_EVENTS.dead] as const) {
    outbox.addEventListener(type, (event) => {
      const { entry, result, fromOtherTab } = (event as CustomEvent<OutboxEventDetail>).detail;
      if (fromOtherTab) return;
      // The body holds personal data: other tabs only need the id and the answer.
      const message: TabMessage = { type, entry: { ...entry, body: '', headers: {} }, result: { status: result?.status ?? 0, message: result?.message ?? '' } };
      channel.postMessage(message);
    });
  }
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const { type, entry, result } = event.data ?? {};
    if ((type === OUTBOX_EVENTS.delivered || type === OUTBOX_EVENTS.dead) && entry?.id) outbox.announceFromOtherTab(type, entry, result);
  };
}

async function createPageOutbox(): Promise<Outbox> {
  const outbox = watch(new Outbox({ store: await openOutboxStore(), transport: sendOutboxEntry, locks: webLocks }));
  shareAcrossTabs(outbox);
  for (const entry of await outbox.pending().catch(() => [])) knownPending.set(entry.id, entry);
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => void outbox.flush(true));
    // Back from the back/forward cache: nothing runs "on load" and the retry timer was frozen, so
    // what waits goes out now (or the page learns another page, or its own last beacon, delivered it).
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) void outbox.flush(true);
    });
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
