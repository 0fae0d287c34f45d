/**
 * What the npm build (dist/, outside dist/cdn) holds: only modules an app can import. The script
 * tag's own loaders (src/platform/cdn/) read constants only Vite defines and the script's own URL,
 * and threw when imported from dist; an import of libphonenumber-js's internals by a
 * `node_modules/…` path resolves in this repository and breaks in an installed package.
 * Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

function modules(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return path === join('dist', 'cdn') ? [] : modules(path);
    return /\.(js|d\.ts)$/.test(entry.name) ? [path] : [];
  });
}

describe('the npm build', () => {
  it('holds no script-tag-only module', () => {
    assert.ok(existsSync('dist/index.js'), 'run npm run build first');
    const scriptOnly = modules('dist').filter((file) => /__OPTIN_[A-Z_]+__|document\.currentScript/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(scriptOnly, []);
  });

  it('imports no file by a node_modules path', () => {
    const byPath = modules('dist').filter((file) => /(from\s*|import\(\s*)['"][./]*node_modules\//.test(readFileSync(file, 'utf8')));
    assert.deepEqual(byPath, []);
  });

  it('has a module for each #platform import of package.json, for browsers and for Node', () => {
    const { imports } = JSON.parse(readFileSync('package.json', 'utf8')) as { imports: Record<string, Record<string, string>> };
    for (const [specifier, targets] of Object.entries(imports)) {
      for (const condition of ['optin-cdn', 'optin-source', 'default']) assert.ok(targets[condition], `${specifier} has no ${condition} target`);
      for (const [condition, target] of Object.entries(targets)) assert.ok(existsSync(target), `${specifier} (${condition}): ${target} does not exist`);
    }
  });
});
