import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { verifyPhoneMetadata } from '../../src/core/phone-metadata.js';
import { loadPhoneMetadata } from '../../src/core/phone-metadata-source.js';

const text = JSON.stringify(loadPhoneMetadata());
const sha256 = createHash('sha256').update(text).digest('hex');

describe('phone metadata verification', () => {
  it('accepts the metadata whose SHA-256 is the one compiled in', async () => {
    const set = await verifyPhoneMetadata(text, sha256);
    assert.deepEqual(Object.keys(set.metadata.country_calling_codes).slice(0, 1), ['1']);
    assert.ok(set.examples.DE);
  });

  it('refuses metadata changed by a single character', async () => {
    const tampered = text.replace('"49"', '"48"');
    assert.notEqual(tampered, text);
    await assert.rejects(verifyPhoneMetadata(tampered, sha256), /SHA-256/);
  });

  it('refuses text with the right hash that is not a metadata set', async () => {
    const other = JSON.stringify({ metadata: 1 });
    await assert.rejects(verifyPhoneMetadata(other, createHash('sha256').update(other).digest('hex')), /not a \{metadata, examples\}/);
  });
});
