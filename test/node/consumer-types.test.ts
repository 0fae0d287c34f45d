/**
 * An app's TypeScript compiles against what the package ships: test/types-consumer/consumer.ts
 * uses every typed entry point with `skipLibCheck: false`, against dist/*.d.ts (run
 * `npm run build` first), checked by TypeScript 5.9 (where Vue users are: vue-tsc does not run on
 * 7) and by the project's own TypeScript. A declaration that names a DOM type of the TypeScript
 * that wrote it fails here (TS2417 from `shadowRootOptions` did).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';

// Each package's own `bin` (TypeScript 7 lists no `exports` for it).
const COMPILERS = {
  'TypeScript 5.9': 'node_modules/typescript-5.9/bin/tsc',
  "the project's TypeScript": 'node_modules/typescript/bin/tsc',
};

describe('the shipped type declarations', () => {
  for (const [name, tsc] of Object.entries(COMPILERS)) {
    it(`compile in an app with skipLibCheck off, with ${name}`, () => {
      assert.ok(existsSync('dist/index.d.ts'), 'run npm run build first');
      const run = spawnSync(process.execPath, [tsc, '-p', 'test/types-consumer', '--pretty', 'false'], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${name} reported:\n${run.stdout}${run.stderr}`);
    });
  }

  it('are checked by the TypeScript versions named', () => {
    const version = (tsc: string) => spawnSync(process.execPath, [tsc, '--version'], { encoding: 'utf8' }).stdout;
    assert.match(version(COMPILERS['TypeScript 5.9']), /Version 5\.9\./);
    assert.match(version(COMPILERS["the project's TypeScript"]), /Version 7\./);
  });
});
