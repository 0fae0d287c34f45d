/**
 * The write-ahead outbox: a signed record is written to storage before the
 * first attempt and removed only on a 2xx (delivered) or a final refusal
 * (moved to the dead letters, never silently dropped). Retries back off
 * with jitter; one subject's records go out in the order they were made.
 *
 * Everything the browser provides (storage, fetch, Web Locks, clock, timers)
 * is passed in, so the same logic runs under the model test in Node.
 */
import type { OutboxEntry, PreparedRequest } from './outbox-entry.js';
import type { OutboxStore } from './outbox-store.js';
import { type BackoffOptions, judgeStatus, parseRetryAfter, retryDelayMs } from './retry-policy.js';

export interface AttemptResult {
  /** HTTP status; 0 for a network failure or a timeout. */
  status: number;
  body?: unknown;
  retryAfter?: string | null;
  message: string;
}

export type OutboxTransport = (entry: OutboxEntry) => Promise<AttemptResult>;

/** Runs `task` while holding the named lock across tabs, or answers `'busy'` when another tab holds it. */
export type OutboxLocks = <T>(name: string, task: () => Promise<T>) => Promise<T | 'busy'>;

export interface OutboxEnvironment {
  store: OutboxStore;
  transport: OutboxTransport;
  locks?: OutboxLocks;
  now?: () => number;
  random?: () => number;
  /** Calls `task` after `ms`; returns a cancel function. */
  schedule?: (task: () => void, ms: number) => () => void;
  backoff?: BackoffOptions;
}

export interface EnqueueOptions {
  /** Per-attempt timeout. Default 10 s. */
  timeoutMs?: number;
  /** Keeps one subject's records in order; pass a hash, never the phone number itself. */
  subjectKey?: string;
}

export interface OutboxEventDetail {
  entry: OutboxEntry;
  /** The answer that caused the event (absent for `outbox-stored`). */
  result?: AttemptResult;
  /** Set when another tab sent it and told this one. */
  fromOtherTab?: boolean;
}

/** Event names, dispatched on the outbox with a `CustomEvent<OutboxEventDetail>`. */
export const OUTBOX_EVENTS = {
  /** The entry is written to storage, before any attempt. */
  stored: 'outbox-stored',
  /** A 2xx: the entry is gone from storage. */
  delivered: 'outbox-delivered',
  /** A retryable failure: the entry stays stored and will be sent again. */
  retrying: 'outbox-retrying',
  /** A final refusal: the entry moved to the dead letters. */
  dead: 'outbox-dead',
} as const;

const DEFAULT_TIMEOUT_MS = 10_000;
let seqCounter = 0;

export class Outbox extends EventTarget {
  private readonly store: OutboxStore;
  private readonly transport: OutboxTransport;
  private readonly locks: OutboxLocks;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly schedule: (task: () => void, ms: number) => () => void;
  private readonly backoff: BackoffOptions;
  private running?: Promise<void>;
  private again = false;
  private cancelTimer?: () => void;

  constructor(environment: OutboxEnvironment) {
    super();
    this.store = environment.store;
    this.transport = environment.transport;
    this.locks = environment.locks ?? ((_name, task) => task());
    this.now = environment.now ?? Date.now;
    this.random = environment.random ?? Math.random;
    this.schedule =
      environment.schedule ??
      ((task, ms) => {
        const timer = setTimeout(task, ms);
        return () => clearTimeout(timer);
      });
    this.backoff = environment.backoff ?? {};
  }

  get storageKind(): OutboxStore['kind'] {
    return this.store.kind;
  }

  /** Writes the request ahead, then starts delivery. Resolves once it is stored. */
  async enqueue(id: string, request: PreparedRequest, options: EnqueueOptions = {}): Promise<OutboxEntry> {
    const existing = await this.store.get(id);
    // The same record enqueued twice (a double click, a re-render) is one entry, sent once.
    if (existing) {
      void this.flush();
      return existing;
    }
    const entry: OutboxEntry = {
      id,
      seq: this.now() + (seqCounter++ % 1000) / 1000,
      subjectKey: options.subjectKey ?? id,
      url: request.url,
      headers: { ...request.headers },
      body: request.body,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
    };
    await this.store.put(entry);
    this.emit(OUTBOX_EVENTS.stored, { entry });
    void this.flush();
    return entry;
  }

  /** Entries waiting for delivery, oldest first. */
  async pending(): Promise<OutboxEntry[]> {
    return (await this.sorted()).filter((entry) => entry.state === 'pending');
  }

  /** Entries refused for good; the page was told through `outbox-dead`. */
  async deadLetters(): Promise<OutboxEntry[]> {
    return (await this.sorted()).filter((entry) => entry.state === 'dead');
  }

  /**
   * Sends every due entry. `force` ignores backoff (the browser just came
   * online, or the page loaded). Concurrent calls share one run.
   */
  flush(force = false): Promise<void> {
    if (force) this.forceNext = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const forced = this.forceNext;
          this.forceNext = false;
          await this.sendDue(forced);
        } while (this.again);
      } finally {
        this.running = undefined;
        await this.scheduleNext().catch(() => undefined);
      }
    })();
    return this.running;
  }
  private forceNext = false;

  private async sorted(): Promise<OutboxEntry[]> {
    return (await this.store.list()).sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
  }

  private async sendDue(force: boolean): Promise<void> {
    const blocked = new Set<string>();
    for (const listed of await this.sorted()) {
      if (listed.state !== 'pending') continue;
      if (blocked.has(listed.subjectKey)) continue;
      if (!force && listed.nextAttemptAt > this.now()) {
        blocked.add(listed.subjectKey);
        continue;
      }
      const outcome = await this.locks(`optin-elements-outbox:${listed.id}`, () => this.attempt(listed, force));
      if (outcome !== 'delivered' && outcome !== 'dead') blocked.add(listed.subjectKey);
    }
  }

  /** One attempt under the entry's lock; re-reads the entry, since another tab may have sent it meanwhile. */
  private async attempt(listed: OutboxEntry, force: boolean): Promise<'delivered' | 'dead' | 'retrying' | 'skipped'> {
    const id = listed.id;
    const entry = await this.store.get(id);
    // Another tab finished it meanwhile: tell this page's listeners too, so its element stops showing "queued".
    if (!entry) {
      this.emit(OUTBOX_EVENTS.delivered, { entry: listed, result: { status: 200, message: 'delivered from another tab' } });
      return 'delivered';
    }
    if (entry.state === 'dead') {
      this.emit(OUTBOX_EVENTS.dead, { entry, result: { status: entry.lastStatus ?? 0, message: entry.lastMessage ?? 'refused' } });
      return 'dead';
    }
    if (!force && entry.nextAttemptAt > this.now()) return 'skipped';
    let result: AttemptResult;
    try {
      result = await this.transport(entry);
    } catch (error) {
      result = { status: 0, message: error instanceof Error ? error.message : String(error) };
    }
    const verdict = judgeStatus(result.status);
    if (verdict === 'delivered') {
      await this.store.delete(id);
      this.emit(OUTBOX_EVENTS.delivered, { entry, result });
      return 'delivered';
    }
    const attempts = entry.attempts + 1;
    if (verdict === 'final') {
      const dead: OutboxEntry = { ...entry, attempts, state: 'dead', lastStatus: result.status, lastMessage: result.message };
      await this.store.put(dead);
      this.emit(OUTBOX_EVENTS.dead, { entry: dead, result });
      return 'dead';
    }
    const delay = retryDelayMs(attempts, parseRetryAfter(result.retryAfter, this.now()), this.random(), this.backoff);
    const waiting: OutboxEntry = {
      ...entry,
      attempts,
      nextAttemptAt: this.now() + delay,
      lastStatus: result.status,
      lastMessage: result.message,
    };
    await this.store.put(waiting);
    this.emit(OUTBOX_EVENTS.retrying, { entry: waiting, result });
    return 'retrying';
  }

  private async scheduleNext(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const pending = await this.pending();
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((entry) => entry.nextAttemptAt));
    // At least a second: an entry still due here is being sent by another tab, so do not spin.
    this.cancelTimer = this.schedule(() => void this.flush(), Math.max(1000, next - this.now()));
  }

  /** Another tab delivered or gave up on an entry: this page's listeners hear it as if it happened here. */
  announceFromOtherTab(type: typeof OUTBOX_EVENTS.delivered | typeof OUTBOX_EVENTS.dead, entry: OutboxEntry, result: AttemptResult): void {
    this.emit(type, { entry, result, fromOtherTab: true });
  }

  /** Stops the retry timer (tests, or a page tearing the outbox down). */
  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private emit(type: string, detail: OutboxEventDetail): void {
    this.dispatchEvent(new CustomEvent<OutboxEventDetail>(type, { detail }));
  }
}
