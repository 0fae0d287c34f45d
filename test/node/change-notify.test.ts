/**
 * `serve --notify URL` on the real `optin-elements serve` command (child processes on 127.0.0.1,
 * a real SQLite file and a real PostgreSQL database): a change reaches an endpoint that failed
 * three times while the receiver was killed and restarted in between, exactly once, in order,
 * with a signature the documented snippet verifies (and a forged one it refuses). On PostgreSQL,
 * two receivers on one database push each change once.
 */
import assert from 'node:assert/strict';
import { execFile as execFileCallback } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { startChangeNotifier } from '../../src/server/changes/change-notifier.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { type ReceiverJwks, verifyChangeNotification } from '../../examples/verify-change-notification.js';
import { startOptOutForwarder } from '../../examples/forward-opt-outs.js';
import { type ReceiverProcess, startReceiverProcess } from '../support/receiver-process.js';
import { type NotifyRequest, type NotifyTarget, startNotifyTarget } from '../support/notify-target.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';

const execFile = promisify(execFileCallback);
const CLI = ['--import', 'tsx', 'src/server/cli.ts'];
const FAST = ['--notify-retry-ms', '10', '--notify-poll-ms', '10'];
const offersOn = [
  { id: 'offers', label: 'Offers', granted: true },
  { id: 'order-updates', label: 'Order updates', granted: false },
];
const everythingOff = offersOn.map((c) => ({ ...c, granted: false }));

async function post(url: string, record: ConsentRecord): Promise<void> {
  const response = await fetch(`${url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
  assert.equal(response.status, 201, await response.text());
}

function serve(db: string, target: NotifyTarget): Promise<ReceiverProcess> {
  return startReceiverProcess(process.execPath, CLI, { serveArgs: ['--db', db, '--notify', target.url, ...FAST] });
}

/** Resolves once the receiver has written a line matching `pattern` to stderr. */
function stderrShows(receiver: ReceiverProcess, pattern: RegExp): Promise<void> {
  if (pattern.test(receiver.errors())) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = () => {
      if (!pattern.test(receiver.errors())) return;
      receiver.child.stderr!.off('data', listener);
      resolve();
    };
    receiver.child.stderr!.on('data', listener);
  });
}

const accepted = (requests: NotifyRequest[]) => requests.filter((r) => r.status >= 200 && r.status < 300);
const countsByKey = (requests: NotifyRequest[]) => {
  const counts = new Map<string, number>();
  for (const r of accepted(requests)) counts.set(r.key!, (counts.get(r.key!) ?? 0) + 1);
  return counts;
};
/** A detached JWS shaped like the receiver's, by a key that is not the receiver's. */
async function forgedSignature(body: string, header: { kid: string; url: string; id: string }): Promise<string> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const encodedHeader = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'optin-change+jws', ...header })).toString('base64url');
  const input = new TextEncoder().encode(`${encodedHeader}.${Buffer.from(body).toString('base64url')}`);
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, input);
  return `${encodedHeader}..${Buffer.from(signature).toString('base64url')}`;
}

const jwksOf = async (url: string) => (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as ReceiverJwks;

for (const kind of storeKinds('optin-change-notify')) {
  describe(`serve --notify (${kind.name})`, { skip: kind.skip }, () => {
    before(() => kind.setUp());
    after(() => kind.tearDown());

    it('delivers a change exactly once to an endpoint that failed three times while the receiver was killed and restarted, in order, verifiably signed', async () => {
      const ledger = await kind.freshLedger();
      const target = await startNotifyTarget();
      const first = await signedSample({ subject: { phone: '+4915123460001' }, categories: offersOn, capturedAt: new Date(Date.now() - 60_000) });
      const stop = await signedSample({ kind: 'opt-out', subject: { phone: '+4915123460001' }, categories: everythingOff });
      const later = await signedSample({ subject: { phone: '+4915123460002' }, categories: offersOn });
      let a: ReceiverProcess | undefined;
      let b: ReceiverProcess | undefined;
      try {
        a = await serve(ledger.location, target);
        const aExited = once(a.child, 'exit');
        let failures = 0;
        target.answer = (request) => {
          if (request.key === `record:${first.id}`) return 200;
          // The stop fails twice; at the second the receiver dies (SIGKILL) before it reads the answer.
          if (++failures === 2) process.kill(-a!.child.pid!, 'SIGKILL');
          return 500;
        };
        await post(a.url, first);
        await post(a.url, stop);
        await aExited;
        await target.down();

        b = await serve(ledger.location, target);
        // The third failure: the endpoint is down, the restarted receiver's connection is refused.
        await stderrShows(b, /ECONNREFUSED/);
        target.answer = () => 200;
        await target.up();
        await post(b.url, later);
        await target.waitFor((requests) => accepted(requests).some((r) => r.key === `record:${later.id}`));

        const keys = [first, stop, later].map((r) => `record:${r.id}`);
        assert.deepEqual(
          accepted(target.requests).map((r) => r.key),
          keys,
          'each change accepted once, in ledger order',
        );
        assert.deepEqual([...countsByKey(target.requests).values()], [1, 1, 1]);
        assert.deepEqual(
          target.requests.map((r) => [r.key, r.status]),
          [
            [keys[0], 200],
            [keys[1], 500],
            [keys[1], 500],
            [keys[1], 200],
            [keys[2], 200],
          ],
          'no request beyond the failed ones and one acceptance each (the restart did not resend the first change)',
        );

        const jwks = await jwksOf(b.url);
        for (const request of accepted(target.requests)) {
          const check = await verifyChangeNotification(request.body, { signature: request.signature, idempotencyKey: request.key }, jwks, target.url);
          assert.ok(check.ok, `${request.key}: ${check.ok ? '' : check.reason}`);
          assert.equal(check.event.id, request.key);
        }
        const stopEvent = target.requests[3];
        const checked = await verifyChangeNotification(stopEvent.body, { signature: stopEvent.signature, idempotencyKey: stopEvent.key }, jwks, target.url);
        assert.ok(checked.ok);
        assert.equal(checked.event.kind, 'opt-out');
        assert.deepEqual(checked.event.subject, { phone: '+4915123460001' });
        assert.deepEqual(checked.event.categories.at(-1), { id: 'all', granted: false });
      } finally {
        await Promise.all([a?.stop(), b?.stop()]);
        await target.close().catch(() => undefined);
      }
    });

    if (kind.name === 'PostgreSQL') {
      it('pushes each change once when two receivers on one database both notify the same URL', async () => {
        const ledger = await kind.freshLedger();
        const target = await startNotifyTarget();
        let receivers: ReceiverProcess[] = [];
        try {
          receivers = await Promise.all([serve(ledger.location, target), serve(ledger.location, target)]);
          const records = await Promise.all(
            Array.from({ length: 8 }, (_, i) => signedSample({ subject: { phone: `+49151234610${String(i).padStart(2, '0')}` }, categories: offersOn })),
          );
          // Stored through both receivers at once.
          await Promise.all(records.map((record, i) => post(receivers[i % 2].url, record)));
          await target.waitFor((requests) => records.every((r) => requests.some((q) => q.key === `record:${r.id}`)));
          // One more change, pushed after all of them: any second push of the eight would have come before it.
          const last = await signedSample({ subject: { phone: '+4915123461099' }, categories: offersOn });
          await post(receivers[0].url, last);
          await target.waitFor((requests) => requests.some((q) => q.key === `record:${last.id}`));
          assert.equal(target.requests.length, records.length + 1, `pushes: ${target.requests.map((r) => r.key).join(', ')}`);
          assert.deepEqual([...countsByKey(target.requests).values()], Array(records.length + 1).fill(1));
          const cursors = target.requests.map((r) => Number(JSON.parse(new TextDecoder().decode(r.body)).cursor));
          assert.deepEqual(
            cursors,
            [...cursors].sort((x, y) => x - y),
            'in ledger order',
          );
        } finally {
          await Promise.all(receivers.map((r) => r.stop()));
          await target.close().catch(() => undefined);
        }
      });
    }
  });
}

describe('the signature snippet (examples/verify-change-notification.ts)', () => {
  let server: RunningConsentServer;
  let target: NotifyTarget;
  let request: NotifyRequest;
  let jwks: ReceiverJwks;

  before(async () => {
    target = await startNotifyTarget();
    server = await startConsentServer({
      db: ':memory:',
      port: 0,
      verificationThread: false,
      notify: [{ url: target.url, pollIntervalMs: 10, retryDelayMs: 10 }],
    });
    const stop = await signedSample({ kind: 'opt-out', subject: { phone: '+4915123460009' }, categories: everythingOff });
    await post(server.url, stop);
    await target.waitFor((requests) => requests.length > 0);
    request = target.requests[0];
    jwks = await jwksOf(server.url);
  });
  after(async () => {
    await server?.close();
    await target?.close();
  });

  const check = (overrides: { body?: Uint8Array; signature?: string | null; key?: string | null; jwks?: ReceiverJwks; url?: string }) =>
    verifyChangeNotification(
      overrides.body ?? request.body,
      {
        signature: overrides.signature === undefined ? request.signature : overrides.signature,
        idempotencyKey: overrides.key === undefined ? request.key : overrides.key,
      },
      overrides.jwks ?? jwks,
      overrides.url ?? target.url,
    );

  it('accepts the notification as sent', async () => {
    assert.deepEqual(await check({}).then((c) => c.ok), true);
  });

  it('refuses a changed body, another endpoint, another event id, another key and a missing signature', async () => {
    const tampered = new TextEncoder().encode(new TextDecoder().decode(request.body).replace('"opt-out"', '"opt-in"'));
    assert.notDeepEqual(tampered, request.body);
    const otherKey = await crypto.subtle.exportKey(
      'jwk',
      (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])).publicKey,
    );
    const impostor: ReceiverJwks = { keys: [{ ...otherKey, kid: jwks.keys[0].kid } as ReceiverJwks['keys'][number]] };
    const outcomes = {
      body: await check({ body: tampered }),
      url: await check({ url: `${target.url}-elsewhere` }),
      key: await check({ key: 'record:someone-else' }),
      jwks: await check({ jwks: impostor }),
      missing: await check({ signature: null }),
    };
    for (const [what, outcome] of Object.entries(outcomes)) assert.equal(outcome.ok, false, `${what} must be refused`);
    assert.deepEqual(Object.fromEntries(Object.entries(outcomes).map(([what, outcome]) => [what, outcome.ok ? '' : outcome.reason])), {
      body: 'the signature does not match the body',
      url: `signed for ${target.url}, not for this endpoint`,
      key: 'the Idempotency-Key is not the signed event id',
      jwks: 'the signature does not match the body',
      missing: 'no detached JWS in Optin-Signature',
    });
  });
});

describe('the forward-opt-outs recipe (examples/forward-opt-outs.ts)', () => {
  it("forwards each stop to the BSP's suppression list once it verified it, retrying while the BSP fails, and refuses a forged push", async () => {
    const bsp = await startNotifyTarget('/suppressions');
    // The BSP fails its first request: the stop must still arrive, through the receiver's retry.
    let bspRequests = 0;
    bsp.answer = () => (bspRequests++ === 0 ? 503 : 201);
    const server = await startConsentServer({ db: ':memory:', port: 0, verificationThread: false });
    const forwarder = await startOptOutForwarder({ jwksUrl: `${server.url}/.well-known/jwks.json`, suppressionUrl: bsp.url });
    // The library's notifier beside a running receiver: what serve --notify starts.
    const notifier = startChangeNotifier(server.store, () => loadReceiverKey(server.store), {
      url: forwarder.url,
      retryDelayMs: 10,
      pollIntervalMs: 10,
      onAttempt: () => undefined,
    });
    try {
      await post(server.url, await signedSample({ subject: { phone: '+4915123460101' }, categories: offersOn, capturedAt: new Date(Date.now() - 60_000) }));
      await post(server.url, await signedSample({ kind: 'opt-out', subject: { phone: '+4915123460101' }, categories: everythingOff }));
      await post(server.url, await signedSample({ subject: { phone: '+4915123460102' }, categories: offersOn, capturedAt: new Date(Date.now() - 60_000) }));
      await post(
        server.url,
        await signedSample({ kind: 'preferences', subject: { phone: '+4915123460102' }, categories: [{ id: 'offers', label: 'Offers', granted: false }] }),
      );
      await bsp.waitFor((requests) => accepted(requests).length === 2);
      const suppressed = accepted(bsp.requests).map(
        (r) => JSON.parse(new TextDecoder().decode(r.body)) as { phones: string[]; bsuids: string[]; categories: string[]; reason: string },
      );
      assert.deepEqual(
        suppressed.map(({ phones, bsuids, categories, reason }) => ({ phones, bsuids, categories, reason })),
        [
          { phones: ['+4915123460101'], bsuids: [], categories: ['offers', 'order-updates', 'all'], reason: 'opt-out' },
          { phones: ['+4915123460102'], bsuids: [], categories: ['offers'], reason: 'preferences' },
        ],
        'the stops, not the opt-ins',
      );
      assert.equal(bsp.requests[0].status, 503);
      assert.equal(bsp.requests[0].key, bsp.requests[1].key, 'the stop the BSP refused came again under the same key');

      // Well formed, naming the receiver's key id, but signed by someone else's key.
      const kid = (await jwksOf(server.url)).keys[0].kid!;
      const body = JSON.stringify({ id: 'record:forged', kind: 'opt-out', subject: { phone: '+4915123460103' }, categories: [{ id: 'all', granted: false }] });
      const forged = await fetch(forwarder.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': 'record:forged',
          'Optin-Signature': await forgedSignature(body, { kid, url: forwarder.url, id: 'record:forged' }),
        },
        body,
      });
      assert.equal(forged.status, 401);
      assert.equal(bsp.requests.length, 3, 'a forged push never reaches the BSP');
    } finally {
      await notifier.stop();
      await forwarder.close();
      await server.close();
      await bsp.close();
    }
  });
});

describe('serve --notify with a URL that is not http(s)', () => {
  it('refuses to start, naming the flag', async () => {
    const outcome = await execFile(process.execPath, [...CLI, 'serve', '--port', '0', '--db', ':memory:', '--notify', 'ftp://bsp.example/hook']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /--notify takes an http:\/\/ or https:\/\/ URL, got the scheme "ftp:"/);
    await assert.rejects(startConsentServer({ db: ':memory:', port: 0, notify: ['mailto:ops@shop.example'] }), /--notify takes an http:\/\/ or https:\/\/ URL/);
  });
});
