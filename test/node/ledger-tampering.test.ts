/**
 * The five tamperings of issue #20, each done to a real SQLite ledger (600
 * records here, to keep the suite quick; the was 2,000) by someone
 * holding the file (and, except for the truncation, the key file). Every row
 * check passes on each of them, as the plain `verify-ledger` did before the
 * log: a rewriter re-signs and re-chains. A checkpoint saved before the
 * rewrite catches each one.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import { buildInboundRecord } from '../../src/server/inbound-records.js';
import { defaultKeyFile } from '../../src/server/key-file.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { LedgerAttacker } from '../support/ledger-attacker.js';
import { signedSample } from '../support/sample-record.js';

const run = promisify(execFile);
const ROWS = 600;

const phoneOf = (i: number) => `+49151${String(10000000 + i)}`;

describe('a ledger rewritten by someone who holds it', () => {
  let dir: string;
  let pristine: string;
  let checkpointFile: string;
  let copies = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-tamper-'));
    pristine = join(dir, 'pristine.db');
    const store = new SqliteConsentStore(pristine);
    const handler = createConsentHandler({ store, rateLimits: { perClient: false, perSubject: false }, verify: { maxFutureSkewMs: 60_000 } });
    const post = async (record: ConsentRecord) => {
      const response = await handler(
        new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) }),
      );
      assert.equal(response.status, 201, await response.clone().text());
    };
    // In groups, so the receiver's group commit writes many per transaction, as under real load.
    for (let start = 0; start < ROWS; start += 100) {
      const group = await Promise.all(Array.from({ length: Math.min(100, ROWS - start) }, (_, i) => signedSample({ subject: { phone: phoneOf(start + i) } })));
      await Promise.all(group.map(post));
    }
    // What a witness or an auditor saved before anything happened to the file.
    const checkpoint = await (await handler(new Request('http://receiver.test/log/checkpoint'))).text();
    checkpointFile = join(dir, 'checkpoint.txt');
    writeFileSync(checkpointFile, checkpoint);
    assert.match(checkpoint, new RegExp(`^optin-elements\\.invalid/log/[0-9a-f]{16}\\n${ROWS}\\n[A-Za-z0-9+/]{43}=\\n\\n\u2014 `));
    await store.close();
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the pristine ledger and its key file, for one tampering. */
  function copy(): { file: string; keyFile: string } {
    const file = join(dir, `copy-${++copies}.db`);
    copyFileSync(pristine, file);
    copyFileSync(defaultKeyFile(pristine), defaultKeyFile(file));
    return { file, keyFile: defaultKeyFile(file) };
  }

  async function receiverKeyOf(file: string) {
    const store = new SqliteConsentStore(file, { readonly: true });
    try {
      return await loadReceiverKey(store);
    } finally {
      await store.close();
    }
  }

  /**
   * The check against the saved checkpoint. Its row checks come first (every signature, receipt
   * and chain link: all the plain `verify-ledger` does), so `plain` says whether they all passed.
   */
  async function checks(file: string) {
    const against = await verifyLedger(new SqliteConsentStore(file, { readonly: true }), { checkpoint: readFileSync(checkpointFile, 'utf8') });
    return { plain: { ok: against.firstBroken === undefined, rowsChecked: against.rowsChecked }, against };
  }

  it('keeps an untouched copy valid against the checkpoint', async () => {
    const { file } = copy();
    const { plain, against } = await checks(file);
    assert.deepEqual(plain, { ok: true, rowsChecked: ROWS });
    assert.deepEqual(await verifyLedger(new SqliteConsentStore(file, { readonly: true })), { ok: true, rowsChecked: ROWS, erasedRows: 0 }, 'the plain check');
    assert.equal(against.ok, true, against.checkpointProblem);
    assert.equal(against.checkpointSize, ROWS);
  });

  it('catches row 500 rewritten (all categories granted, re-signed by a new device key, receipt re-signed with the key file, chain and log rebuilt)', async () => {
    const { file } = copy();
    const key = await receiverKeyOf(file);
    const attacker = new LedgerAttacker(file);
    const original = attacker.row(500);
    const record = JSON.parse(original.record_json) as ConsentRecord;
    const forged = await signedSample({ id: record.id, subject: record.subject, categories: record.categories.map((c) => ({ ...c, granted: true })) } as never);
    attacker.replace(await attacker.rowFor(forged, 500, original.received_at, key));
    attacker.rebuildChainAndLog();
    await attacker.finish();
    const { plain, against } = await checks(file);
    assert.equal(plain.ok, true, 'the rewrite is invisible without a checkpoint');
    assert.equal(against.ok, false);
    assert.match(against.checkpointProblem ?? '', /first 600 rows are not the ones the checkpoint committed to/);
  });

  it('catches a row deleted and the rest renumbered', async () => {
    const { file } = copy();
    const attacker = new LedgerAttacker(file);
    attacker.db.exec('DELETE FROM ledger WHERE seq = 250');
    attacker.shift(251, -1);
    attacker.rebuildChainAndLog();
    await attacker.finish();
    const { plain, against } = await checks(file);
    assert.equal(plain.ok, true);
    assert.match(against.checkpointProblem ?? '', /has 599 rows but the checkpoint saw 600/);
  });

  it('catches a forged receiver-signed confirmation inserted after the opt-in it confirms', async () => {
    const { file } = copy();
    const key = await receiverKeyOf(file);
    const attacker = new LedgerAttacker(file);
    const optIn = attacker.row(300);
    const record = JSON.parse(optIn.record_json) as ConsentRecord;
    const receivedAt = new Date(Date.parse(optIn.received_at) + 1).toISOString();
    const confirmation = await buildInboundRecord({
      key,
      message: { messageId: 'wamid.forged', subject: record.subject, text: 'YES ABCD-1234' },
      kind: 'confirmation',
      purpose: 'confirm',
      business: record.business,
      categories: record.categories,
      locale: 'en',
      policy: record.policy,
      receivedAt: new Date(receivedAt),
      confirms: { recordId: record.id, code: 'ABCD-1234' },
    });
    attacker.shift(301, +1);
    attacker.insert(await attacker.rowFor(confirmation, 301, receivedAt, key));
    attacker.rebuildChainAndLog();
    await attacker.finish();
    const { plain, against } = await checks(file);
    assert.equal(plain.ok, true, 'the forged confirmation passes every signature, receipt and chain check');
    assert.equal(plain.rowsChecked, ROWS + 1);
    assert.match(against.checkpointProblem ?? '', /first 600 rows are not the ones the checkpoint committed to/);
  });

  it('catches a forged confirmation appended at the end but dated before a witness saved its checkpoint', async () => {
    const { file } = copy();
    const key = await receiverKeyOf(file);
    const attacker = new LedgerAttacker(file);
    const record = JSON.parse(attacker.row(42).record_json) as ConsentRecord;
    const receivedAt = new Date(Date.parse(attacker.row(42).received_at) + 1).toISOString();
    const confirmation = await buildInboundRecord({
      key,
      message: { messageId: 'wamid.backdated', subject: record.subject, text: 'YES WXYZ-9876' },
      kind: 'confirmation',
      purpose: 'confirm',
      business: record.business,
      categories: record.categories,
      locale: 'en',
      policy: record.policy,
      receivedAt: new Date(receivedAt),
      confirms: { recordId: record.id, code: 'WXYZ-9876' },
    });
    attacker.insert(await attacker.rowFor(confirmation, ROWS + 1, receivedAt, key));
    attacker.rebuildChainAndLog();
    await attacker.finish();
    const checkpoint = readFileSync(checkpointFile, 'utf8');
    // Saved an hour after the forged receivedAt: the witness state records when it saw the checkpoint.
    const savedAt = new Date(Date.parse(receivedAt) + 3600_000);
    const result = await verifyLedger(new SqliteConsentStore(file, { readonly: true }), { checkpoint, checkpointSavedAt: savedAt });
    assert.equal(result.ok, false);
    assert.match(result.checkpointProblem ?? '', /row 601 is not in the checkpoint of .* yet claims to have been received before it/);
  });

  it('catches the newest 25 rows cut off by someone without any key, from the command line', async () => {
    const { file } = copy();
    const attacker = new LedgerAttacker(file);
    attacker.db.exec(`DELETE FROM ledger WHERE seq > ${ROWS - 25}; DELETE FROM log_leaf WHERE idx >= ${ROWS - 25};`);
    await attacker.finish();
    const plain = await run('npx', ['tsx', 'src/server/cli.ts', 'verify-ledger', '--db', file]);
    assert.match(plain.stdout, /575 rows, every signature, receipt and chain link verified/);
    await assert.rejects(
      run('npx', ['tsx', 'src/server/cli.ts', 'verify-ledger', '--db', file, '--checkpoint', checkpointFile]),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /does not match the checkpoint: the ledger has 575 rows but the checkpoint saw 600: rows were removed/);
        return true;
      },
    );
  });

  it('says the same in the audit export, from the command line', async () => {
    const { file } = copy();
    const attacker = new LedgerAttacker(file);
    attacker.db.exec(`DELETE FROM ledger WHERE seq > ${ROWS - 3}; DELETE FROM log_leaf WHERE idx >= ${ROWS - 3};`);
    await attacker.finish();
    await assert.rejects(
      run('npx', ['tsx', 'src/server/cli.ts', 'audit', '--db', file, '--phone', phoneOf(7), '--checkpoint', checkpointFile]),
      (error: { code: number; stdout: string }) => {
        assert.equal(error.code, 1);
        const audit = JSON.parse(error.stdout) as { chain: { ok: boolean }; log: { savedCheckpoint: { ok: boolean; problem: string } } };
        assert.equal(audit.chain.ok, true, 'the chain alone sees nothing');
        assert.equal(audit.log.savedCheckpoint.ok, false);
        assert.match(audit.log.savedCheckpoint.problem, /has 597 rows but the checkpoint saw 600/);
        return true;
      },
    );
  });

  it('refuses INSERT OR REPLACE, REPLACE INTO, upserts, UPDATE and DELETE on the ledger and the log while the triggers stand', () => {
    const { file } = copy();
    const db = new Database(file);
    const row = db.prepare<[], Record<string, unknown>>('SELECT * FROM ledger WHERE seq = 500').get()!;
    const columns = Object.keys(row);
    const values = columns.map((c) => `@${c}`).join(', ');
    const changed = { ...row, record_json: String(row.record_json).replace('"granted":false', '"granted":true') };
    const refused = /append-only/;
    assert.throws(() => db.prepare(`INSERT OR REPLACE INTO ledger (${columns.join(', ')}) VALUES (${values})`).run(changed), refused);
    assert.throws(() => db.prepare(`REPLACE INTO ledger (${columns.join(', ')}) VALUES (${values})`).run(changed), refused);
    assert.throws(
      () => db.prepare(`INSERT OR REPLACE INTO ledger (${columns.join(', ')}) VALUES (${values})`).run({ ...changed, seq: ROWS + 1 }),
      refused,
      'a new seq under a taken id',
    );
    assert.throws(
      () =>
        db
          .prepare(`INSERT INTO ledger (${columns.join(', ')}) VALUES (${values}) ON CONFLICT (seq) DO UPDATE SET record_json = excluded.record_json`)
          .run(changed),
      refused,
    );
    assert.throws(() => db.exec('UPDATE ledger SET receipt = receipt WHERE seq = 1'), refused);
    assert.throws(() => db.exec('DELETE FROM ledger WHERE seq = 1'), refused);
    assert.throws(() => db.prepare('INSERT OR REPLACE INTO log_leaf (idx, hash) VALUES (499, ?)').run(Buffer.alloc(32)), refused);
    assert.throws(() => db.exec('UPDATE log_leaf SET hash = hash WHERE idx = 0'), refused);
    assert.throws(() => db.exec('DELETE FROM log_leaf'), refused);
    assert.equal(db.prepare('SELECT record_json FROM ledger WHERE seq = 500').pluck().get(), row.record_json);
    db.close();
  });

  it('catches a row replaced by INSERT OR REPLACE once the triggers are dropped, from the command line', async () => {
    const { file, keyFile } = copy();
    const key = await receiverKeyOf(file);
    const attacker = new LedgerAttacker(file);
    const original = attacker.row(550);
    const record = JSON.parse(original.record_json) as ConsentRecord;
    const forged = await signedSample({
      id: record.id,
      subject: record.subject,
      kind: 'opt-in',
      categories: record.categories.map((c) => ({ ...c, granted: true })),
    } as never);
    const row = await attacker.rowFor(forged, 550, original.received_at, key);
    attacker.db
      .prepare(
        `INSERT OR REPLACE INTO ledger (seq, id, record_json, record_hash, key_thumbprint, received_at, receipt, prev_hash, chain_hash)
         VALUES (@seq, @id, @record_json, @record_hash, @key_thumbprint, @received_at, @receipt, '', '')`,
      )
      .run(row);
    attacker.rebuildChainAndLog();
    await attacker.finish();
    await run('npx', ['tsx', 'src/server/cli.ts', 'verify-ledger', '--db', file, '--key-file', keyFile]);
    await assert.rejects(
      run('npx', ['tsx', 'src/server/cli.ts', 'verify-ledger', '--db', file, '--key-file', keyFile, '--checkpoint', checkpointFile]),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /the first 600 rows are not the ones the checkpoint committed to/);
        return true;
      },
    );
  });
});
