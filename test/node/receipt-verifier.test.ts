/**
 * Receipts are checked with node:crypto on Node (audits, verify-ledger) and with WebCrypto where
 * that is all there is: both must give the same answer for every kind of receipt.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64UrlEncode, utf8Bytes } from '../../src/core/record/encoding.js';
import type { ConsentStore } from '../../src/server/consent-store.js';
import { platformVerificationCrypto } from '../../src/server/platform-crypto.js';
import { createReceiptVerifier } from '../../src/server/receipt-verifier.js';
import { loadReceiverKey, signReceipt, verifyReceipt } from '../../src/server/receiver-key.js';

/** Just enough of a store for the receiver key: it keeps the key it is given. */
function keyStore(): ConsentStore {
  let saved: JsonWebKey | undefined;
  return {
    // An empty ledger: a key is only made for one without records.
    list: async () => [],
    loadServerKey: async () => saved,
    saveServerKey: async (jwk: JsonWebKey) => (saved ??= jwk),
  } as unknown as ConsentStore;
}

describe('receipt verification', () => {
  it('answers the same with node:crypto and with WebCrypto, for good and bad receipts', async () => {
    assert.ok(platformVerificationCrypto, 'Node offers node:crypto');
    const key = await loadReceiverKey(keyStore());
    const other = await loadReceiverKey(keyStore());
    const claims = { id: 'rec-1', recordHash: 'a'.repeat(64), receivedAt: '2026-11-29T12:00:00.000Z' };
    const good = await signReceipt(key, claims);
    const [header, payload, signature] = good.split('.');
    const changedPayload = base64UrlEncode(utf8Bytes(JSON.stringify({ ...claims, id: 'rec-2' })));
    const cases: [string, string, boolean][] = [
      ['a receipt of this receiver', good, true],
      ['a changed claim', `${header}.${changedPayload}.${signature}`, false],
      ["another receiver's receipt", await signReceipt(other, claims), false],
      ['a cut signature', `${header}.${payload}.${signature!.slice(0, 40)}`, false],
      ['an extra part', `${good}.x`, false],
      ['no signature', `${header}.${payload}`, false],
      ['not a receipt', 'not-a-receipt', false],
    ];
    const node = createReceiptVerifier(key.publicJwk);
    const web = createReceiptVerifier(key.publicJwk, null);
    for (const [what, receipt, valid] of cases) {
      const expected = valid ? claims : undefined;
      assert.deepEqual(await node(receipt), expected, `node:crypto, ${what}`);
      assert.deepEqual(await web(receipt), expected, `WebCrypto, ${what}`);
      assert.deepEqual(await verifyReceipt(receipt, key.publicJwk), expected, `verifyReceipt, ${what}`);
    }
  });
});
