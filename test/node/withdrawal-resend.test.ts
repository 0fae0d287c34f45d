/**
 * A page closed before it read the answer sends its stop again. The receiver already stored it, so
 * the resend is answered from the ledger before any budget is taken: a withdrawal is never 429.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { signedSample } from '../support/sample-record.js';

const post = (body: string, id: string) =>
  new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id }, body });

describe('a stored withdrawal sent again', () => {
  it('is answered "already stored" however often it comes, never 429, and stored once', async () => {
    const store = new SqliteConsentStore(join(mkdtempSync(join(tmpdir(), 'optin-withdrawal-resend-')), 'consents.db'));
    // A budget of one withdrawal per address and person: the stop itself uses it.
    const handler = createConsentHandler({ store, rateLimits: { perWithdrawal: { burst: 1, perMinute: 1 } } });
    try {
      const stop = await signedSample({
        kind: 'opt-out',
        subject: { phone: '+4915123459901' },
        categories: [{ id: 'offers', label: 'Offers', granted: false }],
      });
      const body = JSON.stringify(stop);
      assert.equal((await handler(post(body, stop.id))).status, 201);
      for (let resend = 0; resend < 5; resend++) {
        const answer = await handler(post(body, stop.id));
        assert.equal(answer.status, 200, `resend ${resend + 1}: ${await answer.text()}`);
      }
      assert.equal((await store.list()).length, 1);
    } finally {
      await store.close();
    }
  });
});
