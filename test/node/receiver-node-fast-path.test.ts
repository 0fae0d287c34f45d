/**
 * The Node server hands a record's POST to the handler without building a Web
 * Request; these tests hold it to the same answers as the Web path, and check
 * that node:crypto verification agrees with WebCrypto.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { describe, it } from 'node:test';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { webVerificationCrypto } from '../../src/core/record/verification-crypto.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import { nodeListener, startConsentServer } from '../../src/server/node-server.js';
import { platformVerificationCrypto } from '../../src/server/platform-crypto.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { signedSample } from '../support/sample-record.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const freshDb = tempLedgers('optin-fast-path');

/** A raw HTTP/1.1 POST, so a test can send a chunked body or break off mid-way. */
function rawPost(url: string, chunks: string[], headers: Record<string, string | number> = {}, abortAfter?: number) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    chunks.forEach((chunk, i) => {
      if (abortAfter !== undefined && i === abortAfter) {
        req.destroy();
        resolve({ status: 0, headers: {}, body: '' });
        return;
      }
      req.write(chunk);
    });
    if (abortAfter === undefined) req.end();
  });
}

describe('a record POST through the Node server', () => {
  it('takes records at the base path only, with or without a query', async () => {
    const server = await startConsentServer({ db: freshDb(), port: 0, basePath: '/api' });
    try {
      const record = await signedSample();
      const body = JSON.stringify(record);
      assert.equal((await rawPost(`${server.url}/consents`, [body])).status, 404);
      assert.equal((await rawPost(`${server.url}/api/consents`, [body])).status, 201);
      assert.equal((await rawPost(`${server.url}/api/consents?via=relay`, [body])).status, 200);
      assert.equal((await rawPost(`${server.url}/api/./consents`, [body])).status, 200, 'a path URL parsing normalises still reaches the route');
      assert.equal((await server.store.list()).length, 1);
    } finally {
      await server.close();
    }
  });

  it('answers a chunked body over the limit with 413 and closes the connection', async () => {
    const server = await startConsentServer({ db: freshDb(), port: 0, maxBodyBytes: 8 * 1024 });
    try {
      const answer = await rawPost(`${server.url}/consents`, Array(20).fill('x'.repeat(512)));
      assert.equal(answer.status, 413);
      assert.equal(answer.headers.connection, 'close');
      assert.equal((JSON.parse(answer.body) as { error: { code: string } }).error.code, 'body-too-large');
      assert.equal((await rawPost(`${server.url}/consents`, [JSON.stringify(await signedSample())])).status, 201, 'the server goes on');
    } finally {
      await server.close();
    }
  });

  it('survives a client that breaks off mid-body and stores nothing for it', async () => {
    const server = await startConsentServer({ db: freshDb(), port: 0 });
    try {
      const body = JSON.stringify(await signedSample());
      await rawPost(`${server.url}/consents`, [body.slice(0, 100), body.slice(100)], { 'Content-Length': body.length }, 1);
      assert.equal((await rawPost(`${server.url}/consents`, [JSON.stringify(await signedSample())])).status, 201);
      assert.equal((await server.store.list()).length, 1);
    } finally {
      await server.close();
    }
  });

  it('answers a Host header that is not a host with 4xx or 5xx on every route, and keeps running', async () => {
    const server = await startConsentServer({ db: freshDb(), port: 0 });
    try {
      const port = Number(new URL(server.url).port);
      const raw = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.write(request));
          let text = '';
          socket.on('data', (chunk) => (text += chunk));
          socket.on('close', () => resolve(text.split('\r\n')[0]));
          socket.on('error', reject);
        });
      for (const [method, path] of [
        ['GET', '/consents/nonce'],
        ['POST', '/consents'],
      ]) {
        const status = await raw(
          `${method} ${path} HTTP/1.1\r\nHost: a b\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        );
        assert.match(status, /^HTTP\/1\.1 [45]\d\d /, `${method} ${path}`);
      }
      assert.equal((await rawPost(`${server.url}/consents`, [JSON.stringify(await signedSample())])).status, 201);
    } finally {
      await server.close();
    }
  });

  it('gives the same answers as the Web path for the same requests', async () => {
    // Two receivers with their own files, the same configuration.
    const stores = [new SqliteConsentStore(freshDb()), new SqliteConsentStore(freshDb())];
    const [webHandler, plainHandler] = stores.map((store) => createConsentHandler({ store, allowedOrigins: ['https://shop.example'] }));
    // A wrapper is not registered for the plain path: it takes the Web path.
    const viaWeb = createServer(nodeListener((request, context) => webHandler(request, context)));
    const viaPlain = createServer(nodeListener(plainHandler));
    const listen = (server: ReturnType<typeof createServer>) =>
      new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
    const [webUrl, plainUrl] = await Promise.all([listen(viaWeb), listen(viaPlain)]);
    try {
      const record = await signedSample();
      const other = await signedSample({ id: record.id });
      const cases: Array<[string, string[], Record<string, string>]> = [
        ['new record', [JSON.stringify(record)], { Origin: 'https://shop.example' }],
        ['the same again', [JSON.stringify(record)], {}],
        ['another record under its id', [JSON.stringify(other)], {}],
        ['forbidden origin', [JSON.stringify(record)], { Origin: 'https://evil.example' }],
        ['own origin, spelt differently in Host', [JSON.stringify(await signedSample())], { Host: 'Receiver.Test:80', Origin: 'http://receiver.test' }],
        ['wrong type', [JSON.stringify(record)], { 'Content-Type': 'application/xml' }],
        ['not JSON', ['{"id":'], {}],
        ['key mismatch', [JSON.stringify(record)], { 'Idempotency-Key': 'another' }],
        ['tampered', [JSON.stringify({ ...record, channel: 'sms' })], {}],
      ];
      for (const [name, chunks, headers] of cases) {
        const plain = await rawPost(`${plainUrl}/consents`, chunks, headers);
        const web = await rawPost(`${webUrl}/consents`, chunks, headers);
        assert.equal(plain.status, web.status, name);
        if (name.startsWith('own origin')) assert.equal(plain.status, 201, name);
        // Receipts, times and the log's checkpoint differ between two receivers (two keys, two clocks).
        const withoutTimes = (text: string) => text.replace(/"(receipt|receivedAt)":"[^"]*"/g, '').replace(/"log":\{[^}]*\}/g, '');
        assert.equal(withoutTimes(plain.body), withoutTimes(web.body), name);
        for (const header of ['content-type', 'cache-control', 'access-control-allow-origin', 'vary']) {
          assert.equal(plain.headers[header], web.headers[header], `${name}: ${header}`);
        }
      }
    } finally {
      viaWeb.close();
      viaPlain.close();
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});

describe('verification with node:crypto', () => {
  it('is available on Node', () => {
    assert.ok(platformVerificationCrypto);
  });

  it('agrees with WebCrypto on good, tampered and malformed records', async () => {
    const record = await signedSample();
    const [header] = record.proof.jws.split('.');
    const jwk = JSON.parse(Buffer.from(header, 'base64url').toString()).jwk as { x: string; y: string };
    // The same x twice is not a point on P-256.
    const offCurveHeader = Buffer.from(JSON.stringify({ alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.x } })).toString('base64url');
    const candidates = [
      record,
      { ...record, channel: 'sms' },
      { ...record, proof: { jws: record.proof.jws.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) } },
      { ...record, proof: { jws: `${offCurveHeader}..${record.proof.jws.split('.')[2]}` } },
      { ...record, notice: { ...record.notice, sha256: '0'.repeat(64) } },
    ];
    for (const candidate of candidates) {
      const now = new Date();
      const web = await verifyConsentRecord(candidate, { now, crypto: webVerificationCrypto });
      const node = await verifyConsentRecord(candidate, { now, crypto: platformVerificationCrypto });
      assert.deepEqual(node, web);
    }
    const offCurve = await verifyConsentRecord(candidates[3], { crypto: platformVerificationCrypto });
    assert.equal(offCurve.ok, false);
    assert.deepEqual(!offCurve.ok && offCurve.errors.map((e) => e.code), ['jws-jwk-invalid']);
  });
});
