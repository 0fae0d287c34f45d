/**
 * A verified WhatsApp delivery is journalled as received, then each message is processed on its
 * own: one malformed message never costs the STOP beside it, and a crash between journal and
 * ledger leaves the entry to be processed again, exactly once.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ConsentStore } from '../../src/server/consent-store.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import { isPostgresUrl, openConsentStore } from '../../src/server/open-consent-store.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { loadSubjectState } from '../../src/server/subject-state.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { deliveryUnits } from '../../src/server/whatsapp-delivery-units.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';
import { tempLedgers } from '../support/temp-ledgers.js';
import { signedDelivery, whatsappDelivery } from '../support/whatsapp-delivery.js';

const freshDb = tempLedgers('optin-webhook-journal');
const APP_SECRET = 'journal-test-app-secret';

type Result = { messageId?: string; action: string; recordId?: string; created?: boolean; reason?: string };
type Answer = { status: number; body: { received?: number; results?: Result[]; error?: { code: string; message: string } } };

async function deliver(url: string, payload: unknown): Promise<Answer> {
  const { body, headers } = await signedDelivery(payload, APP_SECRET);
  try {
    const response = await fetch(`${url}/webhooks/whatsapp`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  } catch {
    return { status: 0, body: {} };
  }
}

/** Rows of the ledger made from this inbound message id, read from the database itself (a SQLite file or a PostgreSQL URL). */
async function inboundRows(location: string, messageId: string): Promise<number> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM optin_ledger WHERE ((record_json::jsonb) #>> '{inbound,messageId}') = $1",
        [messageId],
      );
      return rows[0].n;
    } finally {
      await client.end();
    }
  }
  const db = new Database(location, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM ledger WHERE json_extract(record_json, '$.inbound.messageId') = ?").get(messageId) as { n: number }).n;
  } finally {
    db.close();
  }
}

const stopAndBadNeighbour = (phoneDigits: string, stopId: string, badId: string) => {
  const delivery = whatsappDelivery([{ id: stopId, from: phoneDigits, text: 'STOP' }]);
  // A message whose id is not a string: unreadable as WhatsApp describes a message.
  (delivery.entry[0].changes[0].value.messages as unknown[]).unshift({ id: { wamid: badId }, from: '4915199990000', type: 'text', text: { body: 'hello' } });
  return delivery;
};

describe('a delivery with one malformed message', () => {
  it('rejects each kind of malformed message alone, and stores a STOP with an unreadable timestamp dated when it arrived', async () => {
    const store = new SqliteConsentStore(freshDb());
    const handler = createConsentHandler({ store, whatsapp: { appSecret: APP_SECRET } });
    const payload = whatsappDelivery([
      { id: 'wamid.NEG', from: '4915199990001', text: 'STOP', timestamp: '-5' },
      { id: 'wamid.FLOAT', from: '4915199990002', text: 'STOP', timestamp: '1.5e300' },
      { id: 'wamid.OBJ', from: '4915199990003', text: 'STOP', timestamp: { $gt: 1 } },
      { id: 'wamid.HUGE', from: '4915199990005', text: 'STOP', timestamp: '99999999999999999' },
      { id: 'wamid.STOP-2', from: '4915123450021', text: 'stop' },
    ]);
    (payload.entry[0].changes[0].value.messages as unknown[]).push('not an object', { id: 42, from: '4915199990004', text: { body: 'x' } });
    const before = Date.now();
    const { body, headers } = await signedDelivery(payload, APP_SECRET);
    const response = await handler(new Request('http://receiver.test/webhooks/whatsapp', { method: 'POST', headers, body }));
    assert.equal(response.status, 200);
    const results = ((await response.json()) as { results: Result[] }).results;
    assert.deepEqual(
      results.map((r) => r.action),
      ['opted-out', 'opted-out', 'opted-out', 'opted-out', 'opted-out', 'rejected', 'rejected'],
    );
    for (const entry of await store.list()) {
      const at = Date.parse(entry.record.capturedAt);
      assert.ok(at >= before - 1000 && at <= Date.now(), `${entry.record.capturedAt} is when the STOP arrived`);
    }
    await store.close();
  });

  it('rejects a message nested too deep to write out, and still stores the STOP beside it', async () => {
    const store = new SqliteConsentStore(freshDb());
    const handler = createConsentHandler({ store, whatsapp: { appSecret: APP_SECRET } });
    // Built as text: 20 000 levels is past what JSON.stringify can write back (found while fuzzing).
    const body = JSON.stringify(whatsappDelivery([{ id: 'wamid.STOP-5', from: '4915123450023', text: 'STOP' }])).replace(
      '"messages":[',
      `"messages":[${'['.repeat(20_000)}${']'.repeat(20_000)},`,
    );
    const { headers } = await signedDelivery(body, APP_SECRET);
    const response = await handler(new Request('http://receiver.test/webhooks/whatsapp', { method: 'POST', headers, body }));
    assert.equal(response.status, 200);
    assert.deepEqual(
      ((await response.json()) as { results: Result[] }).results.map((r) => r.action),
      ['rejected', 'opted-out'],
    );
    assert.equal((await store.listPendingDeliveries()).length, 0);
    await store.close();
  });
});

// The journal's core cases, on every store: SQLite, and a real PostgreSQL server (skipped, with the reason, where it is not installed).
for (const kind of storeKinds('optin-webhook-journal-store')) {
  describe(`the inbound journal in the ${kind.name} store`, { skip: kind.skip }, () => {
    before(() => kind.setUp());
    after(() => kind.tearDown());

    it('stores the STOP beside a malformed message, rejects that one with its reason, and answers 200', async () => {
      const file = (await kind.freshLedger()).location;
      const server = await startConsentServer({ db: file, port: 0, verificationThread: false, whatsapp: { appSecret: APP_SECRET } });
      try {
        const subject = { phone: '+4915123450020' };
        const optIn = await signedSample({ subject });
        const posted = await fetch(`${server.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(optIn) });
        assert.equal(posted.status, 201);

        const delivery = stopAndBadNeighbour('4915123450020', 'wamid.STOP-1', 'wamid.BAD-1');
        const first = await deliver(server.url, delivery);
        assert.equal(first.status, 200, JSON.stringify(first.body));
        const [bad, stop] = first.body.results!;
        assert.equal(bad.action, 'rejected');
        assert.match(bad.reason!, /message id/);
        assert.equal(stop.action, 'opted-out');
        assert.equal(stop.created, true);

        const state = await loadSubjectState(server.store, subject, (await loadReceiverKey(server.store)).publicJwk.kid);
        assert.ok(
          state.categories.every((c) => !c.granted),
          'the STOP is effective',
        );

        const again = await deliver(server.url, delivery);
        assert.equal(again.status, 200, 'redelivered by Meta: the same answer');
        assert.deepEqual(
          again.body.results!.map((r) => [r.messageId, r.action, r.recordId]),
          first.body.results!.map((r) => [r.messageId, r.action, r.recordId]),
        );
        assert.equal(again.body.results![1].created, false);
        assert.equal(await inboundRows(file, 'wamid.STOP-1'), 1);
        assert.ok((await verifyLedger(server.store)).ok);
      } finally {
        await server.close();
      }
    });
    it('answers 500 for a message that failed inside the receiver, and the redelivery stores it once', async () => {
      const store = await (await kind.freshLedger()).open();
      const append = store.append.bind(store);
      let failures = 1;
      // The disk is full for one moment: not the client's fault.
      store.append = (entry) => (entry.record.inbound && failures-- > 0 ? Promise.reject(new Error('SQLITE_FULL')) : append(entry));
      const handler = createConsentHandler({ store, whatsapp: { appSecret: APP_SECRET } });
      const { body, headers } = await signedDelivery(whatsappDelivery([{ id: 'wamid.STOP-3', from: '4915123450022', text: 'STOP' }]), APP_SECRET);
      const post = () => handler(new Request('http://receiver.test/webhooks/whatsapp', { method: 'POST', headers, body }));
      const first = await post();
      assert.equal(first.status, 500);
      assert.doesNotMatch(await first.text(), /SQLITE_FULL|\n\s+at /, 'no internals in the answer');
      assert.equal((await store.listPendingDeliveries!()).length, 1, 'the delivery waits in the journal');
      const second = await post();
      assert.equal(second.status, 200);
      assert.equal(((await second.json()) as { results: Result[] }).results[0].action, 'opted-out');
      assert.equal((await store.list()).filter((e) => e.record.inbound?.messageId === 'wamid.STOP-3').length, 1);
      assert.equal((await store.listPendingDeliveries!()).length, 0);
      await store.close();
    });

    /** A receiver in its own process; `fault` makes it SIGKILL itself at one point of the inbound path. */
    function receiverProcess(file: string, fault?: 'before-append' | 'before-settle'): { child: ChildProcess; url: Promise<string>; exited: Promise<void> } {
      const source = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `const { startConsentServer } = await import(${source('../../src/server/node-server.ts')});
           const { openConsentStore } = await import(${source('../../src/server/open-consent-store.ts')});
           const store = await openConsentStore(${JSON.stringify(file)});
           const kill = () => process.kill(process.pid, 'SIGKILL');
           if (process.env.FAULT === 'before-append') {
             const append = store.append.bind(store);
             store.append = (entry) => (entry.record.inbound ? kill() : append(entry));
           }
           if (process.env.FAULT === 'before-settle' && store.settleDeliveryUnit) {
             store.settleDeliveryUnit = () => kill();
           }
           const server = await startConsentServer({ store, port: 0, verificationThread: false, whatsapp: { appSecret: ${JSON.stringify(APP_SECRET)} } });
           process.stdout.write(server.url + '\\n');`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FAULT: fault ?? '' } },
      );
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const url = new Promise<string>((resolve, reject) => {
        child.once('exit', (code, signal) => reject(new Error(`receiver exited with ${code ?? signal}`)));
        child.stdout!.on('data', (chunk: Buffer) => {
          const line = chunk
            .toString()
            .split('\n')
            .find((l) => l.startsWith('http://'));
          if (line) resolve(line.trim());
        });
      });
      return { child, url, exited };
    }

    for (const fault of ['before-append', 'before-settle'] as const) {
      it(`stores a STOP exactly once when the receiver is killed ${fault.replace('-', ' ')} and restarted`, async () => {
        const file = (await kind.freshLedger()).location;
        const messageId = `wamid.CRASH-${fault}`;
        const delivery = whatsappDelivery([{ id: messageId, from: '4915123450030', text: 'STOP' }]);
        const crashing = receiverProcess(file, fault);
        try {
          const answer = await deliver(await crashing.url, delivery);
          assert.equal(answer.status, 0, 'the receiver died before answering');
          await crashing.exited;
          assert.equal(crashing.child.signalCode, 'SIGKILL');
          assert.equal(await inboundRows(file, messageId), fault === 'before-append' ? 0 : 1, 'where the crash left the ledger');

          const restarted = receiverProcess(file);
          try {
            const url = await restarted.url;
            assert.equal(await inboundRows(file, messageId), 1, 'processed at start, before the first request');
            const redelivered = await deliver(url, delivery);
            assert.equal(redelivered.status, 200);
            assert.equal(redelivered.body.results![0].action, 'opted-out');
            assert.equal(await inboundRows(file, messageId), 1, 'and never twice');
          } finally {
            restarted.child.kill();
            await restarted.exited;
          }
          const store = await openConsentStore(file, { readonly: true });
          try {
            assert.ok((await verifyLedger(store)).ok);
          } finally {
            await store.close();
          }
        } finally {
          crashing.child.kill('SIGKILL');
          await crashing.exited;
        }
      });
    }

    it('is finished by `optin-elements reprocess-inbound`, and running it again changes nothing', async () => {
      const file = (await kind.freshLedger()).location;
      const messageId = 'wamid.CRASH-cli';
      const crashing = receiverProcess(file, 'before-append');
      try {
        assert.equal((await deliver(await crashing.url, whatsappDelivery([{ id: messageId, from: '4915123450031', text: 'STOP' }]))).status, 0);
        await crashing.exited;
      } finally {
        crashing.child.kill('SIGKILL');
        await crashing.exited;
      }
      const cli = () =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'reprocess-inbound', '--db', file], {
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let out = '';
          child.stdout.on('data', (chunk) => (out += chunk));
          child.once('exit', (code) => resolve({ code, out }));
        });
      const first = await cli();
      assert.equal(first.code, 0);
      assert.match(first.out, /1 pending deliveries, 1 completed, 0 messages still pending/);
      assert.equal(await inboundRows(file, messageId), 1);
      const second = await cli();
      assert.equal(second.code, 0);
      assert.match(second.out, /0 pending deliveries/);
      assert.equal(await inboundRows(file, messageId), 1);
    });

    it('keeps one entry and the first outcome of each unit when two receivers journal and settle the same delivery at once', async () => {
      const ledger = await kind.freshLedger();
      const [one, two] = [await ledger.open(), await ledger.open()];
      try {
        const delivery = { id: 'd'.repeat(64), source: 'whatsapp', receivedAt: new Date().toISOString(), body: '{"entry":[]}' };
        const journalled = await Promise.all([one.journalDelivery!(delivery), two.journalDelivery!(delivery)]);
        assert.deepEqual(journalled.map((j) => j.created).sort(), [false, true], 'written once');
        assert.deepEqual(journalled[0].delivery, journalled[1].delivery);
        assert.deepEqual(await Promise.all([one.noteDeliveryAttempt!(delivery.id), two.noteDeliveryAttempt!(delivery.id)]).then((n) => n.sort()), [1, 2]);
        const processed = { status: 'processed' as const, results: [{ messageId: 'wamid.A', action: 'opted-out' }] };
        const rejected = { status: 'rejected' as const, messageId: 'wamid.A', reason: 'second', unit: '{}' };
        await one.settleDeliveryUnit!(delivery.id, 0, processed);
        await two.settleDeliveryUnit!(delivery.id, 0, rejected);
        const [pending] = await two.listPendingDeliveries!();
        assert.deepEqual(pending.settled, { 0: processed }, 'the first outcome stays');
        assert.equal(pending.attempts, 2);
        await two.completeDelivery!(delivery.id);
        assert.deepEqual(await one.listPendingDeliveries!(), []);
        const again = await one.journalDelivery!(delivery);
        assert.equal(again.created, false);
        assert.equal(again.delivery.status, 'done');
        assert.equal(again.delivery.body, '', 'the body is emptied once every unit is settled');
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });
  });
}

// The journal methods are optional: a store without them still processes each message on its own.
describe('a store without a journal', () => {
  it('still stores the STOP beside a malformed message', async () => {
    const sqlite = new SqliteConsentStore(freshDb());
    const store: ConsentStore = {
      findById: (id) => sqlite.findById(id),
      append: (entry) => sqlite.append(entry),
      list: (options) => sqlite.list(options),
      claimNonce: (nonce, id) => sqlite.claimNonce(nonce, id),
      loadServerKey: () => sqlite.loadServerKey(),
      saveServerKey: (jwk) => sqlite.saveServerKey(jwk),
      close: () => sqlite.close(),
    };
    const handler = createConsentHandler({ store, whatsapp: { appSecret: APP_SECRET } });
    const { body, headers } = await signedDelivery(stopAndBadNeighbour('4915123450032', 'wamid.STOP-4', 'wamid.BAD-4'), APP_SECRET);
    const response = await handler(new Request('http://receiver.test/webhooks/whatsapp', { method: 'POST', headers, body }));
    assert.equal(response.status, 200);
    assert.deepEqual(
      ((await response.json()) as { results: Result[] }).results.map((r) => r.action),
      ['rejected', 'opted-out'],
    );
    await store.close();
  });
});

describe('the units of a delivery', () => {
  it("gives each message its own unit with its sender's context, and keeps statuses and other webhook fields as units of their own", () => {
    const payload = whatsappDelivery([
      { id: 'wamid.U1', from: '4915123450040', text: 'STOP' },
      { id: 'wamid.U2', from: '4915123450041', text: 'hi' },
    ]) as { entry: Array<{ changes: Array<Record<string, unknown>> }> };
    (payload.entry[0].changes[0].value as Record<string, unknown>).statuses = [{ id: 'wamid.S1', status: 'failed', errors: [{ code: 131050 }] }];
    payload.entry[0].changes.push({
      field: 'user_preferences',
      value: { user_preferences: [{ wa_id: '4915123450042', category: 'marketing_messages', value: 'stop' }] },
    });
    const units = deliveryUnits(payload);
    assert.deepEqual(
      units.map((u) => u.messageId),
      ['wamid.U1', 'wamid.U2', undefined, undefined],
    );
    const first = units[0].payload as typeof payload;
    const value = first.entry[0].changes[0].value as { messages: unknown[]; contacts: unknown[]; statuses?: unknown };
    assert.equal(value.messages.length, 1);
    assert.equal(value.contacts.length, 2, 'the contacts stay beside each message, so its sender is still known');
    assert.equal(value.statuses, undefined);
    assert.ok('statuses' in ((units[2].payload as typeof payload).entry[0].changes[0].value as object));
    assert.equal((units[3].payload as typeof payload).entry[0].changes[0].field, 'user_preferences');
    assert.deepEqual(deliveryUnits(payload), units, 'the same body gives the same units at every reprocessing');
  });
});
