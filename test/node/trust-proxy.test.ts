/**
 * Behind a proxy every request comes from the proxy's address. The receiver believes
 * `X-Forwarded-For` only when told which proxies to trust (`serve --trust-proxy`), and then only
 * the hops those proxies added: a client's own, spoofed entries never pick its budget.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clientAddressOf, parseTrustProxy, type TrustProxy, trustProxyCheck } from '../../src/server/client-address.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';

const ADMIN = 'b'.repeat(40);

describe('the client address', () => {
  const none = trustProxyCheck(undefined);
  it("is the socket's peer by default, whatever X-Forwarded-For says", () => {
    assert.equal(clientAddressOf('10.0.0.5', '203.0.113.7', none), '10.0.0.5');
    assert.equal(clientAddressOf('::ffff:10.0.0.5', undefined, none), '10.0.0.5');
  });

  it('behind one trusted proxy, is the hop that proxy added, not what the client wrote before it', () => {
    const one = trustProxyCheck(1);
    assert.equal(clientAddressOf('10.0.0.5', '203.0.113.7', one), '203.0.113.7');
    assert.equal(clientAddressOf('10.0.0.5', '198.51.100.66, 203.0.113.7', one), '203.0.113.7');
    assert.equal(clientAddressOf('10.0.0.5', ['198.51.100.66', '203.0.113.7'], one), '203.0.113.7');
    assert.equal(clientAddressOf('10.0.0.5', undefined, one), '10.0.0.5');
  });

  it('with trusted ranges, skips every trusted hop from the right and stops at the first untrusted one', () => {
    const ranges = trustProxyCheck(parseTrustProxy('10.0.0.0/8, fd00::/8'));
    assert.equal(clientAddressOf('10.0.0.5', '198.51.100.66, 203.0.113.7, 10.1.2.3', ranges), '203.0.113.7');
    assert.equal(clientAddressOf('fd00::1', '2001:db8::7', ranges), '2001:db8::7');
    // A peer outside the ranges is not a proxy: its header is not believed.
    assert.equal(clientAddressOf('192.0.2.9', '203.0.113.7', ranges), '192.0.2.9');
    // Garbage where an address should be: the last hop a trusted proxy vouched for stays.
    assert.equal(clientAddressOf('10.0.0.5', 'not-an-address, 10.9.9.9', ranges), '10.9.9.9');
  });

  it('refuses a --trust-proxy value that is neither a number nor addresses', () => {
    assert.deepEqual(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('127.0.0.1,::1'), ['127.0.0.1', '::1']);
    assert.throws(() => parseTrustProxy('proxy.example'), /"proxy.example" is not an IP address or CIDR range/);
    assert.throws(() => parseTrustProxy('10.0.0.0/33'), /not an IP address or CIDR range/);
  });
});

describe('X-Forwarded-For at a real receiver', () => {
  let dir: string;
  const servers: RunningConsentServer[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'optin-trust-proxy-'));
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function receiver(trustProxy?: TrustProxy): Promise<RunningConsentServer> {
    const server = await startConsentServer({
      db: join(dir, `ledger-${servers.length}.db`),
      port: 0,
      adminToken: ADMIN,
      rateLimits: { perClient: { burst: 2, perMinute: 1 } },
      ...(trustProxy !== undefined ? { trustProxy } : {}),
    });
    servers.push(server);
    return server;
  }

  const nonce = (server: RunningConsentServer, forwardedFor: string) =>
    fetch(`${server.url}/consents/nonce`, { headers: { 'X-Forwarded-For': forwardedFor } }).then((r) => r.status);
  const audit = (server: RunningConsentServer, token: string, forwardedFor: string) =>
    fetch(`${server.url}/audit/subject?phone=%2B4915123456789`, { headers: { Authorization: `Bearer ${token}`, 'X-Forwarded-For': forwardedFor } }).then(
      (r) => r.status,
    );

  it('ignores a spoofed X-Forwarded-For by default: a new value each time buys no new budget', async () => {
    const server = await receiver();
    assert.deepEqual([await nonce(server, '203.0.113.1'), await nonce(server, '203.0.113.2'), await nonce(server, '203.0.113.3')], [200, 200, 429]);
  });

  it('behind a configured proxy, gives each forwarded client its own budget', async () => {
    const server = await receiver(['127.0.0.1', '::1']);
    assert.deepEqual([await nonce(server, '203.0.113.1'), await nonce(server, '203.0.113.2'), await nonce(server, '203.0.113.3')], [200, 200, 200]);
    assert.deepEqual([await nonce(server, '198.51.100.9, 203.0.113.1'), await nonce(server, '203.0.113.1')], [200, 429]);
  });

  it("locks out the address that guessed admin tokens: by default the socket's peer, behind a proxy the forwarded client", async () => {
    const plain = await receiver();
    for (let i = 0; i < 6; i++) assert.equal(await audit(plain, 'wrong-token'.padEnd(40, 'x'), '203.0.113.1'), 401);
    assert.equal(await audit(plain, ADMIN, '203.0.113.99'), 429, 'a spoofed header does not escape the lock-out');

    const proxied = await receiver(1);
    for (let i = 0; i < 6; i++) assert.equal(await audit(proxied, 'wrong-token'.padEnd(40, 'x'), '203.0.113.1'), 401);
    assert.equal(await audit(proxied, ADMIN, '203.0.113.99'), 200, 'another client behind the same proxy is not locked out');
    assert.equal(await audit(proxied, ADMIN, '203.0.113.1'), 429);
  });
});

/** Runs `optin-elements` from source; a receiver that starts is stopped and reported as `started`. */
function cli(args: string[]): Promise<{ code: number | null | 'started'; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let started = false;
  child.stderr.on('data', (chunk) => (err += chunk));
  child.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('receiver on')) {
      started = true;
      child.kill();
    }
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code: started ? 'started' : code, err })));
}

describe('serve --trust-proxy', () => {
  it('starts with a number of proxies or their ranges, and exits 2 naming a value that is neither', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'optin-trust-proxy-cli-'));
    try {
      const db = join(dir, 'consents.db');
      assert.equal((await cli(['serve', '--port', '0', '--db', db, '--trust-proxy', '1'])).code, 'started');
      assert.equal((await cli(['serve', '--port', '0', '--db', db, '--trust-proxy', '10.0.0.0/8,fd00::/8'])).code, 'started');
      const bad = await cli(['serve', '--port', '0', '--db', db, '--trust-proxy', 'proxy.example']);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--trust-proxy: "proxy.example" is not an IP address or CIDR range/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
