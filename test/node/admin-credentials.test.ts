/** Admin credentials: a short token refuses to start; wrong tokens from one address are slowed, and nothing else is. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { clientKey } from '../../src/server/admin-auth-throttle.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import { webhookSignature } from '../../src/server/whatsapp-webhook-signature.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { signedSample } from '../support/sample-record.js';
import { tempLedgers } from '../support/temp-ledgers.js';

const freshDb = tempLedgers('optin-admin-credentials');
const ADMIN = 'f3c1a9e07b4d2c58a6e91b3d7f20c4e8';
const APP_SECRET = 'app-secret';

/** Runs `optin-elements` from source; a receiver that starts anyway is stopped and reported as `started`. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null | 'started'; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
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

/** A receiver on a real SQLite file with a clock the test moves, so waiting out a lock-out takes no real time. */
function receiver() {
  const store = new SqliteConsentStore(freshDb());
  let clock = Date.now();
  const handler = createConsentHandler({ store, adminToken: ADMIN, whatsapp: { appSecret: APP_SECRET }, now: () => new Date(clock) });
  const call = (path: string, init: RequestInit, clientAddress: string) => handler(new Request(`http://receiver.test${path}`, init), { clientAddress });
  const admin = (token: string, clientAddress: string) => call('/audit/ledger', { headers: { Authorization: `Bearer ${token}` } }, clientAddress);
  return { store, call, admin, advance: (seconds: number) => (clock += seconds * 1000) };
}

describe('the admin token', () => {
  it('is refused at start when shorter than 32 characters, with how to make one', () => {
    const store = new SqliteConsentStore(freshDb());
    try {
      assert.throws(() => createConsentHandler({ store, adminToken: 'a'.repeat(31) }), /at least 32 characters.*openssl rand -hex 32/);
      assert.doesNotThrow(() => createConsentHandler({ store, adminToken: 'a'.repeat(32) }));
    } finally {
      void store.close();
    }
  });

  it('makes `serve` exit 2 with the way to make one, from the flag and from the environment', async () => {
    const db = freshDb();
    const flag = await cli(['serve', '--port', '0', '--db', db, '--admin-token', 'secret']);
    assert.equal(flag.code, 2);
    assert.match(flag.err, /at least 32 characters \(this one has 6\).*openssl rand -hex 32/);
    const env = await cli(['serve', '--port', '0', '--db', db], { OPTIN_ADMIN_TOKEN: 'short-token' });
    assert.equal(env.code, 2);
    assert.match(env.err, /OPTIN_ADMIN_TOKEN.*at least 32 characters/);
  });
});

describe('failed admin authentications', () => {
  it('answers 200 wrong tokens in a row from one address with a few 401s, then 429 and Retry-After', async () => {
    const r = receiver();
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const response = await r.admin(`wrong-token-${i}-0123456789abcdef0123`, '198.51.100.7');
      statuses.push(response.status);
      if (response.status === 429) {
        assert.ok(Number(response.headers.get('Retry-After')) >= 1);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'admin-auth-throttled');
      }
    }
    assert.deepEqual(statuses.slice(0, 6), [401, 401, 401, 401, 401, 401]);
    assert.ok(
      statuses.slice(6).every((s) => s === 429),
      'every guess after the sixth is refused unread',
    );
    await r.store.close();
  });

  it('doubles the wait of a guesser who waits as told: 100 guesses take the guesser more than a day', async () => {
    const r = receiver();
    let compared = 0;
    let waited = 0;
    const waits: number[] = [];
    while (compared < 100) {
      const response = await r.admin(`wrong-token-${compared}-0123456789abcdef0123`, '198.51.100.12');
      if (response.status === 401) compared += 1;
      else {
        assert.equal(response.status, 429);
        const wait = Number(response.headers.get('Retry-After'));
        waits.push(wait);
        waited += wait;
        r.advance(wait);
      }
    }
    assert.deepEqual(waits.slice(0, 5), [1, 2, 4, 8, 16]);
    assert.equal(Math.max(...waits), 900, 'the wait is capped at 15 minutes');
    assert.ok(waited > 20 * 3600, `100 guesses cost ${Math.round(waited / 3600)} h of waiting`);
    await r.store.close();
  });

  it('answers 429 to the right token too while locked out, then lets it in and starts again from zero', async () => {
    const r = receiver();
    for (let i = 0; i < 6; i++) await r.admin(`guess-${i}`.padEnd(40, 'x'), '198.51.100.8');
    const locked = await r.admin(ADMIN, '198.51.100.8');
    assert.equal(locked.status, 429, 'no answer while locked tells whether a guess was right');
    r.advance(Number(locked.headers.get('Retry-After')));
    assert.equal((await r.admin(ADMIN, '198.51.100.8')).status, 200);
    assert.equal((await r.admin('one-more-wrong-guess'.padEnd(40, 'y'), '198.51.100.8')).status, 401, 'the count started again');
    await r.store.close();
  });

  it('does not slow other addresses, or a request without any token', async () => {
    const r = receiver();
    for (let i = 0; i < 20; i++) await r.admin(`guess-${i}`.padEnd(40, 'x'), '198.51.100.9');
    assert.equal((await r.admin(ADMIN, '203.0.113.5')).status, 200);
    const r2 = receiver();
    for (let i = 0; i < 20; i++) assert.equal((await r2.call('/audit/ledger', {}, '198.51.100.10')).status, 401);
    assert.equal((await r2.admin(ADMIN, '198.51.100.10')).status, 200);
    await r.store.close();
    await r2.store.close();
  });

  it('never slows the person-facing routes of a locked-out address', async () => {
    const r = receiver();
    const address = '198.51.100.11';
    for (let i = 0; i < 20; i++) await r.admin(`guess-${i}`.padEnd(40, 'x'), address);
    assert.equal((await r.admin(ADMIN, address)).status, 429);
    const record = await signedSample({ subject: { phone: '+4915123450001' } });
    const posted = await r.call('/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) }, address);
    assert.equal(posted.status, 201);
    const optOut = await signedSample({
      kind: 'opt-out',
      subject: { phone: '+4915123450001' },
      categories: [{ id: 'offers', label: 'Offers', granted: false }],
    });
    assert.equal(
      (await r.call('/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(optOut) }, address)).status,
      201,
    );
    assert.equal((await r.call('/consents/nonce', {}, address)).status, 200);
    assert.equal(
      (await r.call('/preferences', { headers: { Authorization: 'Bearer not-a-token' } }, address)).status,
      401,
      'a preference token is judged, not throttled',
    );
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const webhook = await r.call(
      '/webhooks/whatsapp',
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await webhookSignature(APP_SECRET, body) }, body },
      address,
    );
    assert.equal(webhook.status, 200);
    await r.store.close();
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    assert.equal(clientKey('2001:db8:1:2::5'), clientKey('2001:db8:1:2:ffff:1:2:3'));
    assert.notEqual(clientKey('2001:db8:1:2::5'), clientKey('2001:db8:1:3::5'));
    assert.equal(clientKey('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(clientKey('2001:0db8:0001:0002:0:0:0:1'), clientKey('2001:db8:1:2::1'));
  });
});
