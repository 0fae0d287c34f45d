import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WIDGET_VERSION } from '../../src/core/version.js';
import { signedSample } from '../support/sample-record.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('the package contract', () => {
  it('records the package version as widgetVersion', () => {
    assert.equal(WIDGET_VERSION, pkg.version);
  });

  it('names the built classic-script bundle in unpkg and jsdelivr, with its SRI hash beside it', () => {
    assert.equal(pkg.unpkg, './dist/cdn/optin-elements.min.js');
    assert.equal(pkg.jsdelivr, pkg.unpkg);
    assert.ok(existsSync(pkg.unpkg), 'run npm run build first');
    assert.match(readFileSync(`${pkg.unpkg}.sri`, 'utf8'), /^sha384-[A-Za-z0-9+/]{64}\n$/);
    // Classic script: no import/export statements and no dynamic chunks.
    const code = readFileSync(pkg.unpkg, 'utf8');
    assert.doesNotMatch(code, /\bimport\s*\(/);
  });

  it('runs `optin-elements serve` from the bin and stores a posted record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'optin-cli-'));
    const child = spawn(process.execPath, [pkg.bin['optin-elements'], 'serve', '--port', '0', '--db', join(dir, 'c.db')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /receiver on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const record = await signedSample();
      const response = await fetch(`${url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
      assert.equal(response.status, 201);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad CLI option with a clear message and exit code 2', async () => {
    const child = spawn(process.execPath, [pkg.bin['optin-elements'], 'serve', '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--port must be a whole number/);
  });
});
