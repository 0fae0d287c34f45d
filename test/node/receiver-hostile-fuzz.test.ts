/**
 * The hostile-input fuzz suite on its fixed seed and bounded runs (well under a minute), against
 * the real receiver on a real SQLite ledger; `npm run fuzz` runs the same properties for long,
 * on random seeds. The properties are in `test/fuzz/hostile-receiver.ts`.
 */
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type FuzzReceiver,
  erasureProperty,
  hostAndTargetProperty,
  funnelEventsProperty,
  hostileRecordProperty,
  maySendProperty,
  queryAndTokenProperty,
  sharedMessageIdProperty,
  startFuzzReceiver,
  strangerGrantProperty,
  webhookDeliveryProperty,
  withdrawalProperty,
} from '../fuzz/hostile-receiver.js';

const SEED = 20261203;
let fuzz: FuzzReceiver;

before(async () => {
  fuzz = await startFuzzReceiver();
});
// Also runs verify-ledger over everything the suite stored.
after(() => fuzz.close());

describe('the receiver under generated hostile input', () => {
  it("answers hostile signed records without a 5xx, the same way twice, one row, a verifiable row, nobody else's state moved", async () => {
    await fc.assert(hostileRecordProperty(fuzz), { seed: SEED, numRuns: 150 });
  });

  it('answers signed deliveries mixing good and bad messages with 200, each STOP stored once and effective', async () => {
    await fc.assert(webhookDeliveryProperty(fuzz), { seed: SEED, numRuns: 60 });
  });

  it('answers hostile queries and forged tokens on the audit, preference and admin routes without a 5xx or a leak', async () => {
    await fc.assert(queryAndTokenProperty(fuzz), { seed: SEED, numRuns: 150 });
  });

  it('answers generated may-send queries and batches with a client answer, never a 5xx, one answer per subject', async () => {
    await fc.assert(maySendProperty(fuzz), { seed: SEED, numRuns: 100 });
  });

  it('answers hostile erasure requests with a precise client answer, never a 5xx, and erases nobody it was not asked to', async () => {
    await fc.assert(erasureProperty(fuzz), { seed: SEED, numRuns: 120 });
  });

  it("answers hostile funnel batches on POST /events with a client answer, adding exactly a valid batch's sums", async () => {
    await fc.assert(funnelEventsProperty(fuzz), { seed: SEED, numRuns: 150 });
  });

  it('answers raw requests with generated Host headers and targets with a client answer, never a 5xx', async () => {
    await fc.assert(hostAndTargetProperty(fuzz), { seed: SEED, numRuns: 200 });
  });
});

// These rest on the effective-state rules of #17 and #25's state part: each failed on the receiver
// before those rules (a bot-filtered withdrawal answered 201, inbound ids from the message id
// alone, a stranger's unproven grant effective).
describe('the effective state under generated hostile input', () => {
  it('makes every verified withdrawal effective, however bot-like its collection data', async () => {
    await fc.assert(withdrawalProperty(fuzz), { seed: SEED, numRuns: 30 });
  });

  it('stores both STOPs when two senders share a platform message id', async () => {
    await fc.assert(sharedMessageIdProperty(fuzz), { seed: SEED, numRuns: 5 });
  });

  it("never lets a stranger's grant turn a stopped person back on", async () => {
    await fc.assert(strangerGrantProperty(fuzz), { seed: SEED, numRuns: 10 });
  });
});
