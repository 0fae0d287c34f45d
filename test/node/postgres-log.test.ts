/**
 * One log across receivers: two real `optin-elements serve` processes on one PostgreSQL
 * database and one key file. Receipts from either verify by their inclusion proofs against a
 * checkpoint fetched later from either; the witness sees one consistent log; `verify-ledger
 * --checkpoint` passes, and fails once the database owner rewrites or cuts off rows. Skipped,
 * with the reason, where PostgreSQL is not installed.
 */
import assert from 'node:assert/strict';
import { execFile as execFileCallback } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { openCheckpoint } from '../../src/server/log/checkpoint.js';
import { verifyConsistency } from '../../src/server/log/merkle-proofs.js';
import { parseNoteVerifier } from '../../src/server/log/signed-note.js';
import { readWitnessState } from '../../src/server/log/witness.js';
import { PostgresConsentStore } from '../../src/server/postgres-consent-store.js';
import { loadReceiverKey, verifyReceipt } from '../../src/server/receiver-key.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres-cluster.js';
import { type ReceiverProcess, startReceiverProcess } from '../support/receiver-process.js';
import { signedSample } from '../support/sample-record.js';

const execFile = promisify(execFileCallback);
const CLI = ['--import', 'tsx', 'src/server/cli.ts'];

type Stored = { receipt: string; log: { leafIndex: number; treeSize: number; inclusionProof: string[]; checkpoint: string } };
type Jwks = { keys: Array<{ kid: string; kty: 'EC'; crv: 'P-256'; x: string; y: string }> };

/** Posts from several loopback addresses: each receiver rate-limits per client address. */
const agents = Array.from({ length: 8 }, (_, i) => ({ address: `127.0.0.${i + 2}`, agent: new Agent({ keepAlive: true, maxSockets: 4 }) }));
let sent = 0;
function post(url: string, record: ConsentRecord): Promise<{ status: number; body: Stored }> {
  const { address, agent } = agents[sent++ % agents.length];
  const body = JSON.stringify(record);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/consents`,
      { method: 'POST', agent, localAddress: address, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Stored }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

let phones = 0;
async function postMany(url: string, n: number): Promise<Stored[]> {
  const answers = await Promise.all(
    Array.from({ length: n }, async () => post(url, await signedSample({ subject: { phone: `+49151${50_000_000 + ++phones}` } }))),
  );
  for (const { status, body } of answers) assert.equal(status, 201, JSON.stringify(body));
  return answers.map((a) => a.body);
}

const text = async (url: string) => (await fetch(url)).text();
const sizeOf = (checkpoint: string) => Number(checkpoint.split('\n')[1]);
const base64Hashes = (hashes: string[]) => hashes.map((h) => new Uint8Array(Buffer.from(h, 'base64')));

describe('one verifiable log across two receivers on one PostgreSQL database', { skip: postgresUnavailable() }, () => {
  let postgres: TestPostgres;
  let db: string;
  let dir: string;
  let keyFile: string;
  let a: ReceiverProcess;
  let b: ReceiverProcess;

  /** Runs SQL on the ledger as the database owner (a superuser here), outside any receiver. */
  async function asOwner(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  const cli = (args: string[]) => execFile(process.execPath, [...CLI, ...args]);

  before(async () => {
    postgres = await startTestPostgres();
  });
  // Each test its own database and pair of receivers: no test counts on another's records, and the
  // one that stops the receivers and tampers with the ledger leaves nothing behind for the next.
  beforeEach(async () => {
    db = await postgres.freshDatabase();
    dir = mkdtempSync(join(tmpdir(), 'optin-pg-log-'));
    keyFile = join(dir, 'receiver.keys.json');
    // Started together on an empty database with one (not yet existing) key file: one of them creates it, both use it.
    [a, b] = await Promise.all([
      startReceiverProcess(process.execPath, CLI, { serveArgs: ['--db', db, '--key-file', keyFile] }),
      startReceiverProcess(process.execPath, CLI, { serveArgs: ['--db', db, '--key-file', keyFile] }),
    ]);
  });
  afterEach(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  after(async () => {
    for (const { agent } of agents) agent.destroy();
    await postgres?.stop();
  });

  it('publishes one JWKS and one log key from both, and keeps no private key in the database', async () => {
    const [jwksA, jwksB] = await Promise.all([a, b].map(async (r) => (await fetch(`${r.url}/.well-known/jwks.json`)).json()));
    assert.deepEqual(jwksA, jwksB);
    assert.equal((await text(`${a.url}/log/key`)).trim(), (await text(`${b.url}/log/key`)).trim());
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      assert.equal((await client.query('SELECT count(*)::int AS n FROM optin_server_key')).rows[0].n, 0);
    } finally {
      await client.end();
    }
  });

  it('verifies every receipt from either receiver by its inclusion proof, against a checkpoint fetched later from either', async () => {
    const [fromA, fromB] = await Promise.all([postMany(a.url, 40), postMany(b.url, 40)]);
    const logKey = (await text(`${a.url}/log/key`)).trim();
    const jwks = ((await (await fetch(`${a.url}/.well-known/jwks.json`)).json()) as Jwks).keys;
    const leaves = new Set([...fromA, ...fromB].map((s) => s.log.leafIndex));
    assert.equal(leaves.size, 80, 'each record its own leaf');
    assert.deepEqual(
      [...leaves].sort((x, y) => x - y),
      Array.from({ length: 80 }, (_, i) => i),
      'the two receivers fill one log, leaves 0…79',
    );
    for (const stored of [...fromA, ...fromB]) {
      assert.ok(await verifyReceipt(stored.receipt, jwks, { ...stored.log, logKey }), 'against the checkpoint in its own answer');
    }

    await Promise.all([postMany(a.url, 10), postMany(b.url, 10)]);
    for (const [receiver, other] of [
      [a, b],
      [b, a],
    ]) {
      const later = await text(`${receiver.url}/log/checkpoint`);
      assert.equal(sizeOf(later), 100, "level with the database: the other receiver's records counted too");
      for (const stored of [...fromA, ...fromB]) {
        // The proof from the other receiver than the one that served the checkpoint: one log.
        const { proof } = (await (await fetch(`${other.url}/log/proof/inclusion?index=${stored.log.leafIndex}&size=100`)).json()) as { proof: string[] };
        assert.ok(await verifyReceipt(stored.receipt, jwks, { leafIndex: stored.log.leafIndex, inclusionProof: proof, checkpoint: later, logKey }));
      }
    }
    assert.equal(await text(`${a.url}/log/checkpoint`), await text(`${b.url}/log/checkpoint`), 'the same signed checkpoint from both');
    // An earlier checkpoint from A is a prefix of the later one, proven by B.
    const verifier = parseNoteVerifier(logKey)!;
    const early = openCheckpoint(fromA[0].log.checkpoint, verifier);
    const late = openCheckpoint(await text(`${a.url}/log/checkpoint`), verifier);
    assert.ok(early.ok && late.ok);
    const { proof } = (await (await fetch(`${b.url}/log/proof/consistency?from=${early.checkpoint.size}&to=100`)).json()) as { proof: string[] };
    assert.ok(verifyConsistency(early.checkpoint.size, 100, early.checkpoint.rootHash, late.checkpoint.rootHash, base64Hashes(proof)));
  });

  it('lets the witness see one consistent log, whichever receiver it asks', async () => {
    await postMany(a.url, 3);
    const state = join(dir, 'witness.json');
    const witness = (url: string) => cli(['witness', '--url', url, '--state', state]);
    assert.match((await witness(a.url)).stdout, /first checkpoint saved: \d+ leaves/);
    await postMany(b.url, 6);
    assert.match((await witness(a.url)).stdout, /consistent: \d+ → \d+ leaves/);
    await postMany(a.url, 6);
    const { stdout } = await witness(b.url);
    assert.match(stdout, /consistent: \d+ → \d+ leaves/);
    assert.equal(sizeOf(readWitnessState(state)!.checkpoint), sizeOf(await text(`${a.url}/log/checkpoint`)));
  });

  it('passes verify-ledger --checkpoint, and fails it once the owner rewrites a row or cuts off the newest rows', async () => {
    await Promise.all([postMany(a.url, 4), postMany(b.url, 4)]);
    const checkpoint = await text(`${b.url}/log/checkpoint`);
    const size = sizeOf(checkpoint);
    const checkpointFile = join(dir, 'checkpoint.txt');
    writeFileSync(checkpointFile, checkpoint);
    const verify = (extra: string[] = []) => cli(['verify-ledger', '--db', db, '--key-file', keyFile, ...extra]);
    assert.match((await verify(['--checkpoint', checkpointFile])).stdout, new RegExp(`${size} rows`));
    await Promise.all([a.stop(), b.stop()]);

    // The owner cuts off the two newest rows and their leaves: every remaining row and link still verifies…
    await asOwner(`
      ALTER TABLE optin_ledger DISABLE TRIGGER USER; ALTER TABLE optin_log_leaf DISABLE TRIGGER USER;
      DELETE FROM optin_ledger WHERE seq > ${size - 2}; DELETE FROM optin_log_leaf WHERE idx >= ${size - 2};
      ALTER TABLE optin_ledger ENABLE TRIGGER USER; ALTER TABLE optin_log_leaf ENABLE TRIGGER USER;`);
    assert.match((await verify()).stdout, new RegExp(`${size - 2} rows, every signature, receipt and chain link verified`));
    // …but not against the checkpoint saved before.
    await assert.rejects(verify(['--checkpoint', checkpointFile]), (error: { code: number; stdout: string; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(
        error.stderr,
        new RegExp(`does not match the checkpoint: the ledger has ${size - 2} rows but the checkpoint saw ${size}: rows were removed`),
      );
      return true;
    });

    // And a rewritten row fails outright.
    await asOwner(`
      ALTER TABLE optin_ledger DISABLE TRIGGER USER;
      UPDATE optin_ledger SET received_at = '2020-01-01T00:00:00.000Z' WHERE seq = 3;
      ALTER TABLE optin_ledger ENABLE TRIGGER USER;`);
    await assert.rejects(verify(), (error: { code: number; stdout: string; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /row 3 \(id [^)]+\) is broken: its chainHash does not match its contents/);
      return true;
    });
  });
});

describe("moving a PostgreSQL ledger's key into a key file", { skip: postgresUnavailable() }, () => {
  let postgres: TestPostgres;
  before(async () => {
    postgres = await startTestPostgres();
  });
  after(() => postgres?.stop());

  it('writes the key kept in the database into the key file, removes it from the database, and both receivers restarted with the file sign with it', async () => {
    const db = await postgres.freshDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'optin-pg-keymove-'));
    const keyFile = join(dir, 'receiver.keys.json');
    try {
      // An earlier receiver, run without --key-file: its key lives in optin_server_key.
      const before = await PostgresConsentStore.open(db);
      const kept = await loadReceiverKey(before);
      assert.ok(await before.loadServerKey());
      await before.close();

      const [first, second] = [await PostgresConsentStore.open(db), await PostgresConsentStore.open(db)];
      try {
        // Two receivers restarted at once with the same key file.
        const [one, two] = await Promise.all([loadReceiverKey(first, { keyFile }), loadReceiverKey(second, { keyFile })]);
        assert.equal(one.publicJwk.kid, kept.publicJwk.kid, 'the key from the database signs on');
        assert.equal(two.publicJwk.kid, kept.publicJwk.kid);
        assert.equal(one.log.verifier.text, two.log.verifier.text, 'one log key');
        assert.equal(await first.loadServerKey(), undefined, 'gone from the database');
        const client = new pg.Client({ connectionString: db });
        await client.connect();
        try {
          assert.equal((await client.query('SELECT count(*)::int AS n FROM optin_server_key')).rows[0].n, 0);
        } finally {
          await client.end();
        }
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
