/**
 * The verifiable log on a real receiver (HTTP on 127.0.0.1, a SQLite file):
 * receipts with inclusion proofs, checkpoints a device fetches later, the
 * proof routes, the log across a restart, and the witness catching a
 * rollback, a truncation and a fork.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { createPrivateKey } from 'node:crypto';
import { newLogKey } from '../../src/server/key-file.js';
import { openCheckpoint, signCheckpoint } from '../../src/server/log/checkpoint.js';
import { verifyConsistency, verifyInclusion } from '../../src/server/log/merkle-proofs.js';
import { receiptLeafHash } from '../../src/server/log/receipt-leaf.js';
import { exportLedger, exportSubjectHistory } from '../../src/server/audit-export.js';
import { noteVerifier, parseNoteVerifier } from '../../src/server/log/signed-note.js';
import { readWitnessState, witnessOnce } from '../../src/server/log/witness.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { loadReceiverKey, verifyReceipt } from '../../src/server/receiver-key.js';
import { LedgerAttacker } from '../support/ledger-attacker.js';
import { signedSample } from '../support/sample-record.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const run = promisify(execFile);
const freshDb = tempLedgers('optin-log');
type Stored = {
  receipt: string;
  log: { leafIndex: number; treeSize: number; inclusionProof: string[]; checkpoint: string };
};
type Jwks = { keys: Array<{ kid: string; kty: 'EC'; crv: 'P-256'; x: string; y: string }> };

const servers: RunningConsentServer[] = [];
after(async () => {
  for (const server of servers) await server.close().catch(() => undefined);
});

async function start(db: string): Promise<RunningConsentServer> {
  const server = await startConsentServer({ db, port: 0, verificationThread: false, rateLimits: { perClient: false, perSubject: false } });
  servers.push(server);
  return server;
}

async function post(url: string, record?: ConsentRecord): Promise<Stored> {
  const response = await fetch(`${url}/consents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(record ?? (await signedSample())),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as Stored;
}

const postMany = async (url: string, n: number) => Promise.all(Array.from({ length: n }, () => post(url)));
const text = async (url: string) => (await fetch(url)).text();
const base64Hashes = (hashes: string[]) => hashes.map((h) => new Uint8Array(Buffer.from(h, 'base64')));

describe('the verifiable log', () => {
  it('gives each receipt its leaf index and an inclusion proof, which verifies now and against a checkpoint fetched later', async () => {
    const server = await start(freshDb());
    await postMany(server.url, 5);
    const mine = await post(server.url);
    const logKey = (await text(`${server.url}/log/key`)).trim();
    const jwks = ((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as Jwks).keys;
    assert.equal(mine.log.leafIndex, 5);
    assert.ok(mine.log.treeSize >= 6);
    assert.ok(await verifyReceipt(mine.receipt, jwks, { ...mine.log, logKey }), 'against the checkpoint in the answer');

    // Later, more records, and a checkpoint the device fetches itself.
    await postMany(server.url, 40);
    const later = await text(`${server.url}/log/checkpoint`);
    const laterSize = Number(later.split('\n')[1]);
    assert.ok(laterSize >= 46);
    const inclusion = (await (await fetch(`${server.url}/log/proof/inclusion?index=${mine.log.leafIndex}&size=${laterSize}`)).json()) as { proof: string[] };
    assert.ok(await verifyReceipt(mine.receipt, jwks, { leafIndex: mine.log.leafIndex, inclusionProof: inclusion.proof, checkpoint: later, logKey }));
    // And the two checkpoints are one log: the later one extends the one the receipt came with.
    const verifier = parseNoteVerifier(logKey)!;
    const first = openCheckpoint(mine.log.checkpoint, verifier);
    const second = openCheckpoint(later, verifier);
    assert.ok(first.ok && second.ok);
    const consistency = (await (await fetch(`${server.url}/log/proof/consistency?from=${first.checkpoint.size}&to=${second.checkpoint.size}`)).json()) as {
      proof: string[];
    };
    assert.ok(
      verifyConsistency(first.checkpoint.size, second.checkpoint.size, first.checkpoint.rootHash, second.checkpoint.rootHash, base64Hashes(consistency.proof)),
    );

    // Refused: another leaf's place, another log's key, a checkpoint signed by someone else.
    assert.equal(await verifyReceipt(mine.receipt, jwks, { ...mine.log, leafIndex: 4, logKey }), undefined);
    const stranger = newLogKey();
    const strangerRaw = new Uint8Array(Buffer.from(stranger.privateJwk.x!, 'base64url'));
    assert.equal(await verifyReceipt(mine.receipt, jwks, { ...mine.log, logKey: noteVerifier(stranger.origin, strangerRaw).text }), undefined);
    const forgedNote = signCheckpoint(
      { origin: verifier.name, size: second.ok ? second.checkpoint.size : 0, rootHash: new Uint8Array(32) },
      createPrivateKey({ key: stranger.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
      strangerRaw,
    );
    assert.equal(await verifyReceipt(mine.receipt, jwks, { ...mine.log, checkpoint: forgedNote, logKey }), undefined);
  });

  it('serves a C2SP checkpoint whose root is the log of every stored record, and keeps the log across a restart', async () => {
    const db = freshDb();
    let server = await start(db);
    await postMany(server.url, 9);
    const logKey = (await text(`${server.url}/log/key`)).trim();
    assert.match(logKey, /^optin-elements\.invalid\/log\/[0-9a-f]{16}\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const response = await fetch(`${server.url}/log/checkpoint`);
    assert.equal(response.headers.get('Content-Type'), 'text/plain; charset=utf-8');
    const before = await response.text();
    const lines = before.split('\n');
    assert.equal(lines[0], logKey.split('+')[0], 'origin line: the log key name');
    assert.equal(lines[1], '9');
    assert.equal(lines[3], '');
    assert.match(
      lines[4],
      new RegExp(`^\u2014 ${lines[0].replace(/\./g, '\\.')} [A-Za-z0-9+/]{91}=$`),
      'one Ed25519 note signature (4-byte key id + 64 bytes)',
    );
    await server.close();
    server = await start(db);
    assert.equal(await text(`${server.url}/log/checkpoint`), before, 'same log, same deterministic signature after a restart');
    const next = await post(server.url);
    assert.equal(next.log.leafIndex, 9);
    const verifier = parseNoteVerifier(logKey)!;
    const old = openCheckpoint(before, verifier);
    const now = openCheckpoint(next.log.checkpoint, verifier);
    assert.ok(old.ok && now.ok);
    const proof = (await (await fetch(`${server.url}/log/proof/consistency?from=9&to=10`)).json()) as { proof: string[] };
    assert.ok(verifyConsistency(9, 10, old.checkpoint.rootHash, now.checkpoint.rootHash, base64Hashes(proof.proof)));
  });

  it('answers bad proof requests with a precise 4xx', async () => {
    const server = await start(freshDb());
    await postMany(server.url, 3);
    const status = async (path: string, init?: RequestInit) => (await fetch(`${server.url}${path}`, init)).status;
    assert.equal(await status('/log/proof/consistency?from=2&to=1'), 400);
    assert.equal(await status('/log/proof/consistency?from=a&to=3'), 400);
    assert.equal(await status('/log/proof/consistency?from=1'), 400);
    assert.equal(await status('/log/proof/consistency?from=1&to=99'), 400);
    assert.equal(await status('/log/proof/consistency?from=-1&to=2'), 400);
    assert.equal(await status('/log/proof/consistency?from=1e2&to=200'), 400);
    assert.equal(await status('/log/proof/inclusion?index=3&size=3'), 400);
    assert.equal(await status('/log/proof/inclusion?index=0&size=4'), 400);
    assert.equal(await status('/log/checkpoint', { method: 'POST' }), 405);
    assert.equal(await status('/log/proof/consistency?from=0&to=3'), 200);
    assert.equal(await status('/log/proof/consistency?from=3&to=3'), 200);
  });
});

describe('the audit export', () => {
  it("gives a subject's records with inclusion proofs against a checkpoint signed at export time", async () => {
    const server = await start(freshDb());
    await postMany(server.url, 6);
    const subject = { phone: '+4915177777777' };
    const mine = await post(server.url, await signedSample({ subject }));
    await postMany(server.url, 3);
    const key = await loadReceiverKey(server.store);
    const audit = await exportSubjectHistory(server.store, key, subject);
    const verifier = parseNoteVerifier(audit.log.logKey)!;
    assert.equal(verifier.text, (await text(`${server.url}/log/key`)).trim());
    const opened = openCheckpoint(audit.log.checkpoint, verifier);
    assert.ok(opened.ok);
    assert.equal(opened.checkpoint.size, 10);
    assert.equal(audit.entries.length, 1);
    const [entry] = audit.entries;
    assert.equal(entry.log?.leafIndex, mine.log.leafIndex);
    assert.ok(verifyInclusion(entry.log!.leafIndex, 10, receiptLeafHash(entry.receipt), base64Hashes(entry.log!.inclusionProof), opened.checkpoint.rootHash));
    const withSaved = await exportLedger(server.store, key, new Date(), { checkpoint: { checkpoint: mine.log.checkpoint } });
    assert.deepEqual(withSaved.log.savedCheckpoint, { ok: true });
  });
});

describe('the witness', () => {
  it('saves the first checkpoint, accepts an extension, and exits 1 on a truncation, from the command line', async () => {
    const db = freshDb();
    const state = `${db}.witness.json`;
    let server = await start(db);
    await postMany(server.url, 12);
    const cli = (args: string[]) => run('npx', ['tsx', 'src/server/cli.ts', 'witness', '--url', server.url, '--state', state, ...args]);
    assert.match((await cli([])).stdout, /first checkpoint saved: 12 leaves/);
    await postMany(server.url, 5);
    assert.match((await cli([])).stdout, /consistent: 12 → 17 leaves/);
    assert.equal(Number(readWitnessState(state)!.checkpoint.split('\n')[1]), 17);
    // Someone with the file cuts off the newest rows and restarts the receiver.
    await server.close();
    const attacker = new LedgerAttacker(db);
    attacker.db.exec('DELETE FROM ledger WHERE seq > 14; DELETE FROM log_leaf WHERE idx >= 14;');
    attacker.rebuildChainAndLog();
    await attacker.finish();
    server = await start(db);
    await assert.rejects(cli([]), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /rollback or truncation: the log now has 14 leaves, fewer than the 17 leaves this witness saw at/);
      return true;
    });
    // Nothing overwrote what the witness saw.
    assert.equal(Number(readWitnessState(state)!.checkpoint.split('\n')[1]), 17);
  });

  it('catches a fork: an earlier row rewritten and the log regrown past the saved size', async () => {
    const db = freshDb();
    let server = await start(db);
    await postMany(server.url, 8);
    const first = await witnessOnce(server.url, undefined);
    assert.ok(first.ok);
    await server.close();
    const attacker = new LedgerAttacker(db);
    // Another (re-signed, re-chained) receipt in row 3: the log is rebuilt from the rows as they now are.
    const row = attacker.row(3);
    attacker.replace({ ...row, receipt: row.receipt.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    attacker.rebuildChainAndLog();
    await attacker.finish();
    server = await start(db);
    const saved = first.ok ? first.state : undefined;
    const sameSize = await witnessOnce(server.url, saved);
    assert.equal(!sameSize.ok && sameSize.kind, 'fork');
    assert.match(sameSize.ok ? '' : sameSize.message, /fork: the log still has 8 leaves but another root hash than the 8 leaves this witness saw/);
    await postMany(server.url, 4);
    const grown = await witnessOnce(server.url, saved);
    assert.equal(!grown.ok && grown.kind, 'fork');
    assert.match(grown.ok ? '' : grown.message, /fork: the log of 12 leaves does not extend the 8 leaves this witness saw/);
  });

  it('refuses a checkpoint not signed by the pinned log key', async () => {
    const server = await start(freshDb());
    await postMany(server.url, 2);
    const other = newLogKey();
    const pinned = noteVerifier(other.origin, new Uint8Array(Buffer.from(other.privateJwk.x!, 'base64url'))).text;
    const outcome = await witnessOnce(server.url, undefined, pinned);
    assert.equal(outcome.ok, false);
    assert.equal(!outcome.ok && outcome.kind, 'bad-signature');
  });
});

describe('examples/check-receipt-later.ts', () => {
  it("finds a device's receipt in the log under a checkpoint fetched later, and not a receipt the log never had", async () => {
    const { checkReceiptLater } = await import('../../examples/check-receipt-later.js');
    const server = await start(freshDb());
    const answer = await post(server.url);
    const pinned = (await text(`${server.url}/log/key`)).trim();
    await postMany(server.url, 7);
    assert.equal(await checkReceiptLater(server.url, answer, pinned), true);
    const other = await start(freshDb());
    const elsewhere = await post(other.url);
    assert.equal(await checkReceiptLater(server.url, elsewhere, pinned), false, 'a receipt of another receiver');
  });
});
