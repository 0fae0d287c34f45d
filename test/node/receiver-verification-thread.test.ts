/** The Node server verifies records on a worker thread; it must answer exactly as verifying in-thread does. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import { loadReceiverKey, verifyReceipt } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { startVerificationThread } from '../../src/server/verification-thread.js';
import { signedSample } from '../support/sample-record.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'optin-verification-thread-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the verification thread', () => {
  it('gives the same result as verifying in this thread, for good and bad records sent together', async () => {
    const verifier = startVerificationThread();
    assert.ok(verifier, 'worker threads start on Node');
    try {
      const record = await signedSample();
      const candidates: unknown[] = [
        record,
        { ...record, channel: 'sms' },
        { ...record, kind: 'maybe' },
        { ...record, capturedAt: new Date(Date.now() + 3_600_000).toISOString() },
        { ...record, notice: { ...record.notice, sha256: '0'.repeat(64) } },
        [],
      ];
      const now = new Date();
      const [threaded, local] = await Promise.all([
        Promise.all(candidates.map((candidate) => verifier.verify(JSON.stringify(candidate), candidate, { now }))),
        Promise.all(candidates.map((candidate) => verifyConsentRecord(candidate, { now }))),
      ]);
      assert.deepEqual(threaded, local);
      assert.equal(threaded[0].ok, true);
      assert.ok(threaded.slice(1).every((result) => !result.ok));
    } finally {
      await verifier.close();
    }
  });

  it("signs a verified record's receipt with the receiver's key, the claims the handler would sign, and none for a refused record", async () => {
    const verifier = startVerificationThread();
    assert.ok(verifier);
    const store = new SqliteConsentStore(join(dir, 'thread-receipt.db'));
    try {
      const key = await loadReceiverKey(store);
      const threadKey = { kid: key.publicJwk.kid, privateKey: key.privateKey };
      const now = new Date('2026-12-03T16:00:00.123Z');
      const records = [
        await signedSample({ capturedAt: new Date('2026-12-03T15:59:00.000Z') }),
        await signedSample({ capturedAt: new Date('2026-12-03T15:59:30.000Z') }),
      ];
      const tampered = { ...records[0], channel: 'sms' };
      const results = await Promise.all([...records, tampered].map((r) => verifier.verify(JSON.stringify(r), r, { now }, threadKey)));
      for (const [i, record] of records.entries()) {
        const result = results[i];
        assert.ok(result.ok && result.receipt, `record ${i} verified, with a receipt`);
        assert.deepEqual(await verifyReceipt(result.receipt, key.publishedJwks), {
          id: record.id,
          recordHash: result.recordHash,
          receivedAt: now.toISOString(),
        });
        assert.equal(JSON.parse(Buffer.from(result.receipt.split('.')[0], 'base64url').toString()).kid, key.publicJwk.kid);
      }
      assert.equal(results[2].ok, false);
      assert.equal(results[2].receipt, undefined, 'no receipt for a record that failed verification');
      const withoutKey = await verifier.verify(JSON.stringify(records[0]), records[0], { now });
      assert.ok(withoutKey.ok && withoutKey.receipt === undefined, 'no key, no receipt');
    } finally {
      await verifier.close();
      await store.close();
    }
  });

  it('leaves the handler verifying in its own thread once the worker is gone', async () => {
    const verifier = startVerificationThread();
    assert.ok(verifier);
    const store = new SqliteConsentStore(join(dir, 'fallback.db'));
    const handler = createConsentHandler({ store, verifier });
    const post = (body: object) =>
      handler(new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
    assert.equal((await post(await signedSample())).status, 201);
    await verifier.close();
    const record = await signedSample();
    assert.equal((await post(record)).status, 201);
    assert.equal((await post({ ...(await signedSample()), channel: 'sms' })).status, 422, 'still verified: a tampered record is refused');
    assert.equal((await store.list()).length, 2);
    await store.close();
  });
});
