/**
 * "May I send?" against the real receiver (HTTP on 127.0.0.1), on a real SQLite file and a real
 * PostgreSQL database: opt-in, opt-out at once, the 24-hour service window a message opens,
 * unknown people, grants waiting for confirmation, a 10,000-subject batch, and bad input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { confirmationCodeFor } from '../../src/core/messages/confirmation-code.js';
import { maySend } from '../../src/server/may-send.js';
import { sendOffers } from '../../examples/send-loop.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';
import { signedDelivery, whatsappDelivery, type TestMessage } from '../support/whatsapp-delivery.js';

const APP_SECRET = 'may-send-test-app-secret';
const ADMIN = 'may-send-test-admin-token-0123456789abcdef';
const CATEGORIES = [
  { id: 'offers', label: 'Offers' },
  { id: 'order-updates', label: 'Order updates', templateCategory: 'utility' as const },
];
const HOUR = 3600 * 1000;

async function call(url: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const { method = 'GET', body, token = ADMIN } = init;
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of its own answer
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

for (const kind of storeKinds('optin-may-send')) {
  describe(`may I send? (${kind.name})`, { skip: kind.skip }, () => {
    let server: Awaited<ReturnType<typeof startConsentServer>>;
    /** The receiver's clock: real until a test moves it on. */
    let clock: Date | undefined;
    const ask = (query: string) => call(`${server.url}/may-send?${query}`);
    const postRecord = async (record: unknown, headers: Record<string, string> = {}) =>
      (await fetch(`${server.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(record) }))
        .status;
    const message = async (m: TestMessage) => {
      const { body, headers } = await signedDelivery(whatsappDelivery([m]), APP_SECRET);
      const response = await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers, body });
      assert.equal(response.status, 200);
      return ((await response.json()) as { results: Array<Record<string, unknown>> }).results[0];
    };

    before(async () => {
      await kind.setUp();
      const ledger = await kind.freshLedger();
      server = await startConsentServer({
        db: ledger.location,
        port: 0,
        verificationThread: false,
        adminToken: ADMIN,
        categories: CATEGORIES,
        whatsapp: { appSecret: APP_SECRET },
        rateLimits: { perClient: false, perSubject: false },
        now: () => clock ?? new Date(),
      });
    });
    after(async () => {
      await server?.close();
      await kind.tearDown();
    });

    it('an opt-in allows marketing for its category at once; a STOP forbids it at once, with the records named', async () => {
      const phone = '+4915123450101';
      const optIn = await signedSample({ subject: { phone } });
      assert.equal(await postRecord(optIn), 201);
      assert.deepEqual((await ask(`phone=${encodeURIComponent(phone)}&category=offers`)).body, {
        subject: { phone },
        allowed: true,
        basis: 'opt-in',
        recordId: optIn.id,
      });
      // A number written another way (the trunk 0 kept) is the same person once normalised to E.164.
      assert.equal((await ask(`phone=${encodeURIComponent('+49015123450101')}&category=offers`)).body.basis, 'opt-in');
      // The record did not tick order-updates: that category is off, and says which record made it so.
      assert.deepEqual((await ask(`phone=${encodeURIComponent(phone)}&category=order-updates&template=utility`)).body, {
        subject: { phone },
        allowed: false,
        basis: 'opted-out',
        recordId: optIn.id,
      });
      const stop = await message({ id: 'wamid.MAYSEND-STOP-1', from: phone.slice(1), text: 'STOP' });
      assert.equal(stop.action, 'opted-out');
      const after = await ask(`phone=${encodeURIComponent(phone)}&category=offers`);
      assert.deepEqual(after.body, { subject: { phone }, allowed: false, basis: 'opted-out', recordId: stop.recordId });
      // The STOP was a message too, but a withdrawal made after the message closes its window for that category.
      assert.equal((await ask(`phone=${encodeURIComponent(phone)}&category=offers&template=service`)).body.basis, 'opted-out');
    });

    it('a message opens a 24-hour service window from its platform time: service replies allowed, marketing still not', async () => {
      const phone = '+4915123450102';
      const sentAt = Math.floor(Date.now() / 1000) - 3600; // Meta's seconds: sent an hour ago
      const result = await message({ id: 'wamid.MAYSEND-HELLO-1', from: phone.slice(1), text: 'Hello, is my order on its way?', timestamp: String(sentAt) });
      assert.equal(result.action, 'ignored', 'a message is not an opt-in');
      const until = new Date(sentAt * 1000 + 24 * HOUR).toISOString();
      const query = `phone=${encodeURIComponent(phone)}&category=order-updates`;
      assert.deepEqual((await ask(`${query}&template=service`)).body, { subject: { phone }, allowed: true, basis: 'service-window', until });
      assert.deepEqual((await ask(`${query}&template=marketing`)).body, { subject: { phone }, allowed: false, basis: 'no-consent' });
      assert.deepEqual((await ask(`${query}&template=utility`)).body, { subject: { phone }, allowed: false, basis: 'no-consent' });
      try {
        clock = new Date(Date.parse(until) - 1000);
        assert.equal((await ask(`${query}&template=service`)).body.basis, 'service-window', 'a second before it closes');
        clock = new Date(Date.parse(until) + 1000);
        assert.deepEqual((await ask(`${query}&template=service`)).body, { subject: { phone }, allowed: false, basis: 'no-consent' }, 'closed after 24 hours');
      } finally {
        clock = undefined;
      }
      // A relayed SMS opens it too; a platform time in the future counts as the time it arrived.
      const sms = '+4915123450103';
      const before = Date.now();
      const relayed = await call(`${server.url}/inbound-messages`, {
        method: 'POST',
        body: { channel: 'sms', messageId: 'sms-1', phone: sms, text: 'hi', sentAt: new Date(Date.now() + 5 * HOUR).toISOString() },
      });
      assert.equal(relayed.status, 200);
      const window = (await ask(`phone=${encodeURIComponent(sms)}&category=offers&template=service`)).body;
      assert.equal(window.basis, 'service-window');
      assert.ok(
        Date.parse(window.until) >= before + 24 * HOUR && Date.parse(window.until) <= Date.now() + 24 * HOUR,
        `never from a future time: ${window.until}`,
      );
    });

    it('a window opened under one identifier serves the identifiers a signed WhatsApp message linked to it', async () => {
      const phone = '+4915123450104';
      const bsuid = 'DE.MAYSEND104';
      const optIn = await signedSample({ subject: { phone } });
      assert.equal(await postRecord(optIn), 201);
      // The person confirms from WhatsApp with phone and BSUID: the receiver's record links both.
      const confirmed = await message({
        id: 'wamid.MAYSEND-CONFIRM',
        from: phone.slice(1),
        userId: bsuid,
        text: await confirmationCodeFor(optIn.id),
        timestamp: String(Math.floor(Date.now() / 1000) - 30 * 3600),
      });
      assert.equal(confirmed.action, 'confirmed');
      assert.equal(
        (await ask(`phone=${encodeURIComponent(phone)}&category=order-updates&template=service`)).body.basis,
        'opted-out',
        'that message is older than 24 hours',
      );
      // (Meta's seconds would round this message to before the opt-in made a moment ago; a time ahead counts as its arrival.)
      await message({ id: 'wamid.MAYSEND-BSUID-ONLY', userId: bsuid, text: 'thanks!', timestamp: String(Math.floor(Date.now() / 1000) + 60) });
      assert.equal((await ask(`phone=${encodeURIComponent(phone)}&category=order-updates&template=service`)).body.basis, 'service-window');
      assert.equal((await ask(`bsuid=${bsuid}&category=offers`)).body.basis, 'opt-in', "the BSUID shares the phone's opt-in");
    });

    it("answers no-consent for someone unknown, and needs-confirmation for a grant after a stop that lacks the person's proof", async () => {
      assert.deepEqual((await ask('phone=%2B4915123450199&category=offers')).body, {
        subject: { phone: '+4915123450199' },
        allowed: false,
        basis: 'no-consent',
      });
      const phone = '+4915123450105';
      assert.equal(await postRecord(await signedSample({ subject: { phone } })), 201);
      const stop = await message({ id: 'wamid.MAYSEND-STOP-5', from: phone.slice(1), text: 'STOP' });
      const again = await signedSample({ subject: { phone }, kind: 'opt-in' });
      assert.equal(await postRecord(again), 201);
      assert.deepEqual((await ask(`phone=${encodeURIComponent(phone)}&category=offers`)).body, {
        subject: { phone },
        allowed: false,
        basis: 'needs-confirmation',
        recordId: stop.recordId,
      });
      // The person confirms the waiting grant from their own number: it counts.
      await message({ id: 'wamid.MAYSEND-CONFIRM-5', from: phone.slice(1), text: await confirmationCodeFor(again.id) });
      assert.deepEqual((await ask(`phone=${encodeURIComponent(phone)}&category=offers`)).body, {
        subject: { phone },
        allowed: true,
        basis: 'opt-in',
        recordId: again.id,
      });
    });

    it('answers a batch of 10,000 subjects in order, and the typed function gives the same answers without HTTP', async () => {
      const known = ['+4915123450101', '+4915123450104', '+4915123450199'];
      const subjects = Array.from({ length: 10_000 }, (_, i) =>
        i < known.length ? { phone: known[i] } : i % 2 ? { phone: `+4930${String(1_000_000 + i)}` } : { bsuid: `US.BATCH${i}` },
      );
      const { status, body } = await call(`${server.url}/may-send`, { method: 'POST', body: { category: 'offers', subjects } });
      assert.equal(status, 200);
      assert.equal(body.answers.length, 10_000);
      assert.deepEqual(
        body.answers.slice(0, 3).map((a: { basis: string }) => a.basis),
        ['opted-out', 'opt-in', 'no-consent'],
      );
      assert.ok(body.answers.slice(3).every((a: { allowed: boolean; basis: string }) => !a.allowed && a.basis === 'no-consent'));
      const direct = await maySend(server.store, { category: 'offers', subjects: subjects.slice(0, 3) });
      assert.deepEqual(
        direct,
        body.answers.slice(0, 3).map(({ subject: _, ...answer }: Record<string, unknown>) => answer),
      );
    });

    it('runs the send loop of docs/may-send.md (examples/send-loop.ts): it sends only to people it may, and honours a stop made during the loop', async () => {
      const [kept, stopped, stopsMidway, unknown] = ['+4915123450111', '+4915123450112', '+4915123450113', '+4915123450114'];
      for (const phone of [kept, stopped, stopsMidway]) assert.equal(await postRecord(await signedSample({ subject: { phone } })), 201);
      await message({ id: 'wamid.MAYSEND-LOOP-STOP', from: stopped.slice(1), text: 'STOP' });
      const sent: string[] = [];
      await sendOffers(server.url, ADMIN, [kept, stopped, unknown, stopsMidway], async (phone) => {
        sent.push(phone);
        // While the campaign runs, the next person writes STOP: the loop asks before sending to them.
        if (phone === kept) await message({ id: 'wamid.MAYSEND-LOOP-MIDWAY', from: stopsMidway.slice(1), text: 'STOP' });
      });
      assert.deepEqual(sent, [kept]);
    });

    it('refuses bad requests with a precise 4xx, never 5xx', async () => {
      const url = `${server.url}/may-send`;
      const cases: Array<[string, Parameters<typeof call>[1] & { query?: string }, number, string]> = [
        ['no bearer', { token: null, query: 'phone=%2B4915123450101&category=offers' }, 401, 'admin-token-required'],
        ['a wrong bearer', { token: 'x'.repeat(40), query: 'phone=%2B4915123450101&category=offers' }, 401, 'admin-token-required'],
        ['an unknown category', { query: 'phone=%2B4915123450101&category=newsletter' }, 422, 'category-unknown'],
        ['no category', { query: 'phone=%2B4915123450101' }, 422, 'category-invalid'],
        ['a bad template', { query: 'phone=%2B4915123450101&category=offers&template=promo' }, 422, 'template-invalid'],
        ['no subject', { query: 'category=offers' }, 422, 'subject-invalid'],
        ['both identifiers', { query: 'phone=%2B4915123450101&bsuid=US.1&category=offers' }, 422, 'subject-invalid'],
        ['a number that is not valid', { query: 'phone=%2B4900000000&category=offers' }, 422, 'phone-invalid'],
        ['not JSON', { method: 'POST', body: '{"category":' }, 400, 'invalid-json'],
        ['an array body', { method: 'POST', body: [] }, 400, 'invalid-json'],
        ['subjects missing', { method: 'POST', body: { category: 'offers' } }, 422, 'subjects-invalid'],
        ['a category of the wrong type', { method: 'POST', body: { category: 7, subjects: [{ phone: '+4915123450101' }] } }, 422, 'category-invalid'],
        [
          '10,001 subjects',
          { method: 'POST', body: { category: 'offers', subjects: Array.from({ length: 10_001 }, () => ({ phone: '+4915123450101' })) } },
          413,
          'too-many-subjects',
        ],
        ['a method it does not take', { method: 'PUT', body: {} }, 405, 'method-not-allowed'],
      ];
      for (const [name, init, status, code] of cases) {
        const answer = await call(init.query ? `${url}?${init.query}` : url, init);
        assert.equal(answer.status, status, name);
        assert.equal(answer.body.error.code, code, name);
      }
      const malformed = await call(url, {
        method: 'POST',
        body: { category: 'offers', subjects: [{ phone: '+4915123450101' }, { bsuid: 'US.1' }, { phone: '+4915123450101', bsuid: 'US.1' }] },
      });
      assert.equal(malformed.status, 422);
      assert.equal(malformed.body.error.index, 2, 'names the subject at fault');
      assert.match(malformed.body.error.message, /subjects\[2\]/);
    });
  });
}
