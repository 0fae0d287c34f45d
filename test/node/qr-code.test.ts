import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { html, nothing } from 'lit';
import { encode } from 'uqr';
import { confirmationQr } from '../../src/components/optin-form/qr/confirmation-step.js';
import { whatsappConfirmationLink } from '../../src/core/messages/confirmation-code.js';
import { encodeQr } from '../../src/core/qr/qr-code.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';

/** uqr (Nayuki's generator) with the options the form used before: the reference matrix. */
function reference(text: string) {
  const qr = encode(text, { ecc: 'M', border: 2 });
  return { version: qr.version, size: qr.size, modules: qr.data.flat() };
}

/** Same size and every module the same; on a difference, says where, not 30 000 booleans. */
function assertSameAsUqr(text: string) {
  const ours = encodeQr(text);
  const { version, size, modules } = reference(text);
  assert.equal(ours.size, size, `size for ${text.length} characters (uqr: version ${version})`);
  const differing = modules.flatMap((dark, i) => (dark === ours.modules[i] ? [] : [`(${i % size}, ${(i / size) | 0})`]));
  assert.equal(ours.modules.length, modules.length);
  assert.deepEqual(differing, [], `modules differ from uqr at version ${version}: ${differing.slice(0, 8).join(' ')}`);
  return version;
}

const sizeOf = (version: number) => version * 4 + 17 + 4;

/** A link of exactly `length` ASCII characters that is not all digits or capitals (uqr would switch mode). */
const asciiOfLength = (length: number) => 'https://wa.me/491511234567?text=Confirm%20code%207K2M-QX4D%20'.repeat(40).slice(0, length);

// Level M byte capacity of versions 1–40, from the table of ISO/IEC 18004 (not from either encoder).
const BYTES_AT_LEVEL_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452,
  1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

describe('QR code of the confirmation link', () => {
  it('draws the same modules as uqr for the wa.me link in every locale, with short and long business names', async () => {
    const versions = new Set<number>();
    for (const tag of SUPPORTED_LOCALES) {
      const { default: resource } = (await import(`../../src/i18n/locales/${tag}.js`)) as { default: { confirm: { message: string } } };
      for (const business of ['Blumen Berlin', 'مطعم الياسمين', 'दिल्ली मिठाई भंडार', 'Café 🌸☕ Ümlaut & Söhne', 'A'.repeat(120)]) {
        const message = resource.confirm.message.replace('{{business}}', business).replace('{{code}}', '7K2M-QX4D');
        versions.add(assertSameAsUqr(whatsappConfirmationLink('+49 151 1234567', message)));
      }
    }
    // Percent-encoded Arabic and Hindi make long links: the cases reach well past version 7.
    assert.ok(Math.max(...versions) >= 10 && versions.size >= 5, `versions covered: ${[...versions].sort((a, b) => a - b)}`);
  });

  it('draws the same modules as uqr for any text of up to 300 characters (ASCII, emoji, any script) that uqr encodes in byte mode', () => {
    fc.assert(
      fc.property(
        // Length drawn first, evenly: fast-check's own sizes stay short, and so below version 6.
        fc
          .tuple(fc.nat(300), fc.constantFrom('grapheme-ascii', 'grapheme', 'binary') as fc.Arbitrary<'grapheme-ascii' | 'grapheme' | 'binary'>)
          .chain(([length, unit]) => fc.string({ minLength: length, maxLength: length, unit })),
        (text) => {
          // uqr uses numeric or alphanumeric mode for digits or capitals only (and for ""): not our case.
          fc.pre(!/^[A-Z0-9 $%*+./:-]*$/.test(text));
          assertSameAsUqr(text);
        },
      ),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('moves to the next version exactly one byte past the capacity of the standard', () => {
    for (const version of [1, 2, 6, 7, 9, 10, 14, 26, 27, 39]) {
      const capacity = BYTES_AT_LEVEL_M[version - 1];
      assert.equal(assertSameAsUqr(asciiOfLength(capacity)), version, `${capacity} bytes fit version ${version}`);
      assert.equal(encodeQr(asciiOfLength(capacity)).size, sizeOf(version));
      assert.equal(assertSameAsUqr(asciiOfLength(capacity + 1)), version + 1, `${capacity + 1} bytes need version ${version + 1}`);
      assert.equal(encodeQr(asciiOfLength(capacity + 1)).size, sizeOf(version + 1));
    }
    // Bytes, not characters, count: 61 ASCII characters and one 2-byte "é" are 63 bytes.
    assert.equal(assertSameAsUqr(`${asciiOfLength(60)}é`), 4);
    assert.equal(assertSameAsUqr(`${asciiOfLength(61)}é`), 5);
    assert.equal(assertSameAsUqr(asciiOfLength(2331)), 40);
  });

  it('carries the version information of the standard from version 7 on, in both corners', () => {
    // Version information words from ISO/IEC 18004 Annex D: 6 data bits, 12 BCH bits.
    for (const [version, word] of [
      [7, 0x07c94],
      [10, 0x0a4d3],
      [40, 0x28c69],
    ]) {
      const { size, modules } = encodeQr(asciiOfLength(BYTES_AT_LEVEL_M[version - 1]));
      const at = (x: number, y: number) => modules[(y + 2) * size + x + 2];
      const inner = size - 4;
      for (let i = 0; i < 18; i++) {
        const dark = ((word >> i) & 1) === 1;
        assert.equal(at(inner - 11 + (i % 3), (i / 3) | 0), dark, `top right block, bit ${i} of version ${version}`);
        assert.equal(at((i / 3) | 0, inner - 11 + (i % 3)), dark, `bottom left block, bit ${i} of version ${version}`);
      }
    }
  });

  it('refuses text too long for version 40 at level M with a clear error', () => {
    assert.throws(() => encodeQr(asciiOfLength(2332)), { name: 'Error', message: /2332 bytes do not fit/ });
    assert.throws(() => encodeQr('é'.repeat(1166)), /2332 bytes do not fit/);
    assert.throws(() => encode(asciiOfLength(2332), { ecc: 'M', border: 2 }), 'uqr agrees that it does not fit');
  });

  // Too long a link: the encoder throws (above); confirmationFor catches it, warns, and the form
  // shows the link and the code without a QR code (the step is a chunk fetched on demand).
  it('draws an encoded QR code as one SVG path of dark modules', () => {
    const drawn = confirmationQr(html, encodeQr(asciiOfLength(80)), 'scan to confirm');
    assert.notEqual(drawn, nothing);
    assert.ok(drawn.values.some((value) => typeof value === 'string' && /^M\d+ \d+h1v1h-1z/.test(value)));
  });
});
