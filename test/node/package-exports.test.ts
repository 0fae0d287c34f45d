import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Every file an `exports` entry names, with `*` filled in by `sample`. */
function exportedFiles(sample: string): string[] {
  const files: string[] = [];
  for (const target of Object.values(pkg.exports) as Array<string | Record<string, string>>) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) files.push(file.replace('*', sample));
  }
  return files;
}

describe('package.json for npm users', () => {
  it('exports the elements, React, Vue types, server, locales, the schema and the manifest', () => {
    for (const entry of [
      '.',
      './define.js',
      './optin-form.js',
      './optin-phone-input.js',
      './react',
      './vue',
      './server',
      './locales/*',
      './schema.json',
      './custom-elements.json',
    ]) {
      assert.ok(pkg.exports[entry], `exports["${entry}"] is missing`);
    }
    assert.equal(pkg.types, './dist/index.d.ts');
    assert.equal(pkg.customElements, 'custom-elements.json');
  });

  it('points every export at a file the build wrote', () => {
    for (const file of exportedFiles('en')) assert.ok(existsSync(file), `${file} does not exist (run npm run build)`);
  });

  it('lists only define files (and the self-registering script bundles) as side effects', () => {
    for (const entry of pkg.sideEffects as string[]) {
      assert.match(entry, /(^|\/)define\.(js|ts)$|\/cdn\/\*\.js$/, `${entry} is not a define file`);
    }
  });

  it('keeps React optional for users who do not use the wrappers', () => {
    assert.equal(pkg.peerDependenciesMeta?.react?.optional, true);
    assert.ok(pkg.dependencies['@lit/react']);
  });
});
