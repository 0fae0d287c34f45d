/**
 * Group commit: concurrent appends share one SQLite transaction. These tests
 * protect what must not change with it: each record stored once, chained in
 * order, a bad record failing only itself, and no answer before the commit.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import type { NewLedgerEntry } from '../../src/server/consent-store.js';
import { chainHash, LEDGER_GENESIS } from '../../src/server/ledger-chain.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { generateTestKeyPair, signedSample } from '../support/sample-record.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const freshDb = tempLedgers('optin-group-commit');

interface Row {
  seq: number;
  id: string;
  record_hash: string;
  received_at: string;
  prev_hash: string;
  chain_hash: string;
}

/** The rows as another connection sees them: only what was committed. */
function committedRows(file: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT seq, id, record_hash, received_at, prev_hash, chain_hash FROM ledger ORDER BY seq').all() as Row[];
  } finally {
    db.close();
  }
}

function assertChained(rows: Row[]): void {
  let prev = LEDGER_GENESIS;
  rows.forEach((row, i) => {
    assert.equal(row.seq, i + 1, 'seq runs 1, 2, 3… without gaps');
    assert.equal(row.prev_hash, prev, `row ${row.seq} links to the row before it`);
    assert.equal(row.chain_hash, chainHash(prev, { seq: row.seq, id: row.id, recordHash: row.record_hash, receivedAt: row.received_at }));
    prev = row.chain_hash;
  });
}

function entryFor(record: ConsentRecord, recordHash = `${record.id.replace(/-/g, '')}`.padEnd(64, '0')): NewLedgerEntry {
  return { id: record.id, record, recordHash, keyThumbprint: 'thumb', receivedAt: new Date().toISOString(), receipt: 'receipt' };
}

describe('group commit over real HTTP', () => {
  it('stores many parallel distinct posts once each, chained in order, each committed before its answer', async () => {
    const file = freshDb();
    const server = await startConsentServer({ db: file, port: 0, rateLimits: { perClient: false, perSubject: false } });
    const agent = new Agent({ keepAlive: true, maxSockets: 24 });
    try {
      const keyPair = await generateTestKeyPair();
      const records = await Promise.all(Array.from({ length: 120 }, (_, i) => signedSample({ subject: { phone: `+49151${20_000_000 + i}` } }, keyPair)));
      const seenCommitted: boolean[] = [];
      const answers = await Promise.all(
        records.map(
          (record) =>
            new Promise<{ httpStatus: number; seq: number; id: string }>((resolve, reject) => {
              const body = JSON.stringify(record);
              const req = httpRequest(
                `${server.url}/consents`,
                { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
                (res) => {
                  // Before anything else: is the acknowledged row visible to another connection?
                  seenCommitted.push(committedRows(file).some((row) => row.id === record.id));
                  let text = '';
                  res.on('data', (chunk) => (text += chunk));
                  res.on('end', () => resolve({ ...(JSON.parse(text) as { seq: number; id: string }), httpStatus: res.statusCode ?? 0 }));
                },
              );
              req.on('error', reject);
              req.end(body);
            }),
        ),
      );
      assert.deepEqual(new Set(answers.map((a) => a.httpStatus)), new Set([201]));
      assert.ok(seenCommitted.every(Boolean), 'every 201 came after its row was committed');
      const rows = committedRows(file);
      assert.equal(rows.length, records.length);
      assert.equal(new Set(rows.map((row) => row.id)).size, records.length);
      assertChained(rows);
      // Each answer names the row it was stored in.
      const seqOf = new Map(rows.map((row) => [row.id, row.seq]));
      for (const answer of answers) assert.equal(answer.seq, seqOf.get(answer.id));
    } finally {
      agent.destroy();
      await server.close();
    }
    assert.equal((await verifyLedger(new SqliteConsentStore(file, { readonly: true }))).ok, true);
  });

  it('answers 422 for the bad records among parallel posts and stores all the others', async () => {
    const file = freshDb();
    const store = new SqliteConsentStore(file);
    const handler = createConsentHandler({ store, rateLimits: { perClient: false, perSubject: false } });
    const keyPair = await generateTestKeyPair();
    const good = await Promise.all(Array.from({ length: 20 }, (_, i) => signedSample({ subject: { phone: `+49151${30_000_000 + i}` } }, keyPair)));
    const forged = { ...(await signedSample({}, keyPair)), channel: 'sms' };
    const invalid = { ...(await signedSample({}, keyPair)), kind: 'maybe' };
    const bodies = [...good.slice(0, 10), forged, invalid, ...good.slice(10)];
    const statuses = await Promise.all(
      bodies.map(async (body) => {
        const response = await handler(
          new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
        );
        return response.status;
      }),
    );
    assert.deepEqual(statuses, [...Array(10).fill(201), 422, 422, ...Array(10).fill(201)]);
    const rows = committedRows(file);
    assert.deepEqual(new Set(rows.map((row) => row.id)), new Set(good.map((record) => record.id)));
    assertChained(rows);
    await store.close();
  });

  it('stores a record once and answers 409 for a different one when both arrive together under one id', async () => {
    const file = freshDb();
    const store = new SqliteConsentStore(file);
    const handler = createConsentHandler({ store, rateLimits: { perClient: false, perSubject: false } });
    const first = await signedSample();
    const impostor = await signedSample({ id: first.id });
    const post = (body: object) =>
      handler(new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
    const statuses = (await Promise.all([post(first), post(first), post(impostor), post(first)])).map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `one stored: ${statuses}`);
    assert.equal(committedRows(file).length, 1);
    const storedHash = committedRows(file)[0].record_hash;
    // Whichever came first is stored; the other shape is refused, the same one is a duplicate.
    const storedIsFirst = statuses[0] === 201 || statuses[1] === 201 || statuses[3] === 201;
    if (storedIsFirst) assert.deepEqual(statuses.filter((s) => s !== 201).sort(), [200, 200, 409]);
    else assert.deepEqual(statuses, [409, 409, 201, 409]);
    assert.equal(committedRows(file)[0].record_hash, storedHash);
    await store.close();
  });
});

describe('the SQLite store under group commit', () => {
  it('syncs the WAL to disk at every commit unless asked for normal', async () => {
    const level = (store: SqliteConsentStore) => (store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true });
    const full = new SqliteConsentStore(freshDb());
    const normal = new SqliteConsentStore(freshDb(), { synchronous: 'normal' });
    assert.equal(level(full), 2, 'FULL');
    assert.equal(level(normal), 1, 'NORMAL');
    await full.close();
    await normal.close();
  });

  it('resolves each append only once its row is visible to another connection', async () => {
    const file = freshDb();
    const store = new SqliteConsentStore(file);
    const records = await Promise.all(Array.from({ length: 8 }, () => signedSample()));
    const visibleOnResolve = await Promise.all(
      records.map((record) => store.append(entryFor(record)).then(() => committedRows(file).some((row) => row.id === record.id))),
    );
    assert.deepEqual(visibleOnResolve, Array(8).fill(true));
    await store.close();
  });

  it('stores the same id twice in one batch once, and answers both with that one row', async () => {
    const store = new SqliteConsentStore(freshDb());
    const record = await signedSample();
    const other = await signedSample();
    const [a, b, c] = await Promise.all([store.append(entryFor(record)), store.append(entryFor(other)), store.append(entryFor(record))]);
    assert.equal(a.created, true);
    assert.equal(b.created, true);
    assert.equal(c.created, false);
    assert.equal(c.entry.seq, a.entry.seq);
    assert.equal((await store.list()).length, 2);
    await store.close();
  });

  it('fails only the entry that cannot be stored, and commits the rest of its batch in order', async () => {
    const file = freshDb();
    const store = new SqliteConsentStore(file);
    const records = await Promise.all(Array.from({ length: 5 }, () => signedSample()));
    // A BigInt cannot be written as JSON: this entry throws inside the batch's transaction.
    const unstorable = { ...entryFor(records[2]), record: { ...records[2], extra: 1n } as unknown as ConsentRecord };
    const outcomes = await Promise.allSettled(records.map((record, i) => store.append(i === 2 ? unstorable : entryFor(record))));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
    const rows = committedRows(file);
    assert.deepEqual(
      rows.map((row) => row.id),
      [records[0].id, records[1].id, records[3].id, records[4].id],
    );
    assertChained(rows);
    await store.close();
  });

  it('commits the appends already accepted when it is closed mid-batch, and refuses any after', async () => {
    const file = freshDb();
    const store = new SqliteConsentStore(file);
    const records = await Promise.all(Array.from({ length: 6 }, () => signedSample()));
    const pending = records.map((record) => store.append(entryFor(record)));
    await store.close();
    const outcomes = await Promise.allSettled(pending);
    const acknowledged = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [records[i].id] : []));
    const stored = committedRows(file).map((row) => row.id);
    assert.deepEqual(stored, acknowledged, 'what was acknowledged is exactly what is in the file');
    const late = await signedSample();
    await assert.rejects(store.append(entryFor(late)));
    assert.equal(
      committedRows(file).some((row) => row.id === late.id),
      false,
    );
  });
});

describe('a receiver killed under load', () => {
  it('has every acknowledged record in its file, chained, after a SIGKILL mid-load', async () => {
    const file = freshDb();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { startConsentServer } = await import(${JSON.stringify(new URL('../../src/server/node-server.ts', import.meta.url).href)});
         const server = await startConsentServer({ db: ${JSON.stringify(file)}, port: 0, rateLimits: { perClient: false, perSubject: false } });
         process.stdout.write(server.url + '\\n');`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
        child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      });
      const keyPair = await generateTestKeyPair();
      const records = await Promise.all(Array.from({ length: 300 }, (_, i) => signedSample({ subject: { phone: `+49151${40_000_000 + i}` } }, keyPair)));
      const agent = new Agent({ keepAlive: true, maxSockets: 16 });
      const acknowledged: string[] = [];
      let next = 0;
      const client = async () => {
        while (next < records.length) {
          const record = records[next++];
          const body = JSON.stringify(record);
          const status = await new Promise<number>((resolve) => {
            const req = httpRequest(
              `${url}/consents`,
              { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
              (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
                res.on('error', () => resolve(0));
              },
            );
            req.on('error', () => resolve(0));
            req.end(body);
          });
          if (status === 201) {
            acknowledged.push(record.id);
            // Kill it while other posts are in flight, not between batches on purpose.
            if (acknowledged.length === 100) child.kill('SIGKILL');
          }
          if (status === 0) return;
        }
      };
      await Promise.all(Array.from({ length: 16 }, client));
      agent.destroy();
      await exited;
      assert.ok(acknowledged.length >= 100);
      const rows = committedRows(file);
      const stored = new Set(rows.map((row) => row.id));
      for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged ${id} is in the file`);
      assert.equal(stored.size, rows.length, 'no id twice');
      assertChained(rows);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  });
});
