/**
 * Record verification on a worker thread, for the Node server. Verifying
 * (schema, hashes, the ES256 signature) is the largest part of a record's CPU
 * time; on its own thread it runs beside the main thread's HTTP and SQLite work
 * instead of queueing behind it. Jobs of one event-loop turn travel as one message.
 */
import { KeyObject } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from './spawn-worker.js';
import type { ConsentRecord, ProofKind } from '../core/record/consent-record.js';
import type { VerificationError, VerificationResult, VerifyOptions } from '../core/record/verify-consent-record.js';

export interface VerificationJob {
  /** The body as received; the worker parses it itself (cheaper than cloning the parsed object). */
  text: string;
  nowMs: number;
  verify: Pick<VerifyOptions, 'maxFutureSkewMs' | 'maxAgeMs'>;
  /** Sign the verified record's receipt with this receipt key (sent to the thread once, with the batch that first names it). */
  receiptKid?: string;
}

export type VerificationOutcome =
  | { ok: true; proofKind: ProofKind; keyThumbprint: string; recordHash: string; receipt?: string }
  | { ok: false; errors: VerificationError[] }
  | { failed: string };

/** The receipt key the thread signs with: the receiver's current one. */
export interface ThreadReceiptKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * A verification, and for a verified record with a `receiptKey`, its receipt: claims `id`,
 * `recordHash` and `receivedAt` (= `options.now`), no `authority`, signed by that key. The caller
 * uses it only when those are the claims it would sign; otherwise it signs its own.
 */
export type ThreadVerificationResult = VerificationResult & { receipt?: string };

/** Where the handler has records verified, when not on its own thread. */
export interface RecordVerifier {
  /** Verifies the record in `text`; `record` is the caller's own parse of the same text. */
  verify(text: string, record: unknown, options: VerifyOptions, receiptKey?: ThreadReceiptKey): Promise<ThreadVerificationResult>;
  close(): Promise<void>;
}

interface Waiting {
  record: unknown;
  resolve(result: ThreadVerificationResult): void;
  reject(cause: unknown): void;
}

/** Starts the verification thread; `undefined` where worker threads cannot start (then the handler verifies in-thread). */
export function startVerificationThread(): RecordVerifier | undefined {
  let worker: Worker;
  try {
    worker = spawnWorker('verification-worker');
  } catch {
    return undefined;
  }
  // Idle, the thread must not keep a stopping process alive; busy, it must, or an answer is lost.
  worker.unref();
  let queued: Array<{ job: VerificationJob; waiting: Waiting }> = [];
  const inFlight = new Map<number, Waiting[]>();
  let nextBatch = 0;
  let flushScheduled = false;
  let broken: unknown;
  /** Receipt keys the thread holds (by kid), and those to send with the next batch. */
  const keysSent = new Set<string>();
  let keysToSend: Array<{ kid: string; key: KeyObject }> = [];
  const receiptKidFor = (receiptKey: ThreadReceiptKey | undefined): string | undefined => {
    if (!receiptKey) return undefined;
    if (!keysSent.has(receiptKey.kid)) {
      try {
        // A KeyObject crosses to the thread by postMessage; a CryptoKey as such does not.
        keysToSend.push({ kid: receiptKey.kid, key: KeyObject.from(receiptKey.privateKey) });
      } catch {
        return undefined;
      }
      keysSent.add(receiptKey.kid);
    }
    return receiptKey.kid;
  };

  const failAll = (cause: unknown) => {
    broken ??= cause;
    for (const batch of inFlight.values()) for (const waiting of batch) waiting.reject(cause);
    inFlight.clear();
    for (const { waiting } of queued.splice(0)) waiting.reject(cause);
  };
  worker.on('message', ({ batch: id, outcomes }: { batch: number; outcomes: VerificationOutcome[] }) => {
    const batch = inFlight.get(id) ?? [];
    inFlight.delete(id);
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if ('failed' in outcome) waiting.reject(new Error(outcome.failed));
      else if (outcome.ok) waiting.resolve({ ...outcome, record: waiting.record as ConsentRecord });
      else waiting.resolve(outcome);
    });
    if (inFlight.size === 0) worker.unref();
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the verification thread stopped (${code})`)));

  const flush = () => {
    flushScheduled = false;
    const batch = queued;
    queued = [];
    if (batch.length === 0) return;
    const id = nextBatch++;
    inFlight.set(
      id,
      batch.map(({ waiting }) => waiting),
    );
    worker.ref();
    const receiptKeys = keysToSend;
    keysToSend = [];
    worker.postMessage({ batch: id, jobs: batch.map(({ job }) => job), ...(receiptKeys.length > 0 ? { receiptKeys } : {}) });
  };

  return {
    verify(text, record, options, receiptKey) {
      if (broken !== undefined) return Promise.reject(broken);
      return new Promise<ThreadVerificationResult>((resolve, reject) => {
        const { maxFutureSkewMs, maxAgeMs } = options;
        const receiptKid = receiptKidFor(receiptKey);
        queued.push({
          job: { text, nowMs: (options.now ?? new Date()).getTime(), verify: { maxFutureSkewMs, maxAgeMs }, ...(receiptKid ? { receiptKid } : {}) },
          waiting: { record, resolve, reject },
        });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
