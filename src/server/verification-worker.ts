/**
 * Runs in a worker thread: verifies records posted to the receiver, so the
 * main thread's event loop keeps serving HTTP and SQLite while signatures are
 * checked, and signs each verified record's receipt, the main thread's other
 * per-record signature. Takes batches of jobs and answers each batch under its number.
 */
import { type KeyObject, sign } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { utf8Bytes } from '../core/record/encoding.js';
import { verifyConsentRecord } from '../core/record/verify-consent-record.js';
import { platformVerificationCrypto } from './platform-crypto.js';
import { receiptJws, receiptSigningInput } from './receipt-jws.js';
import type { VerificationJob, VerificationOutcome } from './verification-thread.js';

const receiptKeys = new Map<string, KeyObject>();

function receiptFor(kid: string | undefined, claims: { id: string; recordHash: string; receivedAt: string }): { receipt?: string } {
  const key = kid === undefined ? undefined : receiptKeys.get(kid);
  if (kid === undefined || !key) return {};
  const input = receiptSigningInput(kid, claims);
  return { receipt: receiptJws(input, sign('sha256', utf8Bytes(input), { key, dsaEncoding: 'ieee-p1363' })) };
}

async function verifyJob({ text, nowMs, verify, receiptKid }: VerificationJob): Promise<VerificationOutcome> {
  try {
    const now = new Date(nowMs);
    const result = await verifyConsentRecord(JSON.parse(text), { ...verify, now, crypto: platformVerificationCrypto });
    if (!result.ok) return result;
    const { proofKind, keyThumbprint, recordHash } = result;
    return { ok: true, proofKind, keyThumbprint, recordHash, ...receiptFor(receiptKid, { id: result.record.id, recordHash, receivedAt: now.toISOString() }) };
  } catch (cause) {
    return { failed: String(cause) };
  }
}

interface BatchMessage {
  batch: number;
  jobs: VerificationJob[];
  /** Receipt keys first named by this batch's jobs. */
  receiptKeys?: Array<{ kid: string; key: KeyObject }>;
}

parentPort?.on('message', ({ batch, jobs, receiptKeys: keys }: BatchMessage) => {
  for (const { kid, key } of keys ?? []) receiptKeys.set(kid, key);
  void Promise.all(jobs.map(verifyJob)).then((outcomes) => parentPort?.postMessage({ batch, outcomes }));
});
