/**
 * Slow and malformed requests over real sockets on 127.0.0.1: a dripping body or header is cut
 * at the read deadline with 408, and a malformed Host or request target answers 400 on every
 * route, with no stack trace, never a 5xx.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { rawRequest } from '../support/raw-http.js';
import { signedSample } from '../support/sample-record.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const freshDb = tempLedgers('optin-slow-malformed');
const ADMIN = 'slow-and-malformed-admin-token-0123456789abcdef';

let server: RunningConsentServer;
let record: string;

before(async () => {
  server = await startConsentServer({
    db: freshDb(),
    port: 0,
    verificationThread: false,
    adminToken: ADMIN,
    whatsapp: { appSecret: 'app-secret' },
    allowedOrigins: ['https://shop.example'],
    // Short deadlines keep the test short; the default is 30 s.
    requestTimeoutMs: 1500,
    headersTimeoutMs: 1000,
  });
  record = JSON.stringify(await signedSample());
});
after(() => server.close());

const post = (target: string, host: string, body: string, extra = '') =>
  `POST ${target} HTTP/1.1\r\nHost: ${host}\r\n${extra}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, /\n\s+at |Error:|node:internal/, 'no stack trace in the answer');
}

describe('read deadlines', () => {
  it('answers 408 and closes the socket of a body that drips one byte at a time', async () => {
    const body = 'x'.repeat(200);
    const head = `POST /consents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answer = await rawRequest(server.url, head, { drip: body, dripEveryMs: 50 });
    assert.equal(answer.status, 408, answer.text);
    assert.equal(answer.body?.error?.code, 'request-timeout');
    assert.match(answer.text, /\r\nConnection: close\r\n/i);
    assert.ok(answer.bytesSent < head.length + body.length, 'cut before the body was complete');
  });

  it('answers 408 to headers that never end', async () => {
    const drip = 'X-Slow: ' + 'a'.repeat(200);
    const answer = await rawRequest(server.url, 'GET /consents/nonce HTTP/1.1\r\nHost: 127.0.0.1\r\n', { drip, dripEveryMs: 50 });
    assert.equal(answer.status, 408, answer.text);
    assert.ok(answer.bytesSent < 40 + drip.length);
  });

  it('cuts a dripping webhook delivery and admin request the same way', async () => {
    for (const target of ['/webhooks/whatsapp', '/inbound-messages']) {
      const body = '{"entry":[]}'.padEnd(200, ' ');
      const head = `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      const answer = await rawRequest(server.url, head, { drip: body, dripEveryMs: 50 });
      assert.equal(answer.status, 408, `${target}: ${answer.text}`);
    }
  });

  it('still answers a request sent in time', async () => {
    const answer = await rawRequest(server.url, post('/consents', '127.0.0.1', record));
    assert.ok(answer.status === 201 || answer.status === 200, answer.text);
  });
});

describe('malformed Host and request targets', () => {
  const hosts = ['[::1', 'a b', 'shop .example', 'host:99999', 'a/b', 'user@host', '-bad-', '[::1]x', 'exa%6dple.com', '1.2.3.4.5'];
  const routes: Array<[string, string]> = [
    ['POST', '/consents'],
    ['OPTIONS', '/consents'],
    ['GET', '/consents/nonce'],
    ['GET', '/.well-known/jwks.json'],
    ['GET', '/preferences'],
    ['GET', '/audit/ledger'],
    ['POST', '/webhooks/whatsapp'],
    ['GET', '/no-such-route'],
  ];

  it('answers 400 on every route to a Host no URL can be made of, with or without Origin', async () => {
    for (const host of hosts) {
      for (const [method, path] of routes) {
        for (const origin of ['', 'Origin: https://shop.example\r\n']) {
          const head =
            method === 'POST'
              ? post(path, host, record, `${origin}Authorization: Bearer ${ADMIN}\r\n`)
              : `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n${origin}Authorization: Bearer ${ADMIN}\r\n\r\n`;
          const answer = await rawRequest(server.url, head);
          assert.equal(answer.status, 400, `${method} ${path} Host: ${JSON.stringify(host)} ${origin.trim()}: ${answer.text}`);
          assert.equal(answer.body?.error?.code, 'bad-request');
          assertNoStackTrace(answer.text);
        }
      }
    }
  });

  it('accepts the hosts people really use', async () => {
    const { port } = new URL(server.url);
    for (const host of ['127.0.0.1', `127.0.0.1:${port}`, 'localhost', 'shop.example', 'SHOP.Example.', '[::1]', `[::1]:${port}`, 'my_host.internal']) {
      const answer = await rawRequest(server.url, `GET /consents/nonce HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
      assert.equal(answer.status, 200, `Host: ${host}: ${answer.text}`);
    }
  });

  it('reads a target starting with // as a path, never as another host', async () => {
    // new URL('//evil.example/consents', base) would take evil.example for the host, and with it
    // for the receiver's own origin, which CORS always allows.
    const answer = await rawRequest(server.url, post('//evil.example/consents', '127.0.0.1', record, 'Origin: http://evil.example\r\n'));
    assert.equal(answer.status, 403, answer.text);
    const plain = await rawRequest(server.url, post('//evil.example/consents', '127.0.0.1', record));
    assert.equal(plain.status, 404, plain.text);
  });

  it('answers 400 to request targets that are not a path or an absolute URL', async () => {
    for (const target of ['*', 'consents', 'http://[::1/consents', 'http://a b/consents', 'ftp://x/consents']) {
      const answer = await rawRequest(server.url, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      assert.equal(answer.status, 400, `${target}: ${answer.text}`);
      assertNoStackTrace(answer.text);
    }
  });

  it("answers what HTTP itself refuses in the receiver's error shape, and closes", async () => {
    for (const head of [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ]) {
      const answer = await rawRequest(server.url, head);
      assert.ok(answer.status === 400 || answer.status === 431, answer.text);
      assert.match(answer.body?.error?.code ?? '', /^(bad-request|headers-too-large)$/);
      assertNoStackTrace(answer.text);
    }
  });
});
