/**
 * A receiver started on a ledger that already holds records, without the key file that signed
 * their receipts (and no key in the database), refuses to make a new key: later receipts would
 * verify against another key than the earlier ones, with no rotation to say why. SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startConsentServer } from '../../src/server/node-server.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';

/** Runs `optin-elements` from source; a receiver that starts anyway is stopped and reported as `started`. */
function cli(args: string[]): Promise<{ code: number | null | 'started'; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let started = false;
  child.stderr.on('data', (chunk) => (err += chunk));
  child.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('receiver on')) {
      started = true;
      child.kill();
    }
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code: started ? 'started' : code, err })));
}

/** A ledger with one stored record, written by a receiver whose keys are in `keyFile`. */
async function ledgerWithARecord(location: string, keyFile: string): Promise<void> {
  const server = await startConsentServer({ db: location, keyFile, port: 0 });
  try {
    const response = await fetch(`${server.url}/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(await signedSample()),
    });
    assert.equal(response.status, 201);
  } finally {
    await server.close();
  }
}

for (const kind of storeKinds('optin-key-guard')) {
  describe(`a ${kind.name} ledger with records and no key file`, { skip: kind.skip }, () => {
    let dir: string;
    before(async () => {
      await kind.setUp();
      dir = mkdtempSync(join(tmpdir(), 'optin-key-guard-'));
    });
    after(async () => {
      await kind.tearDown();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses to start with a new key, naming --key-file, and writes no key file', async () => {
      const ledger = await kind.freshLedger();
      await ledgerWithARecord(ledger.location, join(dir, `${kind.name}-keys.json`));
      const lost = join(dir, `${kind.name}-lost.keys.json`);
      const run = await cli(['serve', '--port', '0', '--db', ledger.location, '--key-file', lost]);
      assert.equal(run.code, 1);
      assert.match(run.err, /already holds records.*--key-file/s);
      assert.match(run.err, /rotate-key/);
      assert.equal(existsSync(lost), false, 'no new key file was made');
    });

    it('starts again with the key file that signed the records', async () => {
      const ledger = await kind.freshLedger();
      const keyFile = join(dir, `${kind.name}-kept.keys.json`);
      await ledgerWithARecord(ledger.location, keyFile);
      assert.equal((await cli(['serve', '--port', '0', '--db', ledger.location, '--key-file', keyFile])).code, 'started');
    });
  });
}

describe('a SQLite ledger whose default key file went missing', () => {
  it('refuses to start, naming --key-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'optin-key-guard-default-'));
    try {
      const db = join(dir, 'consents.db');
      await ledgerWithARecord(db, join(dir, 'consents.keys.json'));
      unlinkSync(join(dir, 'consents.keys.json'));
      const run = await cli(['serve', '--port', '0', '--db', db]);
      assert.equal(run.code, 1);
      assert.match(run.err, /no key file at .*consents\.keys\.json.*--key-file/s);
      assert.equal(existsSync(join(dir, 'consents.keys.json')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a PostgreSQL ledger with records, started without --key-file', { skip: storeKinds('optin-key-guard-pg')[1].skip }, () => {
  const kind = storeKinds('optin-key-guard-pg')[1];
  before(() => kind.setUp());
  after(() => kind.tearDown());
  it('refuses to keep a new key in the database, naming --key-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'optin-key-guard-pg-'));
    try {
      const ledger = await kind.freshLedger();
      await ledgerWithARecord(ledger.location, join(dir, 'keys.json'));
      const run = await cli(['serve', '--port', '0', '--db', ledger.location]);
      assert.equal(run.code, 1);
      assert.match(run.err, /no --key-file was given/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
