import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConsentRecord, DeviceSignedRecord } from '../../src/core/record/consent-record.js';
import { base64UrlDecode, base64UrlEncode, utf8Bytes, utf8Text } from '../../src/core/record/encoding.js';
import { signingPayload } from '../../src/core/record/sign-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { generateTestKeyPair, signedSample } from '../support/sample-record.js';

const clone = (record: ConsentRecord): ConsentRecord => structuredClone(record);

async function codes(record: unknown): Promise<string[]> {
  const result = await verifyConsentRecord(record);
  return result.ok ? [] : result.errors.map((e) => e.code);
}

/** Every string and boolean leaf of a JSON value, with a setter. */
function leaves(value: unknown, set: (v: unknown) => void, path = ''): Array<{ path: string; value: unknown; set: (v: unknown) => void }> {
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, member]) => leaves(member, (v) => ((value as Record<string, unknown>)[key] = v), `${path}/${key}`));
  }
  return [{ path, value, set }];
}

/** Re-signs a record with a hand-made protected header (to test what verifiers must refuse). */
async function resignWithHeader(record: ConsentRecord, header: Record<string, unknown>, keyPair: CryptoKeyPair): Promise<ConsentRecord> {
  const encodedHeader = base64UrlEncode(utf8Bytes(JSON.stringify(header)));
  const input = utf8Bytes(`${encodedHeader}.${base64UrlEncode(signingPayload(record))}`);
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keyPair.privateKey, input));
  return { ...record, proof: { jws: `${encodedHeader}..${base64UrlEncode(signature)}` } };
}

function headerOf(record: DeviceSignedRecord): Record<string, unknown> {
  return JSON.parse(utf8Text(base64UrlDecode(record.proof.jws.split('.')[0])!));
}

describe('verifyConsentRecord', () => {
  it('accepts a record signed on the device and names the signing key', async () => {
    const record = await signedSample();
    const result = await verifyConsentRecord(record);
    assert.equal(result.ok, true, JSON.stringify(result));
    if (result.ok) {
      assert.match(result.keyThumbprint, /^[A-Za-z0-9_-]{43}$/);
      assert.match(result.recordHash, /^[0-9a-f]{64}$/);
    }
  });

  it('keeps only origin and path of the page URL, so no personal data rides in the query', async () => {
    const record = await signedSample();
    assert.equal(record.collection.pageUrl, 'https://blumen.example/join');
  });

  it('rejects a change of one character in any member', async () => {
    const record = await signedSample();
    const targets = leaves(record, () => undefined);
    assert.ok(targets.length > 20, 'the sample covers every member');
    for (const target of targets) {
      const tampered = clone(record);
      const leaf = leaves(tampered, () => undefined).find((l) => l.path === target.path)!;
      if (typeof leaf.value === 'boolean') leaf.set(!leaf.value);
      else if (typeof leaf.value === 'number') leaf.set(leaf.value + 1);
      else if (typeof leaf.value === 'string') {
        const text = leaf.value;
        const at = Math.floor(text.length / 2);
        const replacement = text[at] === 'A' ? 'B' : 'A';
        leaf.set(text.slice(0, at) + replacement + text.slice(at + 1));
      } else continue;
      const result = await verifyConsentRecord(tampered);
      assert.equal(result.ok, false, `a change at ${target.path} went unnoticed`);
    }
  });

  it('rejects a changed notice text with the reason notice-hash-mismatch', async () => {
    const record = clone(await signedSample());
    record.notice.text += ' (changed later)';
    const found = await codes(record);
    assert.ok(found.includes('notice-hash-mismatch'), found.join());
    assert.ok(found.includes('jws-signature-invalid'), found.join());
  });

  it('rejects a signature made with another algorithm than ES256', async () => {
    const keyPair = await generateTestKeyPair();
    const record = await signedSample({}, keyPair);
    const resigned = await resignWithHeader(record, { ...headerOf(record), alg: 'ES384' }, keyPair);
    assert.deepEqual(await codes(resigned), ['jws-alg-not-allowed']);
  });

  it('rejects alg "none" with an empty signature', async () => {
    const record = await signedSample();
    const header = base64UrlEncode(utf8Bytes(JSON.stringify({ ...headerOf(record), alg: 'none' })));
    assert.deepEqual(await codes({ ...record, proof: { jws: `${header}..AA` } }), ['jws-alg-not-allowed']);
  });

  it('rejects a header whose jwk carries the private key', async () => {
    const keyPair = await generateTestKeyPair(true);
    const record = await signedSample({}, keyPair);
    const privateJwk = await crypto.subtle.exportKey('jwk', keyPair.privateKey);
    const resigned = await resignWithHeader(
      record,
      { alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y, d: privateJwk.d } },
      keyPair,
    );
    assert.deepEqual(await codes(resigned), ['jws-jwk-has-private-key']);
  });

  it('rejects a record signed by one key but claiming another', async () => {
    const record = await signedSample();
    const other = await signedSample();
    const [, , signature] = record.proof.jws.split('.');
    const [otherHeader] = other.proof.jws.split('.');
    assert.deepEqual(await codes({ ...record, proof: { jws: `${otherHeader}..${signature}` } }), ['jws-signature-invalid']);
  });

  it('refuses a record captured in the future beyond the tolerance, but not a late one', async () => {
    const record = await signedSample({ capturedAt: new Date(Date.now() + 60 * 60 * 1000) });
    assert.deepEqual(await codes(record), ['captured-in-future']);
    const late = await signedSample({ capturedAt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) });
    assert.deepEqual(await codes(late), []);
    const limited = await verifyConsentRecord(late, { maxAgeMs: 24 * 60 * 60 * 1000 });
    assert.deepEqual(limited.ok ? [] : limited.errors.map((e) => e.code), ['captured-too-long-ago']);
  });

  it('accepts a subject known only by a BSUID, and refuses one with neither phone nor BSUID', async () => {
    assert.deepEqual(await codes(await signedSample({ subject: { bsuid: 'US.13491208655302741918' } })), []);
    const none = await signedSample({ subject: {} });
    const result = await verifyConsentRecord(none);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.errors[0].message, /\/subject must have one of: phone, bsuid/);
  });

  it('names the path of every schema violation and never throws on junk', async () => {
    const record = clone(await signedSample()) as unknown as Record<string, unknown>;
    delete record.notice;
    (record as { kind: string }).kind = 'maybe';
    const result = await verifyConsentRecord(record);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.deepEqual(result.errors.map((e) => e.path).sort(), ['/kind', '/notice']);
    }
    for (const junk of [null, 42, 'text', [], { proof: { jws: 7 } }, { proof: { jws: 'a.b.c' } }]) {
      assert.equal((await verifyConsentRecord(junk)).ok, false);
    }
  });
});
