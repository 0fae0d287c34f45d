import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appendVerifiedRecord } from '../../src/server/append-verified-record.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { verifyPreferenceToken } from '../../src/server/preference-tokens.js';
import { signedSample } from '../support/sample-record.js';

/** Runs the CLI from source (`tsx`), as a business would run the built bin. */
function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

describe('optin-elements token and audit', () => {
  let dir: string;
  let db: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-cli-ledger-'));
    db = join(dir, 'consents.db');
    const store = new SqliteConsentStore(db);
    const key = await loadReceiverKey(store);
    await appendVerifiedRecord(store, key, await signedSample({ subject: { phone: '+4915123456789' } }), new Date());
    await appendVerifiedRecord(store, key, await signedSample({ kind: 'opt-out', subject: { phone: '+4915123456789' } }), new Date());
    await appendVerifiedRecord(store, key, await signedSample({ subject: { phone: '+4915199999999' } }), new Date());
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a preference token of this receiver for one person', async () => {
    const { code, out } = await cli(['token', '--db', db, '--phone', '+4915123456789', '--ttl-days', '7']);
    assert.equal(code, 0);
    const store = new SqliteConsentStore(db);
    try {
      const check = await verifyPreferenceToken(await loadReceiverKey(store), out.trim());
      assert.ok(check.ok);
      assert.deepEqual(check.claims.sub, { phone: '+4915123456789' });
      assert.equal(check.claims.exp - check.claims.iat, 7 * 86400);
    } finally {
      await store.close();
    }
  });

  it("prints one person's history as CSV, in ledger order, every record verified", async () => {
    const { code, out } = await cli(['audit', '--db', db, '--phone', '+4915123456789', '--format', 'csv']);
    assert.equal(code, 0);
    const lines = out.trimEnd().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1], /^1,.*,opt-in,/);
    assert.match(lines[2], /^2,.*,opt-out,.*,true,true,true,,true,$/); // chain_ok, then erased_at (empty)
  });

  it('exports the whole ledger as JSON when no person is named', async () => {
    const { code, out } = await cli(['audit', '--db', db]);
    assert.equal(code, 0);
    const audit = JSON.parse(out) as { chain: { ok: boolean; checked: number }; entries: unknown[] };
    assert.deepEqual(audit.chain, { ok: true, checked: 3 });
    assert.equal(audit.entries.length, 3);
  });

  it('refuses a malformed number and a missing ledger with exit code 2', async () => {
    const bad = await cli(['token', '--db', db, '--phone', '0151']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /E\.164/);
    const missing = await cli(['audit', '--db', join(dir, 'nope.db')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no ledger/);
  });
});
