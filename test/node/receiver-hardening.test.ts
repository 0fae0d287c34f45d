import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { signRecord } from '../../src/core/record/sign-record.js';
import { type ConsentHandlerOptions, createConsentHandler } from '../../src/server/consent-handler.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { generateTestKeyPair, signedSample, unsignedSample } from '../support/sample-record.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const run = promisify(execFile);
const freshDb = tempLedgers('optin-hardening');

type Body = {
  status?: string;
  receipt?: string;
  receivedAt?: string;
  nonce?: string;
  expiresAt?: string;
  error?: { code: string; message: string; details?: Array<{ path?: string }> };
};

/** A handler on a real SQLite file, with a clock the test moves. */
function receiver(options: Partial<ConsentHandlerOptions> = {}) {
  const file = freshDb();
  const store = new SqliteConsentStore(file);
  let clock = Date.now();
  const handler = createConsentHandler({ store, now: () => new Date(clock), ...options });
  const post = async (body: string | object, headers: Record<string, string> = {}, clientAddress = '192.0.2.1') => {
    const response = await handler(
      new Request('http://receiver.test/consents', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
      { clientAddress },
    );
    return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
  };
  const nonce = async () => (await (await handler(new Request('http://receiver.test/consents/nonce'))).json()) as { nonce: string; expiresAt: string };
  const rows = () => store.list().then((entries) => entries.length);
  return { handler, store, file, post, nonce, rows, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('nonces', () => {
  it('accepts a record carrying a fresh nonce and refuses the nonce in a second record', async () => {
    const r = receiver();
    const { nonce, expiresAt } = await r.nonce();
    assert.match(nonce, /^[A-Za-z0-9_-]{16,128}$/);
    assert.ok(Date.parse(expiresAt) > r.now());
    const first = await signedSample({ nonce, capturedAt: new Date(r.now()) });
    assert.equal((await r.post(first)).status, 201);
    assert.equal((await r.post(first)).status, 200, 'the same record again is a duplicate, not a replay');
    const second = await signedSample({ nonce, capturedAt: new Date(r.now()) });
    const replay = await r.post(second);
    assert.equal(replay.status, 422);
    assert.equal(replay.body.error?.code, 'nonce-replayed');
    assert.equal(replay.body.error?.details?.[0]?.path, '/nonce');
    assert.equal(await r.rows(), 1);
  });

  it('refuses a nonce it did not issue', async () => {
    const r = receiver();
    const forged = await signedSample({ nonce: 'A'.repeat(54), capturedAt: new Date(r.now()) });
    const answer = await r.post(forged);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error?.code, 'nonce-invalid');
  });

  it('refuses a record signed long after its nonce expired, but accepts one signed in time and delivered late', async () => {
    const r = receiver({ nonces: { ttlMs: 60_000, skewMs: 1_000 } });
    const { nonce: early } = await r.nonce();
    const { nonce: late } = await r.nonce();
    const signedInTime = await signedSample({ nonce: early, capturedAt: new Date(r.now() + 30_000) });
    r.advance(10 * 60_000);
    const signedTooLate = await signedSample({ nonce: late, capturedAt: new Date(r.now()) });
    assert.equal((await r.post(signedInTime)).status, 201, 'queued offline, then delivered: still good');
    const refused = await r.post(signedTooLate);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error?.code, 'nonce-expired');
  });

  it('still accepts nonces it issued before a restart', async () => {
    const file = freshDb();
    const first = createConsentHandler({ store: new SqliteConsentStore(file) });
    const { nonce } = (await (await first(new Request('http://receiver.test/consents/nonce'))).json()) as { nonce: string };
    const restarted = createConsentHandler({ store: new SqliteConsentStore(file) });
    const record = await signedSample({ nonce });
    const response = await restarted(
      new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) }),
    );
    assert.equal(response.status, 201);
  });

  it('accepts a record marked as sent without a nonce because the device was offline', async () => {
    const r = receiver();
    const record = await signedSample({ nonceUnavailable: 'offline' });
    assert.equal(record.nonceUnavailable, 'offline');
    assert.equal((await r.post(record)).status, 201);
  });
});

describe('clock skew', () => {
  it('refuses a record from more than the tolerance in the future and keeps its own receivedAt', async () => {
    const r = receiver({ verify: { maxFutureSkewMs: 60_000 } });
    const future = await signedSample({ capturedAt: new Date(r.now() + 5 * 60_000) });
    const refused = await r.post(future);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error?.details?.[0]?.path, '/capturedAt');
    const slightlyAhead = await signedSample({ capturedAt: new Date(r.now() + 30_000) });
    const stored = await r.post(slightlyAhead);
    assert.equal(stored.status, 201);
    assert.equal(stored.body.receivedAt, new Date(r.now()).toISOString(), "the receiver's clock is authoritative");
  });
});

describe('limits', () => {
  it('takes text/plain bodies (beacons) and refuses other media types with 415', async () => {
    const r = receiver();
    const record = await signedSample();
    assert.equal((await r.post(JSON.stringify(record), { 'Content-Type': 'text/plain;charset=UTF-8' })).status, 201);
    const html = await r.post(JSON.stringify(await signedSample()), { 'Content-Type': 'text/html' });
    assert.equal(html.status, 415);
    assert.equal(html.body.error?.code, 'unsupported-media-type');
  });

  it('refuses a streamed body over the limit with 413 even without Content-Length', async () => {
    const r = receiver({ maxBodyBytes: 1024 });
    const chunk = new TextEncoder().encode('x'.repeat(512));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await r.handler(
      new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit),
    );
    assert.equal(response.status, 413);
    assert.equal(await r.rows(), 0);
  });

  it('answers a body that breaks off mid-way with 400, not 5xx', async () => {
    const r = receiver();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
        controller.error(new Error('connection reset'));
      },
    });
    const response = await r.handler(
      new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit),
    );
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Body).error?.code, 'body-unreadable');
  });

  it('names the failing path of a deep schema violation with 422', async () => {
    const r = receiver();
    const record = (await signedSample()) as unknown as { categories: Array<{ granted: unknown }> };
    record.categories[1].granted = 'yes';
    const answer = await r.post(record);
    assert.equal(answer.status, 422);
    assert.deepEqual(
      answer.body.error?.details?.map((d) => d.path),
      ['/categories/1/granted'],
    );
  });

  it('limits requests per client address with 429 and Retry-After', async () => {
    const r = receiver({ rateLimits: { perClient: { burst: 3, perMinute: 6 }, perSubject: false } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await r.post(await signedSample({ subject: { phone: `+491512345678${i}` } }))).status);
    assert.deepEqual(statuses, [201, 201, 201, 429]);
    const limited = await r.post(await signedSample());
    assert.equal(limited.body.error?.code, 'rate-limited');
    assert.equal(limited.headers.get('Retry-After'), '10');
    assert.equal((await r.post(await signedSample(), {}, '192.0.2.99')).status, 201, 'another address has its own budget');
    r.advance(10_000);
    assert.equal((await r.post(await signedSample())).status, 201, 'the budget refills');
  });

  it('limits new records per subject, but never refuses a duplicate', async () => {
    const r = receiver({ rateLimits: { perSubject: { burst: 2, perMinute: 1 } } });
    const records = await Promise.all([0, 1, 2].map(() => signedSample({ subject: { phone: '+4915123456789' } })));
    assert.equal((await r.post(records[0])).status, 201);
    assert.equal((await r.post(records[1])).status, 201);
    const third = await r.post(records[2]);
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get('Retry-After')) >= 1);
    assert.equal((await r.post(records[0])).status, 200, 'a retry of a stored record still gets its answer');
    assert.equal((await r.post(await signedSample({ subject: { phone: '+4915123456700' } }))).status, 201);
  });
});

describe('bots', () => {
  it('refuses a grant with a filled honeypot with 422 looks-automated, never a quiet "stored"', async () => {
    const r = receiver();
    const answer = await r.post(await signedSample({ honeypot: true, fillMs: 9000 }));
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error?.code, 'looks-automated');
    assert.equal(await r.rows(), 0);
  });

  it('refuses a grant filled faster than the minimum fill time, and stores the next one', async () => {
    const r = receiver({ minFillMs: 1500 });
    const fast = await r.post(await signedSample({ fillMs: 300 }));
    assert.equal(fast.status, 422);
    assert.equal(fast.body.error?.code, 'looks-automated');
    assert.equal(await r.rows(), 0);
    assert.equal((await r.post(await signedSample({ fillMs: 4000 }))).status, 201);
    assert.equal(await r.rows(), 1);
  });

  it('stores a withdrawal that looks like a bot: a stop is never filtered', async () => {
    const r = receiver({ minFillMs: 1500 });
    const stop = await signedSample({ kind: 'opt-out', honeypot: true, fillMs: 10, categories: [{ id: 'offers', label: 'Offers', granted: false }] });
    const answer = await r.post(stop);
    assert.equal(answer.status, 201);
    assert.equal(answer.body.status, 'stored');
    assert.ok(await r.store.findById(stop.id), 'what the answer says is stored is in the ledger');
  });
});

describe('forgery', () => {
  it('refuses a record whose proof was taken from another record', async () => {
    const r = receiver();
    const genuine = await signedSample();
    const other = await unsignedSample({ subject: { phone: '+4915199999999' } });
    const forged: ConsentRecord = { ...other, proof: genuine.proof };
    const answer = await r.post(forged);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error?.details?.[0]?.path, '/proof/jws');
  });

  it('refuses a record re-signed by another key over a changed text', async () => {
    const r = receiver();
    const genuine = await signedSample();
    const { proof: _proof, ...unsigned } = genuine;
    const resigned = await signRecord({ ...unsigned, notice: { ...unsigned.notice, text: 'something else' } }, await generateTestKeyPair());
    const answer = await r.post(resigned);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error?.details?.[0]?.path, '/notice/sha256');
  });
});

describe('the nonce route over real HTTP', () => {
  let server: RunningConsentServer;
  before(async () => {
    server = await startConsentServer({ db: freshDb(), port: 0, allowedOrigins: ['https://shop.example'] });
  });
  after(() => server.close());

  it('issues a nonce with CORS for an allowed origin and no caching', async () => {
    const response = await fetch(`${server.url}/consents/nonce`, { headers: { Origin: 'https://shop.example' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), 'https://shop.example');
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    assert.equal(response.headers.get('Access-Control-Expose-Headers'), 'Retry-After', 'the widget can read Retry-After cross-origin');
    const a = (await response.json()) as { nonce: string };
    const b = (await (await fetch(`${server.url}/consents/nonce`)).json()) as { nonce: string };
    assert.notEqual(a.nonce, b.nonce);
    assert.equal((await fetch(`${server.url}/consents/nonce`, { method: 'POST' })).status, 405);
  });
});

describe('verify-ledger', () => {
  async function ledgerWith(count: number): Promise<string> {
    const file = freshDb();
    const handler = createConsentHandler({ store: new SqliteConsentStore(file) });
    for (let i = 0; i < count; i++) {
      const record = await signedSample();
      const response = await handler(
        new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) }),
      );
      assert.equal(response.status, 201);
    }
    return file;
  }

  function tamper(file: string, sql: string) {
    const db = new Database(file);
    db.exec('DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete;');
    db.exec(sql);
    db.close();
  }

  it('verifies every row of an intact ledger', async () => {
    const file = await ledgerWith(4);
    const result = await verifyLedger(new SqliteConsentStore(file, { readonly: true }));
    assert.deepEqual(result, { ok: true, rowsChecked: 4, erasedRows: 0 });
  });

  it('names the first broken row when a stored record was edited', async () => {
    const file = await ledgerWith(4);
    tamper(file, `UPDATE ledger SET record_json = replace(record_json, '"granted":true', '"granted":false') WHERE seq = 2`);
    const result = await verifyLedger(new SqliteConsentStore(file, { readonly: true }));
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken?.seq, 2);
    assert.match(result.firstBroken?.reason ?? '', /recordHash/);
  });

  it('names the row after a deleted one', async () => {
    const file = await ledgerWith(4);
    tamper(file, 'DELETE FROM ledger WHERE seq = 3');
    const result = await verifyLedger(new SqliteConsentStore(file, { readonly: true }));
    assert.equal(result.firstBroken?.seq, 4);
  });

  it('is a CLI command that exits 1 and prints the first broken row', async () => {
    const good = await ledgerWith(2);
    const ok = await run('npx', ['tsx', 'src/server/cli.ts', 'verify-ledger', '--db', good]);
    assert.match(ok.stdout, /2 rows, every signature, receipt and chain link verified/);
    const bad = await ledgerWith(3);
    tamper(bad, `UPDATE ledger SET chain_hash = '${'f'.repeat(64)}' WHERE seq = 1`);
    await assert.rejects(run('npx', ['tsx', 'src/server/cli.ts', 'verify-ledger', '--db', bad]), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /row 1 \(id [0-9a-f-]{36}\) is broken/);
      return true;
    });
  });
});
