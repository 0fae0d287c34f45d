/**
 * Runs in a worker thread: verifies records posted to the receiver, so the
 * main thread's event loop keeps serving HTTP and SQLite while signatures are
 * checked. Takes batches of jobs and answers each batch under its number.
 */
import { parentPort } from 'node:worker_threads';
import { verifyConsentRecord } from '../core/record/verify-consent-record.js';
import { platformVerificationCrypto } from './platform-crypto.js';
import type { VerificationJob, VerificationOutcome } from './verification-thread.js';

async function verifyJob({ text, nowMs, verify }: VerificationJob): Promise<VerificationOutcome> {
  try {
    const result = await verifyConsentRecord(JSON.parse(text), { ...verify, now: new Date(nowMs), crypto: platformVerificationCrypto });
    return result.ok ? { ok: true, proofKind: result.proofKind, keyThumbprint: result.keyThumbprint, recordHash: result.recordHash } : result;
  } catch (cause) {
    return { failed: String(cause) };
  }
}

parentPort?.on('message', ({ batch, jobs }: { batch: number; jobs: VerificationJob[] }) => {
  void Promise.all(jobs.map(verifyJob)).then((outcomes) => parentPort?.postMessage({ batch, outcomes }));
});
