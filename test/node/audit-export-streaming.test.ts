/**
 * `GET /audit/ledger` streams: the ledger is read page by page while the answer is written, the
 * export covers the ledger as it was when it began, and intake goes on meanwhile. Run on SQLite
 * and on a real PostgreSQL; the Node server runs the export on its own thread and connection.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type AuditExport, auditCsv, exportLedger } from '../../src/server/audit-export.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import type { ConsentStore } from '../../src/server/consent-store.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds, type TestLedger } from '../support/store-kinds.js';

const ADMIN = 'a'.repeat(40);
const ROWS = 250;
const PAGE_ROWS = 100;

async function postRecords(url: string, count: number, first = 0): Promise<void> {
  for (let i = first; i < first + count; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, first + count - i) }, (_, j) => signedSample({ subject: { phone: `+49151${String(20_000_000 + i + j)}` } })),
    );
    const statuses = await Promise.all(
      batch.map(
        async (record) =>
          (await fetch(`${url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) })).status,
      ),
    );
    assert.deepEqual(new Set(statuses), new Set([201]));
  }
}

/** The checkpoint's body (origin, size, root), without its signature line. */
const checkpointBody = (note: string) => note.split('\n\n')[0];

for (const kind of storeKinds('optin-audit-stream')) {
  describe(`the whole-ledger export on ${kind.name}`, { skip: kind.skip }, () => {
    let ledger: TestLedger;
    let server: RunningConsentServer;
    let dir: string;
    const admin = (path: string) => fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${ADMIN}` } });

    before(async () => {
      await kind.setUp();
      dir = mkdtempSync(join(tmpdir(), 'optin-audit-keys-'));
      ledger = await kind.freshLedger();
      server = await startConsentServer({
        db: ledger.location,
        keyFile: join(dir, 'keys.json'),
        port: 0,
        adminToken: ADMIN,
        rateLimits: { perClient: false, perSubject: false },
      });
      await postRecords(server.url, ROWS);
    });
    after(async () => {
      await server?.close();
      await kind.tearDown();
      rmSync(dir, { recursive: true, force: true });
    });

    it('streams every row, each re-verified, the same as the export built in one piece', async () => {
      const response = await admin('/audit/ledger');
      assert.equal(response.status, 200);
      const streamed = (await response.json()) as AuditExport;
      const key = await loadReceiverKey(server.store, { keyFile: join(dir, 'keys.json') });
      const whole = await exportLedger(server.store, key);
      assert.equal(streamed.entries.length, ROWS);
      assert.deepEqual(streamed.entries, whole.entries);
      assert.deepEqual(streamed.chain, { ok: true, checked: ROWS });
      assert.ok(streamed.entries.every((entry) => entry.verification.ok));
      assert.equal(streamed.log.logKey, whole.log.logKey);
      assert.equal(checkpointBody(streamed.log.checkpoint), checkpointBody(whole.log.checkpoint));
      const csv = await (await admin('/audit/ledger?format=csv')).text();
      assert.equal(csv, auditCsv(whole));
    });

    it('exports the ledger as it was when the export began, while new records are stored', async () => {
      const before = (await server.store.list()).length;
      const response = await admin('/audit/ledger');
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [(await reader.read()).value!];
      // The export is open (its thread holds a read connection): intake is not held behind it.
      await postRecords(server.url, 5, 900_000);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
      }
      const audit = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AuditExport;
      assert.equal(audit.entries.length, before);
      assert.deepEqual(audit.chain, { ok: true, checked: before });
      assert.equal(checkpointBody(audit.log.checkpoint).split('\n')[1], String(before));
      assert.equal((await server.store.list()).length, before + 5);
    });
  });
}

describe("the whole-ledger export in the handler's own thread", () => {
  const kind = storeKinds('optin-audit-stream-inline')[0];
  let ledger: TestLedger;
  let server: RunningConsentServer;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-audit-keys-'));
    ledger = await kind.freshLedger();
    server = await startConsentServer({ db: ledger.location, keyFile: join(dir, 'keys.json'), port: 0, rateLimits: { perClient: false, perSubject: false } });
    await postRecords(server.url, ROWS);
    await server.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The store, counting the rows each read asks for and returns. */
  function watched(store: ConsentStore) {
    const reads: Array<{ limit?: number; rows: number }> = [];
    const spy = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== 'list') {
          const value = Reflect.get(target, name, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (options?: { afterSeq?: number; limit?: number }) => {
          const rows = await target.list(options);
          reads.push({ limit: options?.limit, rows: rows.length });
          return rows;
        };
      },
    });
    return { spy, reads };
  }

  it('reads the ledger a page at a time, and only as fast as the client reads the answer', async () => {
    const store = await ledger.open();
    try {
      const { spy, reads } = watched(store);
      const handler = createConsentHandler({ store: spy, keyFile: join(dir, 'keys.json'), adminToken: ADMIN });
      const response = await handler(new Request('http://127.0.0.1/audit/ledger', { headers: { Authorization: `Bearer ${ADMIN}` } }));
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      await reader.read(); // the opening of the JSON
      await reader.read(); // the first page
      const rowsRead = reads.reduce((sum, read) => sum + read.rows, 0);
      assert.ok(rowsRead <= 2 * PAGE_ROWS && rowsRead < ROWS, `after one page, ${rowsRead} of ${ROWS} rows were read`);
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
      }
      assert.ok(
        reads.every((read) => read.limit !== undefined && read.limit <= PAGE_ROWS),
        `every read is a bounded page: ${JSON.stringify(reads)}`,
      );
      assert.equal(
        reads.reduce((sum, read) => sum + read.rows, 0),
        ROWS,
      );
      assert.ok(chunks.length >= 2, 'the rest came in several chunks');
    } finally {
      await store.close();
    }
  });

  it("reads the whole ledger for a subject's export in bounded pages too", async () => {
    const store = await ledger.open();
    try {
      const { spy, reads } = watched(store);
      const handler = createConsentHandler({ store: spy, keyFile: join(dir, 'keys.json'), adminToken: ADMIN });
      const response = await handler(new Request('http://127.0.0.1/audit/subject?phone=%2B4915120000007', { headers: { Authorization: `Bearer ${ADMIN}` } }));
      assert.equal(response.status, 200);
      const audit = (await response.json()) as AuditExport;
      assert.equal(audit.entries.length, 1);
      assert.deepEqual(audit.chain, { ok: true, checked: ROWS });
      assert.ok(
        reads.length > 0 && reads.every((read) => read.limit !== undefined && read.limit <= 500),
        `every read is a bounded page: ${JSON.stringify(reads)}`,
      );
    } finally {
      await store.close();
    }
  });
});
