/**
 * `serve --notify URL`: pushes the change feed to an endpoint, one event per POST, in feed order.
 *
 * Never lost: the target's cursor (the last position it accepted) is in the store and moves only
 * after a 2xx, so a restart, a crash or another receiver taking over starts at the first event
 * not yet accepted. Never doubled for a target that dedupes: each POST carries the event id as
 * `Idempotency-Key`, and the only resend of an accepted event is after a crash between its 2xx and
 * the cursor's commit. A failed attempt (any answer but 2xx, a refused connection, a timeout) is
 * tried again after a wait that doubles up to a bound, for as long as it takes: the next event
 * waits, so order is kept.
 */
import { utf8Bytes } from '../../core/record/encoding.js';
import type { CategoryRegistry } from '../category-registry.js';
import type { ConsentStore } from '../consent-store.js';
import { type ReceiverKey, receiverKidsOf } from '../receiver-key.js';
import { readChanges } from './change-feed.js';
import type { ChangeDeliveryLease } from './delivery-lease.js';
import { NOTIFICATION_SIGNATURE_HEADER, signChangeNotification } from './notification-signature.js';
import type { ChangeEvent } from '../../core/record/change-event.js';

export interface ChangeNotifyOptions {
  /** Where to POST each change: an `http:` or `https:` URL. */
  url: string;
  /** Wait after the first failed attempt, in milliseconds; doubles after each further failure. Default 1000. */
  retryDelayMs?: number;
  /** The longest wait between attempts. Default 300 000 (5 minutes). */
  maxRetryDelayMs?: number;
  /** How often the ledger is looked at for new changes, and a lease held by another receiver asked for again. Default 1000. */
  pollIntervalMs?: number;
  /** How long one attempt may take before it counts as failed. Default 10 000. */
  timeoutMs?: number;
  /** Told of every attempt (for logs or metrics). Default: failures are logged to the console. */
  onAttempt?: (attempt: NotifyAttempt) => void;
}

export interface NotifyAttempt {
  url: string;
  eventId: string;
  /** 1 for the first attempt at this event in this process. */
  attempt: number;
  accepted: boolean;
  /** The target's HTTP status, when it answered. */
  status?: number;
  /** Why there was no answer (`ECONNREFUSED`, `timeout`, …). */
  error?: string;
  /** After a failure: milliseconds until the next attempt. */
  retryInMs?: number;
}

export interface ChangeNotifier {
  /** Stops after the attempt in flight; what was not accepted is delivered by the next start. */
  stop(): Promise<void>;
}

const PAGE = 100;

/** Why `url` cannot be a notification target, or `undefined`. */
export function notifyUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--notify takes an http:// or https:// URL, got "${url}"`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `--notify takes an http:// or https:// URL, got the scheme "${parsed.protocol}" in "${url}"`;
  if (parsed.username || parsed.password)
    return `--notify: put no credentials in the URL ("${parsed.host}"); the notifications are signed, check the signature instead`;
  return undefined;
}

function failureReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}

function logAttempt(attempt: NotifyAttempt): void {
  if (attempt.accepted) return;
  const why = attempt.status !== undefined ? `HTTP ${attempt.status}` : attempt.error;
  console.error(
    `[optin-elements] notify ${attempt.url}: ${attempt.eventId} not accepted (attempt ${attempt.attempt}: ${why}); next try in ${attempt.retryInMs} ms`,
  );
}

/**
 * Starts pushing the change feed to `options.url` beside a receiver you run yourself. Call
 * `stop()` before closing the store: on PostgreSQL the lease holds one of its connections.
 */
export function startChangeNotifier(
  store: ConsentStore,
  key: () => Promise<ReceiverKey>,
  options: ChangeNotifyOptions & { categories?: CategoryRegistry },
): ChangeNotifier {
  const problem = notifyUrlProblem(options.url);
  if (problem) throw new Error(problem);
  if (!store.acquireDeliveryLease)
    throw new Error('--notify needs a store that keeps delivery cursors (acquireDeliveryLease); the SQLite and PostgreSQL stores do');
  const { url } = options;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 300_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const report = options.onAttempt ?? logAttempt;
  const stopping = new AbortController();
  let complainedAbout: string | undefined;

  /** Waits `ms`, or less when stopped. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  /** Said once per distinct problem, not at every poll. */
  const complain = (message: string) => {
    if (complainedAbout === message) return;
    complainedAbout = message;
    console.error(`[optin-elements] notify ${url}: ${message}`);
  };

  /** POSTs one event until the target accepts it; `false` when stopped first. */
  async function deliver(event: ChangeEvent): Promise<boolean> {
    const body = utf8Bytes(JSON.stringify(event));
    const signature = await signChangeNotification(await key(), body, { url, id: event.id });
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      let status: number | undefined;
      let error: string | undefined;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': event.id, [NOTIFICATION_SIGNATURE_HEADER]: signature },
          body,
          // A redirect is not an acceptance: the event stays until the configured URL itself says 2xx.
          redirect: 'manual',
          signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(timeoutMs)]),
        });
        status = response.status;
        await response.body?.cancel().catch(() => undefined);
      } catch (cause) {
        if (stopping.signal.aborted) return false;
        error = failureReason(cause);
      }
      if (status !== undefined && status >= 200 && status < 300) {
        report({ url, eventId: event.id, attempt, accepted: true, status });
        return true;
      }
      const retryInMs = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** Math.min(attempt - 1, 30));
      report({ url, eventId: event.id, attempt, accepted: false, ...(status !== undefined ? { status } : { error }), retryInMs });
      await pause(retryInMs);
    }
    return false;
  }

  async function deliverHolding(lease: ChangeDeliveryLease): Promise<void> {
    const kids = receiverKidsOf(await key());
    while (!stopping.signal.aborted) {
      const after = await lease.cursor();
      const page = await readChanges(store, kids, { after, limit: PAGE, ...(options.categories ? { categories: options.categories } : {}) });
      if ('code' in page) {
        // The ledger is behind the cursor (restored from an older backup): nothing is skipped silently.
        complain(`${page.message}; delivery is paused until the cursor row for this URL is looked at`);
        await pause(pollIntervalMs);
        continue;
      }
      for (const event of page.events) {
        if (!(await deliver(event))) return;
        await lease.advance(Number(event.cursor));
      }
      // Records that changed nothing are passed too, so the next look starts after them.
      if (Number(page.next) > after) await lease.advance(Number(page.next));
      if (!page.more) await pause(pollIntervalMs);
    }
  }

  async function run(): Promise<void> {
    while (!stopping.signal.aborted) {
      let lease: ChangeDeliveryLease | undefined;
      try {
        lease = await store.acquireDeliveryLease!(url);
        if (lease) await deliverHolding(lease);
      } catch (error) {
        // A store that failed (a lost connection, a restart of the database): try again from the committed cursor.
        if (!stopping.signal.aborted)
          complain(`delivery interrupted: ${error instanceof Error ? error.message : String(error)}; resuming from the last accepted change`);
      } finally {
        await lease?.release().catch(() => undefined);
      }
      await pause(pollIntervalMs);
    }
  }

  const running = run();
  return {
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
