/**
 * Several receivers, one truth: two real `optin-elements serve` processes on one PostgreSQL
 * database, hundreds of records fired at both at once. Skipped, with the reason, where
 * PostgreSQL is not installed.
 */
import assert from 'node:assert/strict';
import { execFile as execFileCallback } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { PostgresConsentStore } from '../../src/server/postgres-consent-store.js';
import { verifyReceipt } from '../../src/server/receiver-key.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres-cluster.js';
import { type ReceiverProcess, startReceiverProcess } from '../support/receiver-process.js';
import { signedSample } from '../support/sample-record.js';

const execFile = promisify(execFileCallback);
const CLI = ['--import', 'tsx', 'src/server/cli.ts'];

interface Answer {
  status: number;
  body: { status?: string; id?: string; receipt?: string; error?: { code: string } };
}

/**
 * Posts from one of several loopback addresses (127.0.0.2…9): each receiver rate-limits per
 * client address, and this test is many browsers, not one.
 */
const agents = Array.from({ length: 8 }, (_, i) => ({ address: `127.0.0.${i + 2}`, agent: new Agent({ keepAlive: true, maxSockets: 4 }) }));
let sent = 0;
function post(url: string, record: ConsentRecord): Promise<Answer> {
  const { address, agent } = agents[sent++ % agents.length];
  const body = JSON.stringify(record);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/consents`,
      {
        method: 'POST',
        agent,
        localAddress: address,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Idempotency-Key': record.id },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

async function nonceFrom(receiver: ReceiverProcess): Promise<string> {
  return ((await (await fetch(`${receiver.url}/consents/nonce`)).json()) as { nonce: string }).nonce;
}

describe('two receivers on one PostgreSQL database', { skip: postgresUnavailable() }, () => {
  let postgres: TestPostgres;
  let db: string;
  let a: ReceiverProcess;
  let b: ReceiverProcess;

  before(async () => {
    postgres = await startTestPostgres();
    db = await postgres.freshDatabase();
    // Started together: both migrate the empty database and both try to create the receiver key.
    [a, b] = await Promise.all([
      startReceiverProcess(process.execPath, CLI, { serveArgs: ['--db', db] }),
      startReceiverProcess(process.execPath, CLI, { serveArgs: ['--db', db] }),
    ]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    for (const { agent } of agents) agent.destroy();
    await postgres?.stop();
  });

  it('publishes one JWKS from both', async () => {
    const [jwksA, jwksB] = await Promise.all([a, b].map(async (r) => (await fetch(`${r.url}/.well-known/jwks.json`)).json()));
    assert.deepEqual(jwksA, jwksB);
  });

  it('stores every record once, in one unbroken chain, with every receipt verifiable against the JWKS', async () => {
    const phone = (i: number) => `+49151${30_000_000 + i}`;
    // Each record carries a nonce from the other receiver than the one it is (first) sent to.
    const shared = await Promise.all(Array.from({ length: 120 }, async (_, i) => signedSample({ subject: { phone: phone(i) }, nonce: await nonceFrom(b) })));
    const toA = await Promise.all(Array.from({ length: 60 }, async (_, i) => signedSample({ subject: { phone: phone(1000 + i) }, nonce: await nonceFrom(b) })));
    const toB = await Promise.all(Array.from({ length: 60 }, async (_, i) => signedSample({ subject: { phone: phone(2000 + i) }, nonce: await nonceFrom(a) })));
    const posts: Array<{ record: ConsentRecord; answer: Promise<Answer> }> = [
      ...shared.flatMap((record) => [
        { record, answer: post(a.url, record) },
        { record, answer: post(b.url, record) },
      ]),
      ...toA.map((record) => ({ record, answer: post(a.url, record) })),
      ...toB.map((record) => ({ record, answer: post(b.url, record) })),
    ];
    const answers = await Promise.all(posts.map(async ({ record, answer }) => ({ record, ...(await answer) })));

    for (const { record, status, body } of answers) {
      assert.ok(status === 201 || status === 200, `${record.id}: ${status} ${JSON.stringify(body)}\n${a.errors()}${b.errors()}`);
    }
    const jwks = (await (await fetch(`${a.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kty: 'EC'; crv: 'P-256'; x: string; y: string }> };
    for (const { record, body } of answers) {
      const claims = await verifyReceipt(body.receipt!, jwks.keys[0]);
      assert.equal(claims?.id, record.id, `the receipt for ${record.id} verifies against the shared JWKS`);
    }
    for (const record of shared) {
      const both = answers.filter((x) => x.record.id === record.id);
      assert.deepEqual(both.map((x) => x.status).sort(), [200, 201], 'one receiver stored it, the other answered the stored row');
      assert.equal(both[0].body.receipt, both[1].body.receipt, 'both answer the one stored receipt');
    }

    const store = await PostgresConsentStore.open(db, { readonly: true });
    try {
      const rows = await store.list();
      assert.equal(rows.length, shared.length + toA.length + toB.length, 'rows equal distinct records');
      assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
    } finally {
      await store.close();
    }
    const { stdout } = await execFile(process.execPath, [...CLI, 'verify-ledger', '--db', db]);
    assert.match(stdout, /240 rows, every signature, receipt and chain link verified/);
  });

  it('refuses at one receiver a nonce another record already used at the other', async () => {
    const nonce = await nonceFrom(a);
    const first = await signedSample({ subject: { phone: '+4915140000001' }, nonce });
    const replay = await signedSample({ subject: { phone: '+4915140000002' }, nonce });
    assert.equal((await post(a.url, first)).status, 201);
    const answer = await post(b.url, replay);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error?.code, 'nonce-replayed');
  });
});
