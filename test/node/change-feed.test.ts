/**
 * `GET /changes`: the ordered, resumable feed of consent changes, on the real receiver over HTTP,
 * on both stores (PostgreSQL skipped, with the reason, where it is not installed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChangeEvent } from '../../src/core/record/change-event.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';

const ADMIN = 'change-feed-admin-token-0123456789abcdef';
const offersOn = [
  { id: 'offers', label: 'Offers', granted: true },
  { id: 'order-updates', label: 'Order updates', granted: false },
];
const everythingOff = [
  { id: 'offers', label: 'Offers', granted: false },
  { id: 'order-updates', label: 'Order updates', granted: false },
];

async function post(server: RunningConsentServer, record: ConsentRecord): Promise<void> {
  const response = await fetch(`${server.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
  assert.ok(response.status === 201, `${record.kind} ${record.subject.phone}: ${response.status} ${await response.text()}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of its own answer
async function changes(server: RunningConsentServer, query: string, token = ADMIN): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/changes${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}

const summary = (events: ChangeEvent[]) => events.map((e) => [e.kind, e.subject.phone, e.categories.map((c) => `${c.id}:${c.granted}`).join(' ')]);

for (const kind of storeKinds('optin-change-feed')) {
  describe(`the change feed (${kind.name})`, { skip: kind.skip }, () => {
    let server: RunningConsentServer;
    const records: ConsentRecord[] = [];
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

    before(async () => {
      await kind.setUp();
      const ledger = await kind.freshLedger();
      server = await startConsentServer({ store: await ledger.open(), port: 0, verificationThread: false, adminToken: ADMIN });
      records.push(
        await signedSample({ subject: { phone: '+4915123450001' }, categories: offersOn, capturedAt: minutesAgo(5) }),
        await signedSample({ kind: 'opt-out', subject: { phone: '+4915123450001' }, categories: everythingOff, capturedAt: minutesAgo(4) }),
        // A device's grant after the stop, without the person's token: waits for confirmation, changes nothing.
        await signedSample({ subject: { phone: '+4915123450001' }, categories: offersOn, capturedAt: minutesAgo(3) }),
        await signedSample({ subject: { phone: '+4915123450002' }, categories: offersOn, capturedAt: minutesAgo(2) }),
        // The same grant again changes nothing either.
        await signedSample({ subject: { phone: '+4915123450002' }, categories: offersOn, capturedAt: minutesAgo(1.5) }),
        await signedSample({
          kind: 'preferences',
          subject: { phone: '+4915123450002' },
          categories: [{ id: 'offers', label: 'Offers', granted: false }],
          capturedAt: minutesAgo(1),
        }),
      );
      for (const record of records) await post(server, record);
    });
    after(async () => {
      await server?.close();
      await kind.tearDown();
    });

    it('lists each change once, in ledger order, and not the grants that changed nothing', async () => {
      const { status, body } = await changes(server, '');
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(summary(body.events), [
        ['opt-in', '+4915123450001', 'offers:true order-updates:false'],
        ['opt-out', '+4915123450001', 'offers:false order-updates:false all:false'],
        ['opt-in', '+4915123450002', 'offers:true order-updates:false'],
        ['preferences', '+4915123450002', 'offers:false'],
      ]);
      assert.deepEqual(
        body.events.map((e: ChangeEvent) => e.recordId),
        [records[0].id, records[1].id, records[3].id, records[5].id],
      );
      assert.deepEqual(
        body.events.map((e: ChangeEvent) => e.id),
        [records[0].id, records[1].id, records[3].id, records[5].id].map((id) => `record:${id}`),
      );
      assert.equal(body.next, '6', 'the cursor passes the records that changed nothing too');
      assert.equal(body.more, false);
    });

    it('resumes from any cursor, page by page, to the same events', async () => {
      const all = (await changes(server, '')).body.events as ChangeEvent[];
      const paged: ChangeEvent[] = [];
      let after = '0';
      for (let page = 0; page < 10; page++) {
        const { status, body } = await changes(server, `?after=${after}&limit=1`);
        assert.equal(status, 200);
        paged.push(...body.events);
        if (body.events.length === 0) break;
        assert.equal(body.events[0].cursor, body.next, 'a one-event page ends at its event');
        after = body.next;
      }
      assert.deepEqual(paged, all);
      const fromSecond = (await changes(server, `?after=${all[1].cursor}`)).body.events;
      assert.deepEqual(fromSecond, all.slice(2));
    });

    it('answers an empty page at the end, and shows a change stored since', async () => {
      const end = (await changes(server, '?after=6')).body;
      assert.deepEqual(end, { events: [], next: '6', more: false });
      const stop = await signedSample({ kind: 'opt-out', subject: { phone: '+4915123450003' }, categories: everythingOff });
      await post(server, stop);
      const { body } = await changes(server, '?after=6');
      assert.deepEqual(
        summary(body.events),
        [['opt-out', '+4915123450003', 'offers:false order-updates:false all:false']],
        'a stop of someone the ledger never had is still forwarded',
      );
      assert.equal(body.next, '7');
    });

    it('names the phone number a stop from a BSUID also reaches', async () => {
      const before = (await changes(server, '')).body.next;
      const bsuid = 'US.13491208655302741918';
      // A record naming both links them for stops (never for grants: docs/consent-state.md).
      await post(server, await signedSample({ subject: { phone: '+4915123450004', bsuid }, categories: offersOn, capturedAt: minutesAgo(1) }));
      await post(server, await signedSample({ kind: 'opt-out', subject: { bsuid }, categories: everythingOff }));
      const events = (await changes(server, `?after=${before}`)).body.events as ChangeEvent[];
      assert.deepEqual(
        events.map((e) => [e.kind, e.subject, e.linked]),
        [
          ['opt-in', { phone: '+4915123450004', bsuid }, undefined],
          ['opt-out', { bsuid }, [{ phone: '+4915123450004' }]],
        ],
      );
    });

    it('refuses a bad cursor or limit with a precise 400, and anyone without the admin token', async () => {
      for (const [query, code] of [
        ['?after=abc', 'cursor-invalid'],
        ['?after=-1', 'cursor-invalid'],
        ['?after=1.5', 'cursor-invalid'],
        ['?after=01', 'cursor-invalid'],
        ['?after=99999999999999999999', 'cursor-invalid'],
        ['?after=500', 'cursor-ahead'],
        ['?limit=0', 'limit-invalid'],
        ['?limit=1001', 'limit-invalid'],
        ['?limit=ten', 'limit-invalid'],
        ['?limit=', 'limit-invalid'],
        ['?after=1&after=2', 'parameter-repeated'],
        ['?afer=3', 'parameter-unknown'],
      ]) {
        const { status, body } = await changes(server, query);
        assert.equal(status, 400, `${query}: ${JSON.stringify(body)}`);
        assert.equal(body.error.code, code, query);
      }
      assert.equal((await changes(server, '', '')).status, 401);
      assert.equal((await changes(server, '', 'x'.repeat(40))).status, 401);
      const posted = await fetch(`${server.url}/changes`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
      assert.equal(posted.status, 405);
    });
  });
}
