import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalize } from '../../src/core/record/canonical-json.js';

describe('canonicalize (RFC 8785)', () => {
  it('matches the RFC 8785 section 3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    assert.equal(
      canonicalize(input),
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' + '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units, not by code points or locale', () => {
    // RFC 8785 3.2.3: "\u20ac" (€) sorts before "\ud83d\ude00" (😀) by UTF-16 units, and "\r" before "1".
    const input = { '😀': 1, '€': 2, '1': 3, '\r': 4, ö: 5, Z: 6, a: 7 };
    assert.equal(canonicalize(input), '{"\\r":4,"1":3,"Z":6,"a":7,"ö":5,"€":2,"😀":1}');
  });

  it('nests, drops undefined members and refuses what JSON cannot hold', () => {
    assert.equal(canonicalize({ b: [{ d: 1, c: undefined }], a: { z: null, y: 'x' } }), '{"a":{"y":"x","z":null},"b":[{"d":1}]}');
    assert.throws(() => canonicalize({ n: Number.NaN }), /NaN/);
    assert.throws(() => canonicalize({ f: () => 1 }), /function/);
  });
});
