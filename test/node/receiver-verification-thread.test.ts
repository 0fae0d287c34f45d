/** The Node server verifies records on a worker thread; it must answer exactly as verifying in-thread does. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
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
