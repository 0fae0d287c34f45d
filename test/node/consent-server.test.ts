import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { chainHash, LEDGER_GENESIS } from '../../src/server/ledger-chain.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { verifyReceipt } from '../../src/server/receiver-key.js';
import { signedSample } from '../support/sample-record.js';

const SHOP = 'https://shop.example';

describe('the receiver on a real port with a real SQLite file', () => {
  let dir: string;
  let dbFile: string;
  let server: RunningConsentServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-receiver-'));
    dbFile = join(dir, 'consents.db');
    server = await startConsentServer({ db: dbFile, port: 0, allowedOrigins: [SHOP] });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: string | object, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const rowCount = () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM ledger').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('stores a good record once and answers a signed receipt', async () => {
    const record = await signedSample();
    const before = rowCount();
    const response = await post(record, { 'Idempotency-Key': record.id });
    assert.equal(response.status, 201);
    const body = (await response.json()) as { status: string; id: string; receipt: string; recordHash: string; receivedAt: string };
    assert.equal(body.status, 'stored');
    assert.equal(body.id, record.id);
    assert.equal(rowCount(), before + 1);

    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as {
      keys: Array<{ kty: 'EC'; crv: 'P-256'; x: string; y: string; d?: string }>;
    };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].d, undefined, 'the private key is never published');
    const claims = await verifyReceipt(body.receipt, jwks.keys[0]);
    assert.deepEqual(claims, { id: record.id, recordHash: body.recordHash, receivedAt: body.receivedAt });
  });

  it('answers the same record twice with success and stores it once', async () => {
    const record = await signedSample();
    const first = await post(record, { 'Idempotency-Key': record.id });
    const count = rowCount();
    const second = await post(record, { 'Idempotency-Key': record.id });
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as Array<{ receipt: string; status: string }>;
    assert.equal(b.status, 'duplicate');
    assert.equal(b.receipt, a.receipt, 'the first answer is replayed');
    assert.equal(rowCount(), count);
  });

  it('stores one row when the same record arrives in parallel', async () => {
    const record = await signedSample();
    const count = rowCount();
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => post(record)))).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(rowCount(), count + 1);
  });

  it('refuses a different record under an existing id with 409', async () => {
    const record = await signedSample();
    await post(record);
    const other = await signedSample({ id: record.id });
    const response = await post(other);
    assert.equal(response.status, 409);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'id-conflict');
  });

  it('answers precise 4xx errors for bad requests', async () => {
    const record = await signedSample();
    const cases: Array<[string, Promise<Response>, number, string]> = [
      ['wrong content type', post(JSON.stringify(record), { 'Content-Type': 'application/xml' }), 415, 'unsupported-media-type'],
      ['oversized body', post(JSON.stringify({ pad: 'x'.repeat(70 * 1024) })), 413, 'body-too-large'],
      ['not JSON', post('{"id":'), 400, 'invalid-json'],
      ['key mismatch', post(record, { 'Idempotency-Key': 'another' }), 400, 'idempotency-key-mismatch'],
      ['schema', post({ ...record, kind: 'maybe' }), 422, 'record-invalid'],
      ['tampered', post({ ...record, channel: 'sms' }), 422, 'record-rejected'],
      ['wrong method', fetch(`${server.url}/consents`), 405, 'method-not-allowed'],
      ['unknown route', fetch(`${server.url}/nothing`), 404, 'not-found'],
    ];
    for (const [name, pending, status, code] of cases) {
      const response = await pending;
      assert.equal(response.status, status, name);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, code, name);
      assert.ok(body.error.message.length > 0, name);
    }
  });

  it('answers the next request on a kept-alive connection after refusing an oversized body unread', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/consents`,
          { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      assert.equal(await send(JSON.stringify({ pad: 'x'.repeat(200 * 1024) })), 413);
      assert.equal(await send(JSON.stringify(await signedSample())), 201);
    } finally {
      agent.destroy();
    }
  });

  it('names the failing member of a schema violation', async () => {
    const record = (await signedSample()) as Partial<ConsentRecord>;
    delete record.notice;
    const body = (await (await post(record)).json()) as { error: { details: Array<{ path: string }> } };
    assert.deepEqual(
      body.error.details.map((d) => d.path),
      ['/notice'],
    );
  });

  it('applies CORS: configured origins may post, others get 403, requests without Origin are judged on the record', async () => {
    const preflight = await fetch(`${server.url}/consents`, {
      method: 'OPTIONS',
      headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), SHOP);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);

    const allowed = await post(await signedSample(), { Origin: SHOP });
    assert.equal(allowed.status, 201);
    assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);

    const count = rowCount();
    const forbidden = await post(await signedSample(), { Origin: 'https://evil.example' });
    assert.equal(forbidden.status, 403);
    assert.equal(rowCount(), count);

    assert.equal((await post(await signedSample())).status, 201);
  });

  it('chains every row to the previous one, and the file refuses edits and deletions', async () => {
    // Two rows of its own: a chain of one would prove nothing, and no other test's rows are counted on.
    await post(await signedSample());
    await post(await signedSample());
    const db = new Database(dbFile);
    try {
      const rows = db.prepare('SELECT seq, id, record_hash, received_at, prev_hash, chain_hash FROM ledger ORDER BY seq').all() as Array<{
        seq: number;
        id: string;
        record_hash: string;
        received_at: string;
        prev_hash: string;
        chain_hash: string;
      }>;
      assert.ok(rows.length >= 2);
      let prev = LEDGER_GENESIS;
      for (const row of rows) {
        assert.equal(row.prev_hash, prev);
        assert.equal(row.chain_hash, chainHash(prev, { seq: row.seq, id: row.id, recordHash: row.record_hash, receivedAt: row.received_at }));
        prev = row.chain_hash;
      }
      assert.throws(() => db.prepare("UPDATE ledger SET record_json = '{}' WHERE seq = 1").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM ledger WHERE seq = 1').run(), /append-only/);
    } finally {
      db.close();
    }
  });

  it('keeps its signing key across restarts', async () => {
    const keyBefore = await (await fetch(`${server.url}/.well-known/jwks.json`)).text();
    const again = await startConsentServer({ db: dbFile, port: 0 });
    try {
      assert.equal(await (await fetch(`${again.url}/.well-known/jwks.json`)).text(), keyBefore);
    } finally {
      await again.close();
    }
  });
});
