/**
 * The receiver's nonces: what it issued checks once signed in time, anything else is refused, and
 * the MAC is the same bytes whichever crypto the platform has (node:crypto here, WebCrypto on an
 * edge runtime), so a nonce issued by one receiver checks on another of the same key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64UrlDecode, base64UrlEncode, utf8Bytes } from '../../src/core/record/encoding.js';
import { createNonceIssuer } from '../../src/server/nonce-issuer.js';

const secret = new Uint8Array(32).map((_, i) => i * 7 + 1);
const at = new Date('2026-12-03T10:00:00Z');

/** The MAC as the format defines it, computed with WebCrypto alone. */
async function webCryptoMac(body: Uint8Array): Promise<Uint8Array> {
  const material = await crypto.subtle.digest('SHA-256', new Uint8Array([...utf8Bytes('optin-elements nonce v1\n'), ...secret]));
  const key = await crypto.subtle.importKey('raw', material, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(body))).slice(0, 16);
}

describe('receiver nonces', () => {
  it('carry the MAC WebCrypto computes, so a nonce of a WebCrypto-only receiver checks here and the other way round', async () => {
    const issuer = createNonceIssuer(secret, { now: () => at });
    const bytes = base64UrlDecode((await issuer.issue()).nonce)!;
    assert.deepEqual([...bytes.subarray(24)], [...(await webCryptoMac(bytes.subarray(0, 24)))]);
    // A nonce made with WebCrypto alone (another body) is taken as this receiver's.
    const body = new Uint8Array(24);
    new DataView(body.buffer).setBigUint64(0, BigInt(at.getTime()));
    body.fill(9, 8);
    const foreign = base64UrlEncode(new Uint8Array([...body, ...(await webCryptoMac(body))]));
    assert.equal((await issuer.check(foreign, at)).ok, true);
  });

  it('check when the record was signed in time, and refuse an altered nonce or one signed too late', async () => {
    const issuer = createNonceIssuer(secret, { now: () => at, ttlMs: 600_000, skewMs: 300_000 });
    const { nonce } = await issuer.issue();
    assert.equal((await issuer.check(nonce, new Date(at.getTime() + 60_000))).ok, true);
    for (const index of [0, 12, 30]) {
      const altered = base64UrlDecode(nonce)!;
      altered[index] ^= 1;
      assert.deepEqual(await issuer.check(base64UrlEncode(altered), at), {
        ok: false,
        code: 'nonce-invalid',
        message: 'the nonce was not issued by this receiver',
      });
    }
    const late = await issuer.check(nonce, new Date(at.getTime() + 600_000 + 300_001));
    assert.equal(late.ok ? 'ok' : late.code, 'nonce-expired');
    const other = createNonceIssuer(new Uint8Array(32), { now: () => at });
    assert.equal((await other.check(nonce, at)).ok, false);
  });
});
