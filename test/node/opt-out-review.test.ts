/**
 * Possible opt-outs ("don't stop sending me offers") are kept for review, once per message and
 * sender, and change nothing until a reviewer decides; deciding "opt-out" stops the person as a
 * STOP would, once. Against the real receiver, on a real SQLite file and a real PostgreSQL
 * database (skipped, with the reason, where PostgreSQL is not installed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConsentStore } from '../../src/server/consent-store.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { openConsentStore } from '../../src/server/open-consent-store.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { settleReview } from '../../src/server/review/settle-review.js';
import { loadSubjectState } from '../../src/server/subject-state.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';
import { signedDelivery, whatsappDelivery } from '../support/whatsapp-delivery.js';

const APP_SECRET = 'review-test-app-secret';
const ADMIN = 'review-test-admin-token-0123456789abcdef';
const TEXT = "don't stop sending me offers";

interface ReviewItem {
  id: number;
  channel: string;
  messageId: string;
  subject: { phone?: string };
  keyword: string;
  text: string;
  receivedAt: string;
  status: string;
  recordId?: string;
}

async function call(url: string, method: string, body?: unknown, token: string | null = ADMIN) {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of its own answer
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function granted(store: ConsentStore, phone: string): Promise<string[]> {
  const state = await loadSubjectState(store, { phone }, (await loadReceiverKey(store)).publicJwk.kid);
  return state.categories.filter((c) => c.granted).map((c) => c.id);
}

for (const kind of storeKinds('optin-review')) {
  describe(`possible opt-outs kept for review (${kind.name})`, { skip: kind.skip }, () => {
    before(() => kind.setUp());
    after(() => kind.tearDown());

    it('keeps "don\'t stop sending me offers" once per delivery, changes nothing, and settles each decision once', async () => {
      const ledger = await kind.freshLedger();
      const server = await startConsentServer({
        db: ledger.location,
        port: 0,
        verificationThread: false,
        adminToken: ADMIN,
        whatsapp: { appSecret: APP_SECRET },
      });
      try {
        const phone = '+4915123450040';
        const posted = await fetch(`${server.url}/consents`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(await signedSample({ subject: { phone } })),
        });
        assert.equal(posted.status, 201);
        const grantedBefore = await granted(server.store, phone);
        assert.ok(grantedBefore.length > 0);
        const entriesBefore = (await server.store.list()).length;

        // The same WhatsApp delivery twice (Meta redelivers), and the same relayed SMS twice.
        const { body, headers } = await signedDelivery(whatsappDelivery([{ id: 'wamid.REVIEW-1', from: '4915123450040', text: TEXT }]), APP_SECRET);
        const webhook = [];
        for (let i = 0; i < 2; i++) {
          const response = await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers, body });
          assert.equal(response.status, 200);
          webhook.push(((await response.json()) as { results: Array<Record<string, unknown>> }).results[0]);
        }
        assert.equal(webhook[0].action, 'possible-opt-out');
        assert.equal(webhook[0].created, true);
        assert.equal(webhook[1].created, false, 'a redelivery finds the entry kept');
        assert.equal(webhook[1].reviewId, webhook[0].reviewId);
        const sms = { channel: 'sms', messageId: 'SM-REVIEW-1', phone, text: TEXT, sentAt: '2026-01-02T03:04:05Z' };
        const relayed = [await call(`${server.url}/inbound-messages`, 'POST', sms), await call(`${server.url}/inbound-messages`, 'POST', sms)];
        assert.equal(relayed[0].status, 200);
        assert.equal(relayed[0].body.action, 'possible-opt-out');
        assert.deepEqual([relayed[0].body.created, relayed[1].body.created], [true, false]);
        assert.equal(relayed[1].body.reviewId, relayed[0].body.reviewId);

        assert.deepEqual(await granted(server.store, phone), grantedBefore, 'nothing changed in the effective state');
        assert.equal((await server.store.list()).length, entriesBefore, 'nothing was added to the ledger');

        const listed = await call(`${server.url}/audit/review`, 'GET');
        assert.equal(listed.status, 200);
        const items = listed.body.items as ReviewItem[];
        assert.deepEqual(
          items.map((i) => [i.channel, i.messageId, i.subject.phone, i.keyword, i.text, i.status]),
          [
            ['whatsapp', 'wamid.REVIEW-1', phone, 'stop', TEXT, 'open'],
            ['sms', 'SM-REVIEW-1', phone, 'stop', TEXT, 'open'],
          ],
          'each message once, oldest first',
        );
        assert.ok(items.every((i) => !Number.isNaN(Date.parse(i.receivedAt))));
        assert.equal(listed.body.next, undefined);
        const [fromWhatsApp, fromSms] = items;

        const firstPage = await call(`${server.url}/audit/review?limit=1`, 'GET');
        assert.deepEqual(
          firstPage.body.items.map((i: ReviewItem) => i.id),
          [fromWhatsApp.id],
        );
        const secondPage = await call(`${server.url}/audit/review?limit=1&after=${firstPage.body.next}`, 'GET');
        assert.deepEqual(
          secondPage.body.items.map((i: ReviewItem) => i.id),
          [fromSms.id],
        );
        assert.equal(secondPage.body.next, undefined);

        // Deciding "opt-out" stops the person, with the message as evidence; deciding again changes nothing more.
        const decided = await call(`${server.url}/audit/review/${fromWhatsApp.id}`, 'POST', { decision: 'opt-out' });
        assert.equal(decided.status, 200, JSON.stringify(decided.body));
        assert.equal(decided.body.created, true);
        assert.equal(decided.body.item.status, 'opt-out');
        assert.deepEqual(await granted(server.store, phone), [], 'the person is stopped');
        const record = (await server.store.findById(decided.body.item.recordId))!.record;
        assert.equal(record.kind, 'opt-out');
        assert.equal(record.inbound?.messageId, 'wamid.REVIEW-1');
        assert.equal(record.notice.text, TEXT);
        assert.deepEqual(record.policy.checks, [{ id: 'opt-out-review', passed: true }]);
        const entriesAfter = (await server.store.list()).length;
        assert.equal(entriesAfter, entriesBefore + 1);

        const again = await call(`${server.url}/audit/review/${fromWhatsApp.id}`, 'POST', { decision: 'opt-out' });
        assert.equal(again.status, 200);
        assert.equal(again.body.created, false);
        assert.equal(again.body.item.recordId, decided.body.item.recordId);
        const other = await call(`${server.url}/audit/review/${fromWhatsApp.id}`, 'POST', { decision: 'not-an-opt-out' });
        assert.equal(other.status, 409);
        assert.equal(other.body.error.code, 'review-already-settled');
        assert.equal((await server.store.list()).length, entriesAfter, 'nothing more was stored');

        const closed = await call(`${server.url}/audit/review/${fromSms.id}`, 'POST', { decision: 'not-an-opt-out' });
        assert.equal(closed.status, 200);
        assert.equal(closed.body.item.status, 'not-an-opt-out');
        assert.equal((await call(`${server.url}/audit/review/${fromSms.id}`, 'POST', { decision: 'not-an-opt-out' })).body.created, false);
        assert.equal((await server.store.list()).length, entriesAfter, 'closing stores nothing');
        assert.deepEqual((await call(`${server.url}/audit/review`, 'GET')).body.items, [], 'nothing left open');
        assert.ok((await verifyLedger(server.store)).ok);
      } finally {
        await server.close();
      }
    });

    it('stores one opt-out when two reviewers decide "opt-out" at once', async () => {
      const ledger = await kind.freshLedger();
      const server = await startConsentServer({ db: ledger.location, port: 0, verificationThread: false, adminToken: ADMIN });
      try {
        const phone = '+4915123450041';
        const kept = await call(`${server.url}/inbound-messages`, 'POST', { channel: 'sms', messageId: 'SM-REVIEW-2', phone, text: TEXT });
        assert.equal(kept.body.action, 'possible-opt-out');
        const before = (await server.store.list()).length;
        const answers = await Promise.all([1, 2].map(() => call(`${server.url}/audit/review/${kept.body.reviewId}`, 'POST', { decision: 'opt-out' })));
        assert.deepEqual(
          answers.map((a) => a.status),
          [200, 200],
        );
        assert.deepEqual(answers.map((a) => a.body.created).sort(), [false, true], 'one of them settled it');
        assert.equal(answers[0].body.item.recordId, answers[1].body.item.recordId);
        assert.equal((await server.store.list()).length, before + 1, 'one opt-out stored');
        assert.deepEqual(await granted(server.store, phone), []);
      } finally {
        await server.close();
      }
    });

    it('tells exactly one of two decisions taken in the same millisecond that it settled the entry', async () => {
      const ledger = await kind.freshLedger();
      const store = await openConsentStore(ledger.location);
      try {
        const key = await loadReceiverKey(store);
        const subject = { phone: '+4915123450042' };
        const { item } = await store.addReviewItem!({
          channel: 'sms',
          messageId: 'SM-REVIEW-3',
          subject,
          receivedAt: new Date().toISOString(),
          keyword: 'stop',
          text: TEXT,
        });
        const before = (await store.list()).length;
        // One clock reading for both: the entry's decision time cannot tell the two apart.
        const now = new Date();
        const outcomes = await Promise.all([1, 2].map(() => settleReview(store, key, item.id, 'opt-out', now)));
        assert.deepEqual(outcomes.map((o) => o.ok && o.created).sort(), [false, true], 'one of them settled it');
        assert.equal((await store.list()).length, before + 1, 'one opt-out stored');
      } finally {
        await store.close();
      }
    });

    it("puts a person's review entries, open and settled, in their subject export, and nobody else's", async () => {
      const ledger = await kind.freshLedger();
      const server = await startConsentServer({ db: ledger.location, port: 0, verificationThread: false, adminToken: ADMIN });
      try {
        const phone = '+4915123450061';
        const other = '+4915123450062';
        // A stranger's record naming her number beside a BSUID links the two loosely (stops only):
        // that BSUID's messages are not hers.
        const stranger = 'US.8301939402019384';
        for (const subject of [{ phone }, { phone: other }, { phone, bsuid: stranger }]) {
          const posted = await fetch(`${server.url}/consents`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(await signedSample({ subject })),
          });
          assert.equal(posted.status, 201);
        }
        const sent = [
          { channel: 'sms', messageId: 'SM-MINE-1', phone, text: TEXT },
          { channel: 'sms', messageId: 'SM-MINE-2', phone, text: "please don't stop" },
          { channel: 'sms', messageId: 'SM-OTHER-1', phone: other, text: TEXT },
          { channel: 'whatsapp', messageId: 'wamid.STRANGER-1', bsuid: stranger, text: TEXT },
        ];
        const ids: number[] = [];
        for (const message of sent) {
          const answer = await call(`${server.url}/inbound-messages`, 'POST', message);
          assert.equal(answer.body.action, 'possible-opt-out', JSON.stringify(answer.body));
          ids.push(answer.body.reviewId);
        }
        assert.equal((await call(`${server.url}/audit/review/${ids[1]}`, 'POST', { decision: 'not-an-opt-out' })).status, 200);

        const exported = await call(`${server.url}/audit/subject?phone=${encodeURIComponent(phone)}`, 'GET');
        assert.equal(exported.status, 200);
        assert.deepEqual(
          (exported.body.review as ReviewItem[]).map((item) => [item.messageId, item.subject.phone, item.text, item.status]),
          [
            ['SM-MINE-1', phone, TEXT, 'open'],
            ['SM-MINE-2', phone, "please don't stop", 'not-an-opt-out'],
          ],
        );
        const theirs = await call(`${server.url}/audit/subject?phone=${encodeURIComponent(other)}`, 'GET');
        assert.deepEqual(
          (theirs.body.review as ReviewItem[]).map((item) => item.messageId),
          ['SM-OTHER-1'],
        );
      } finally {
        await server.close();
      }
    });

    it('answers a precise 4xx to bad tokens, ids, bodies and paging, never 5xx', async () => {
      const ledger = await kind.freshLedger();
      const server = await startConsentServer({ db: ledger.location, port: 0, verificationThread: false, adminToken: ADMIN });
      try {
        const review = `${server.url}/audit/review`;
        const cases: Array<[string, string, unknown, string | null, number, string]> = [
          ['GET', review, undefined, null, 401, 'admin-token-required'],
          ['POST', `${review}/1`, { decision: 'opt-out' }, null, 401, 'admin-token-required'],
          ['GET', `${review}?limit=0`, undefined, ADMIN, 400, 'limit-invalid'],
          ['GET', `${review}?limit=1001`, undefined, ADMIN, 400, 'limit-invalid'],
          ['GET', `${review}?after=-1`, undefined, ADMIN, 400, 'after-invalid'],
          ['POST', review, { decision: 'opt-out' }, ADMIN, 405, 'method-not-allowed'],
          ['GET', `${review}/1`, undefined, ADMIN, 405, 'method-not-allowed'],
          ['POST', `${review}/abc`, { decision: 'opt-out' }, ADMIN, 404, 'review-not-found'],
          ['POST', `${review}/0`, { decision: 'opt-out' }, ADMIN, 404, 'review-not-found'],
          ['POST', `${review}/99999999999999999999`, { decision: 'opt-out' }, ADMIN, 404, 'review-not-found'],
          ['POST', `${review}/7`, { decision: 'opt-out' }, ADMIN, 404, 'review-not-found'],
          ['POST', `${review}/1`, '{not json', ADMIN, 400, 'invalid-json'],
          ['POST', `${review}/1`, { decision: 'maybe' }, ADMIN, 422, 'decision-invalid'],
          ['POST', `${review}/1`, [], ADMIN, 422, 'decision-invalid'],
          ['POST', `${review}/1`, 'x'.repeat(2000), ADMIN, 413, 'body-too-large'],
        ];
        for (const [method, url, body, token, status, code] of cases) {
          const answer = await call(url, method, body, token);
          assert.deepEqual([answer.status, answer.body.error?.code], [status, code], `${method} ${url} ${JSON.stringify(body)?.slice(0, 40)}`);
        }
      } finally {
        await server.close();
      }
    });
  });
}
