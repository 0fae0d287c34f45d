/**
 * Runs the examples under examples/ that can run without a browser or a server, and checks what
 * they claim. (The rest are type-checked by `npm run typecheck`, and the relay runs end to end in
 * test/e2e/any-endpoint.spec.ts.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { recognizeReply } from '../../src/core/messages/opt-out-keywords.js';

describe('examples/recognize-reply.ts (shown in docs/backend.md)', () => {
  it("answers what each line's comment says", () => {
    const lines = [...readFileSync('examples/recognize-reply.ts', 'utf8').matchAll(/^(recognizeReply\(.*\));\s*\/\/\s*(.+)$/gm)];
    assert.equal(lines.length, 6, 'the six calls of the example');
    for (const [, call, claim] of lines) {
      const actual = new Function('recognizeReply', `return ${call};`)(recognizeReply);
      const expected = new Function(`return (${claim});`)();
      assert.deepEqual(actual, expected, call);
    }
  });
});
