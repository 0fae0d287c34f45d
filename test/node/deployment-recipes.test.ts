/**
 * The deployment recipes in examples/, run as a user would run them: each takes a real signed
 * record over real HTTP (or Node's Request/Response for the serverless shape) and stores it in a
 * real ledger. They import `optin-elements/server`, so they need `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { openConsentStore } from '../../src/server/open-consent-store.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres-cluster.js';
import { signedSample } from '../support/sample-record.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const freshFile = tempLedgers('optin-recipes');
const built = existsSync('dist/server/index.js') ? undefined : 'dist/ is missing: run npm run build first';

function postRecord(url: string, record: ConsentRecord, origin = 'https://shop.example'): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, 'Idempotency-Key': record.id },
    body: JSON.stringify(record),
  });
}

/** The ledger holds exactly these records, and every link, signature and receipt verifies. */
async function assertLedgerHolds(db: string, records: ConsentRecord[]): Promise<void> {
  const store = await openConsentStore(db, { readonly: true });
  try {
    assert.deepEqual((await store.list()).map((e) => e.id).sort(), records.map((r) => r.id).sort());
    assert.equal((await verifyLedger(store)).ok, true);
  } finally {
    await store.close();
  }
}

describe('the deployment docs', () => {
  it('show code only as recipe files that exist and that a test runs, and shell lines only for commands the tests run', () => {
    const tested = readFileSync('test/node/deployment-recipes.test.ts', 'utf8') + readFileSync('test/e2e/any-endpoint.spec.ts', 'utf8');
    for (const page of ['docs/deployment.md', 'docs/postgresql.md']) {
      const text = readFileSync(page, 'utf8');
      for (const [, file] of text.matchAll(/\(\.\.\/(examples\/[\w-]+)\.ts\)/g)) {
        assert.ok(existsSync(`${file}.ts`), `${page} links ${file}.ts, which does not exist`);
        assert.ok(tested.includes(`../../${file}.js`), `${page} links ${file}.ts, which no test imports`);
      }
      for (const [, language, body] of text.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
        assert.equal(language, 'sh', `${page}: code belongs in a tested examples/ file, not in a ${language || 'plain'} block`);
        for (const line of body.trim().split('\n')) {
          assert.match(line, /^(npm install|npx optin-elements (serve|verify-ledger) )/, `${page}: "${line}" is not a command the tests run`);
        }
      }
    }
  });
});

describe('deployment recipes', { skip: built }, () => {
  it('the Node service started from its environment stores a record', async () => {
    const { startFromEnvironment } = await import('../../examples/deploy-node-server.js');
    const db = freshFile();
    const server = await startFromEnvironment({ OPTIN_DB: db, PORT: '0', OPTIN_ORIGINS: 'https://shop.example' });
    const record = await signedSample();
    try {
      assert.equal((await postRecord(`${server.url}/consents`, record)).status, 201);
      assert.equal((await postRecord(`${server.url}/consents`, record, 'https://elsewhere.example')).status, 403, 'only the configured origin');
    } finally {
      await server.close();
    }
    await assertLedgerHolds(db, [record]);
  });

  it("Express: the receiver under /optin beside the app's own routes", async () => {
    const { createShopApp } = await import('../../examples/deploy-express.js');
    const db = freshFile();
    const store = await openConsentStore(db);
    const app = createShopApp(store, { adminToken: 'recipe-admin-token-0123456789abcdef' });
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const record = await signedSample();
    try {
      assert.equal((await postRecord(`${base}/optin/consents`, record)).status, 201);
      assert.equal((await fetch(`${base}/optin/consents/nonce`)).status, 200);
      assert.deepEqual(await (await fetch(`${base}/api/health`)).json(), { ok: true });
      // The whole-ledger export, run on a worker thread by the recipe, holds the record and verifies.
      const exported = await fetch(`${base}/optin/audit/ledger`, { headers: { Authorization: 'Bearer recipe-admin-token-0123456789abcdef' } });
      assert.equal(exported.status, 200);
      const ledger = (await exported.json()) as { entries: Array<{ id: string; verification: { ok: boolean } }>; chain: { ok: boolean; checked: number } };
      assert.deepEqual(
        ledger.entries.map((e) => [e.id, e.verification.ok]),
        [[record.id, true]],
      );
      assert.deepEqual([ledger.chain.ok, ledger.chain.checked], [true, 1]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
    await assertLedgerHolds(db, [record]);
  });

  it("Fastify: the receiver under /optin in a plugin of its own, the app's JSON routes untouched", async () => {
    const { createShopApp } = await import('../../examples/deploy-fastify.js');
    const db = freshFile();
    const store = await openConsentStore(db);
    const app = createShopApp(store);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const record = await signedSample();
    try {
      assert.equal((await postRecord(`${base}/optin/consents`, record)).status, 201);
      assert.equal((await postRecord(`${base}/optin/consents`, record)).status, 200, 'a re-send is answered, not stored again');
      assert.equal((await fetch(`${base}/optin/consents/nonce`)).status, 200);
      const tooLarge = await fetch(`${base}/optin/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(70_000) });
      assert.equal(tooLarge.status, 413, 'the receiver, not Fastify, reads and limits the body');
      assert.deepEqual(await (await fetch(`${base}/api/health`)).json(), { ok: true });
      const echo = await fetch(`${base}/api/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
      assert.deepEqual(await echo.json(), { received: { a: 1 } });
    } finally {
      await app.close();
      await store.close();
    }
    await assertLedgerHolds(db, [record]);
  });

  it('Hono: the Web-standard handler mounted under /optin, served by @hono/node-server', async () => {
    const { createShopApp, listen } = await import('../../examples/deploy-hono.js');
    const db = freshFile();
    const store = await openConsentStore(db);
    let server: ReturnType<typeof listen> | undefined;
    const port = await new Promise<number>((resolve) => {
      server = listen(createShopApp(store), 0, resolve);
    });
    const record = await signedSample();
    try {
      const answer = await postRecord(`http://127.0.0.1:${port}/optin/consents`, record);
      assert.equal(answer.status, 201);
      assert.equal((await fetch(`http://127.0.0.1:${port}/optin/.well-known/jwks.json`)).status, 200);
      assert.deepEqual(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json(), { ok: true });
    } finally {
      await new Promise((resolve) => server!.close(resolve));
      await store.close();
    }
    await assertLedgerHolds(db, [record]);
  });

  describe('the serverless route with PostgreSQL', { skip: postgresUnavailable() }, () => {
    let postgres: TestPostgres;
    before(async () => {
      postgres = await startTestPostgres();
    });
    after(() => postgres?.stop());

    it('answers 503 (keep and retry) while the database is unreachable, then stores once it is', async () => {
      const db = await postgres.freshDatabase();
      const route = (await import('../../examples/deploy-serverless-postgres.js')).default;
      const record = await signedSample();
      const request = () =>
        new Request('https://shop.example/consents', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: 'https://shop.example' },
          body: JSON.stringify(record),
        });
      process.env.OPTIN_ORIGINS = 'https://shop.example';
      process.env.OPTIN_DB = 'postgres://postgres@127.0.0.1:1/nowhere';
      const down = await route.fetch(request());
      assert.equal(down.status, 503);
      process.env.OPTIN_DB = db;
      const nonce = await route.fetch(new Request('https://shop.example/consents/nonce'));
      assert.equal(nonce.status, 200);
      assert.equal((await route.fetch(request())).status, 201);
      assert.equal((await route.fetch(request())).status, 200, 'a retry is answered, not stored again');
      await assertLedgerHolds(db, [record]);
    });
  });
});
