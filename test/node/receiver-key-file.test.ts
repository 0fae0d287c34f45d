/**
 * The receiver's private keys live in a key file, never in the ledger: created
 * on first start (0600, beside the database), rotated with earlier keys kept
 * published, and moved out of a ledger that still holds one, with nothing lost.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { appendVerifiedRecord } from '../../src/server/append-verified-record.js';
import type { ConsentStore } from '../../src/server/consent-store.js';
import { defaultKeyFile, readKeyFile } from '../../src/server/key-file.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { issuePreferenceToken, verifyPreferenceToken } from '../../src/server/preference-tokens.js';
import { loadReceiverKey, verifyReceipt } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { signedSample } from '../support/sample-record.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const run = promisify(execFile);
const freshDb = tempLedgers('optin-keys');
type Stored = { status: string; receipt: string; log?: { leafIndex: number } };
type Jwks = { keys: Array<{ kid: string; kty: 'EC'; crv: 'P-256'; x: string; y: string }> };

async function postTo(url: string, record: ConsentRecord): Promise<Stored> {
  const response = await fetch(`${url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as Stored;
}

/** Every private scalar in the key file, none of which may appear anywhere in the database's files. */
function privateScalars(keyFile: string): string[] {
  const contents = readKeyFile(keyFile)!;
  return [...contents.receiptKeys.map((k) => k.d!), contents.log.privateJwk.d!];
}

function databaseBytes(file: string): string {
  return [file, `${file}-wal`]
    .filter(existsSync)
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');
}

describe('the receiver key file', () => {
  it('is created beside the database on first start, readable by its owner only, and the database holds no private key', async () => {
    const db = freshDb();
    const server = await startConsentServer({ db, port: 0, verificationThread: false });
    const stored = await postTo(server.url, await signedSample());
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as Jwks;
    await server.close();
    const keyFile = defaultKeyFile(db);
    assert.equal(keyFile, db.replace(/\.db$/, '.keys.json'));
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].kid, readKeyFile(keyFile)!.receiptKeys[0].kid);
    assert.ok(await verifyReceipt(stored.receipt, jwks.keys));
    assert.equal(new Database(db, { readonly: true }).prepare('SELECT count(*) FROM server_key').pluck().get(), 0);
    const bytes = databaseBytes(db);
    for (const d of privateScalars(keyFile)) assert.equal(bytes.includes(d), false, 'a private key is in the database file');
  });

  it('refuses to start, saying why, when the key file cannot be read', async () => {
    const db = freshDb();
    const folder = `${db}.keys-as-folder`;
    mkdirSync(folder);
    await assert.rejects(startConsentServer({ db, keyFile: folder, port: 0, verificationThread: false }), /key file .* cannot be read \(EISDIR\)/);
    const broken = `${db}.broken.json`;
    writeFileSync(broken, '{"format": "optin-elements-keys/1", "receiptKeys": [');
    await assert.rejects(
      run('npx', ['tsx', 'src/server/cli.ts', 'serve', '--port', '0', '--db', db, '--key-file', broken]),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /key file .*broken\.json is not JSON/);
        return true;
      },
    );
  });

  it('rotates: a new key signs, earlier keys stay published, and receipts and preference links from before still verify', async () => {
    const db = freshDb();
    let server = await startConsentServer({ db, port: 0, verificationThread: false });
    const before = await postTo(server.url, await signedSample());
    const oldKey = await loadReceiverKey(server.store);
    const link = await issuePreferenceToken(oldKey, { phone: '+4915123456789' });
    await server.close();
    const rotated = await run('npx', ['tsx', 'src/server/cli.ts', 'rotate-key', '--db', db]);
    assert.match(rotated.stdout, /new receipt key [A-Za-z0-9_-]{43} in .*\.keys\.json; earlier keys stay published/);
    server = await startConsentServer({ db, port: 0, verificationThread: false });
    try {
      const after = await postTo(server.url, await signedSample());
      const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as Jwks;
      assert.equal(jwks.keys.length, 2);
      const kidOf = (receipt: string) => (JSON.parse(Buffer.from(receipt.split('.')[0], 'base64url').toString()) as { kid: string }).kid;
      assert.equal(kidOf(after.receipt), jwks.keys[0].kid, 'the new key signs');
      assert.equal(kidOf(before.receipt), jwks.keys[1].kid);
      assert.notEqual(jwks.keys[0].kid, jwks.keys[1].kid);
      assert.ok(await verifyReceipt(before.receipt, jwks.keys), 'a receipt from before the rotation');
      assert.ok(await verifyReceipt(after.receipt, jwks.keys));
      assert.equal(await verifyReceipt(before.receipt, [jwks.keys[0]]), undefined, 'not by the new key alone');
      const newKey = await loadReceiverKey(server.store);
      assert.equal((await verifyPreferenceToken(newKey, link)).ok, true, 'a preference link sent before the rotation');
      assert.deepEqual(newKey.secret, oldKey.secret, 'nonces issued before the rotation stay valid');
      assert.equal(newKey.log.verifier.text, oldKey.log.verifier.text, 'the log key is not rotated: witnesses keep their pin');
    } finally {
      await server.close();
    }
    assert.equal((await verifyLedger(new SqliteConsentStore(db, { readonly: true }))).ok, true);
  });

  it('moves the key of a ledger made before key files out of the database, and every receipt still verifies', async () => {
    const db = freshDb();
    // A ledger as earlier versions made it: the private key in its server_key table, receipts signed by it.
    const store = new SqliteConsentStore(db);
    const asBefore: ConsentStore = Object.create(store, { location: { value: undefined } });
    const legacyKey = await loadReceiverKey(asBefore);
    for (let i = 0; i < 3; i++) assert.equal((await appendVerifiedRecord(asBefore, legacyKey, await signedSample(), new Date())).ok, true);
    const legacyD = (await store.loadServerKey())!.d!;
    await store.close();
    assert.equal(existsSync(defaultKeyFile(db)), false);

    const server = await startConsentServer({ db, port: 0, verificationThread: false });
    try {
      const after = await postTo(server.url, await signedSample());
      const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as Jwks;
      assert.deepEqual(
        jwks.keys.map((k) => k.kid),
        [legacyKey.publicJwk.kid],
        'the same key, now from the file',
      );
      assert.ok(await verifyReceipt(after.receipt, jwks.keys));
      assert.equal(after.log?.leafIndex, 3, 'the earlier rows are leaves of the log too');
    } finally {
      await server.close();
    }
    assert.equal(readKeyFile(defaultKeyFile(db))!.receiptKeys[0].d, legacyD);
    assert.equal(new Database(db, { readonly: true }).prepare('SELECT count(*) FROM server_key').pluck().get(), 0);
    assert.equal(databaseBytes(db).includes(legacyD), false, 'the key is gone from the database file, not only from the table');
    assert.deepEqual(await verifyLedger(new SqliteConsentStore(db, { readonly: true })), { ok: true, rowsChecked: 4, erasedRows: 0 });
  });

  it('keeps a ledger key as an earlier key when a key file already exists', async () => {
    const db = freshDb();
    const store = new SqliteConsentStore(db);
    const asBefore: ConsentStore = Object.create(store, { location: { value: undefined } });
    const legacyKey = await loadReceiverKey(asBefore);
    assert.equal((await appendVerifiedRecord(asBefore, legacyKey, await signedSample(), new Date())).ok, true);
    await store.close();
    // A key file made elsewhere first (say, by a receiver started with a new one).
    const other = new SqliteConsentStore(freshDb());
    const fresh = await loadReceiverKey(other, { keyFile: defaultKeyFile(db) });
    await other.close();
    const reopened = new SqliteConsentStore(db);
    const key = await loadReceiverKey(reopened);
    await reopened.close();
    assert.deepEqual(
      key.publishedJwks.map((k) => k.kid),
      [fresh.publicJwk.kid, legacyKey.publicJwk.kid],
    );
    assert.deepEqual(await verifyLedger(new SqliteConsentStore(db, { readonly: true })), { ok: true, rowsChecked: 1, erasedRows: 0 });
  });
});
