/**
 * The rows of docs/frontend.md "What each import registers" that the browser test
 * (test/components/import-registrations.test.ts) cannot load: the React wrappers need a bundler for
 * React's CommonJS, and the Vue entry is types only.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^;]*?(?:from\s+)?'([^']+)';/gms)];

describe('what importing each entry registers (docs/frontend.md)', () => {
  it('optin-elements/react registers all three tags, through define.js', () => {
    assert.ok(imports('src/react/index.ts').some(([, type, from]) => !type && from === '../define.js'));
  });

  it('optin-elements/vue registers nothing: it imports types only', () => {
    const all = imports('src/vue/index.ts');
    assert.ok(all.length > 0, 'the scan finds the type imports');
    const values = all.filter(([, type]) => !type);
    assert.deepEqual(
      values.map(([, , from]) => from),
      [],
    );
  });
});
