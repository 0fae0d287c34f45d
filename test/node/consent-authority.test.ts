/**
 * The attacks of issues #17 and #25 on the effective state, each against a real
 * receiver over HTTP on 127.0.0.1 with a real SQLite file. Every one of these
 * passed the attack on the code before the authority rules (see docs/consent-state.md).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { confirmationCodeFor } from '../../src/core/messages/confirmation-code.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { signRecord } from '../../src/core/record/sign-record.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import { inboundRecordId } from '../../src/server/inbound-records.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { webhookSignature } from '../../src/server/whatsapp-webhook-signature.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { generateTestKeyPair, signedSample, unsignedSample } from '../support/sample-record.js';

const ADMIN = 'admin-secret-for-authority-tests-0123456789';
const APP_SECRET = 'whatsapp-app-secret-authority';
const REGISTRY = [
  { id: 'offers', label: 'Offers and promotions', templateCategory: 'marketing' as const },
  { id: 'order-updates', label: 'Order updates', templateCategory: 'utility' as const },
];
const CATEGORIES = (offers: boolean, updates: boolean) => [
  { id: 'offers', label: 'Offers and promotions', granted: offers },
  { id: 'order-updates', label: 'Order updates', granted: updates },
];

type StateCategory = { id: string; label?: string; granted: boolean; effect: string; confirmed: boolean };
type Answer = { status: number; body: { status?: string; error?: { code: string; message: string } } };

interface WhatsAppMessage {
  id: string;
  from?: string;
  userId?: string;
  text?: string;
  button?: string;
}

/** A Cloud API notification as Meta posts it: messages, or other members of `value`. */
function notification(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', ...value } }] }],
  };
}

function messageNotification(message: WhatsAppMessage) {
  return notification({
    contacts: [{ profile: { name: 'Kerry' }, ...(message.from ? { wa_id: message.from } : {}), ...(message.userId ? { user_id: message.userId } : {}) }],
    messages: [
      {
        ...(message.from ? { from: message.from } : {}),
        ...(message.userId && !message.from ? { from_user_id: message.userId } : {}),
        id: message.id,
        timestamp: String(Math.floor(Date.now() / 1000)),
        ...(message.button ? { type: 'button', button: { text: message.button, payload: 'stop' } } : { type: 'text', text: { body: message.text } }),
      },
    ],
  });
}

describe('a withdrawal always wins, a grant needs the person', () => {
  let dir: string;
  let server: RunningConsentServer;
  let owner: CryptoKeyPair;
  let stranger: CryptoKeyPair;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-authority-'));
    server = await startConsentServer({
      db: join(dir, 'consents.db'),
      port: 0,
      adminToken: ADMIN,
      whatsapp: { appSecret: APP_SECRET },
      categories: REGISTRY,
      stopWords: ['blumenstop'],
    });
    owner = await generateTestKeyPair();
    stranger = await generateTestKeyPair();
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (record: ConsentRecord, token?: string): Promise<Answer> => {
    const response = await fetch(`${server.url}/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(record),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json', ...init.headers } });
  const tokenFor = async (subject: object) =>
    ((await (await admin('/preference-tokens', { method: 'POST', body: JSON.stringify(subject) })).json()) as { token: string }).token;
  const preferences = async (subject: object) => {
    const response = await fetch(`${server.url}/preferences`, { headers: { Authorization: `Bearer ${await tokenFor(subject)}` } });
    return (await response.json()) as { categories: StateCategory[]; confirmed: boolean };
  };
  const audit = async (query: string) => {
    const response = await admin(`/audit/subject?${query}`);
    return {
      status: response.status,
      body: (await response.json()) as {
        entries: Array<{ id: string }>;
        state: {
          categories: StateCategory[];
          identities: Array<{ phone?: string; bsuid?: string; evidence: string }>;
          records: Array<{ id: string; effect: string }>;
        };
        error?: { code: string };
      },
    };
  };
  const granted = (categories: StateCategory[]) => Object.fromEntries(categories.map((c) => [c.id, c.granted]));
  const webhook = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const response = await fetch(`${server.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await webhookSignature(APP_SECRET, body) },
      body,
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { results: Array<{ action: string; recordId?: string; created?: boolean }> }).results;
  };

  it("a stranger's grant for a number that opted out is stored as needing confirmation and changes nothing; the owner's token grant counts", async () => {
    const subject = { phone: '+4915120000001' };
    assert.equal((await post(await signedSample({ subject, categories: CATEGORIES(true, true) }, owner))).status, 201);
    assert.equal((await post(await signedSample({ kind: 'opt-out', subject, categories: CATEGORIES(false, false) }, owner))).status, 201);
    const forged = await signedSample({ kind: 'preferences', subject, categories: [{ id: 'offers', label: 'Offers', granted: true }] }, stranger);
    const answer = await post(forged);
    assert.equal(answer.status, 201, 'kept as evidence');
    assert.deepEqual(granted((await preferences(subject)).categories), { offers: false, 'order-updates': false });
    const history = await audit('phone=%2B4915120000001');
    assert.equal(history.body.state.records.find((r) => r.id === forged.id)?.effect, 'needs-confirmation');
    assert.equal(history.body.state.categories.find((c) => c.id === 'offers')?.effect, 'needs-confirmation');

    const own = await signedSample({ kind: 'preferences', subject, categories: [{ id: 'offers', label: 'Offers', granted: true }] }, owner);
    assert.equal((await post(own, await tokenFor(subject))).status, 201);
    assert.deepEqual(granted((await preferences(subject)).categories), { offers: true, 'order-updates': false });
  });

  it("refuses a grant with another person's token, and a token that is not valid", async () => {
    const subject = { phone: '+4915120000002' };
    const record = await signedSample({ kind: 'preferences', subject, categories: [{ id: 'offers', label: 'Offers', granted: true }] }, stranger);
    const other = await post(record, await tokenFor({ phone: '+4915120000003' }));
    assert.equal(other.status, 403);
    assert.equal(other.body.error?.code, 'token-subject-mismatch');
    const invalid = await post(record, 'not-a-token');
    assert.equal(invalid.status, 401);
  });

  it('confirmed belongs to the record a confirmation names, not to the whole subject', async () => {
    const subject = { phone: '+4915120000004' };
    const updates = await signedSample({ subject, categories: [{ id: 'order-updates', label: 'Order updates', granted: true }] }, owner);
    await post(updates);
    const results = await webhook(messageNotification({ id: 'wamid.confirm-updates', from: '4915120000004', text: await confirmationCodeFor(updates.id) }));
    assert.equal(results[0].action, 'confirmed');
    assert.equal((await preferences(subject)).confirmed, true);
    await post(await signedSample({ subject, categories: [{ id: 'offers', label: 'Offers', granted: true }] }, stranger));
    const state = await preferences(subject);
    assert.equal(state.confirmed, false, "the stranger's opt-in makes the subject not wholly confirmed");
    assert.equal(state.categories.find((c) => c.id === 'offers')?.granted, true, 'a first web opt-in stays effective');
    assert.equal(state.categories.find((c) => c.id === 'order-updates')?.confirmed, true);
    assert.equal(state.categories.find((c) => c.id === 'offers')?.confirmed, false, "the stranger's opt-in is not confirmed by the owner's code");
  });

  it("stores the owner's opt-out on its first attempt under a flood of records for the number from other keys and addresses", async () => {
    // A receiver of its own: the flood spends this address's grant budget, which the other tests share.
    const flooded = await startConsentServer({ db: join(dir, 'flooded.db'), port: 0 });
    try {
      const send = async (record: ConsentRecord) => {
        const response = await fetch(`${flooded.url}/consents`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(record),
        });
        return { status: response.status, body: (await response.json()) as Answer['body'] };
      };
      const phone = '+4915120000005';
      await send(await signedSample({ subject: { phone }, categories: CATEGORIES(true, true) }, owner));
      // Over HTTP: records from fresh keys until both the number's and the address's budgets are spent.
      const statuses = [];
      for (let i = 0; i < 150; i++) statuses.push((await send(await signedSample({ subject: { phone } }))).status);
      assert.ok(statuses.includes(429), 'the flood itself is limited');
      const stop = await signedSample({ kind: 'opt-out', subject: { phone }, categories: CATEGORIES(false, false) }, owner);
      const answer = await send(stop);
      assert.equal(answer.status, 201);
      assert.equal(answer.body.status, 'stored');
      assert.ok(await flooded.store.findById(stop.id), 'stored as answered');
    } finally {
      await flooded.close();
    }
  });

  it("keeps withdrawals out of every grant budget on the Web handler too: 300 records from 300 addresses, then the owner's stop", async () => {
    const store = new SqliteConsentStore(join(dir, 'flood.db'));
    const handler = createConsentHandler({ store });
    const send = async (record: ConsentRecord, clientAddress: string) =>
      (
        await handler(
          new Request('http://receiver.test/consents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) }),
          { clientAddress },
        )
      ).status;
    const phone = '+4915120000006';
    const flood = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        signedSample({ kind: i % 2 ? 'opt-in' : 'opt-out', subject: { phone }, categories: CATEGORIES(i % 2 === 1, false) }),
      ),
    );
    for (const [i, record] of flood.entries()) await send(record, `198.51.100.${i % 250}`);
    const stop = await signedSample({ kind: 'opt-out', subject: { phone }, categories: CATEGORIES(false, false) }, owner);
    assert.equal(await send(stop, '203.0.113.7'), 201);
    assert.ok(await store.findById(stop.id));
    await store.close();
  });

  it("refuses a device record in the receiver's inbound id namespace, so a pre-posted id cannot swallow a STOP", async () => {
    const phone = '+4915120000007';
    const messageId = 'SM-preempt-1';
    const unsigned = await unsignedSample({ kind: 'opt-out', subject: { phone }, categories: CATEGORIES(false, false) });
    for (const id of [await inboundRecordId(messageId, 'sms:reply'), await inboundRecordId(messageId, 'sms:reply', { phone })]) {
      const answer = await post(await signRecord({ ...unsigned, id }, stranger));
      assert.equal(answer.status, 422);
      assert.equal(answer.body.error?.code, 'id-reserved');
    }
    await post(await signedSample({ subject: { phone }, channel: 'sms', categories: CATEGORIES(true, true) }, owner));
    const relayed = (await (
      await admin('/inbound-messages', { method: 'POST', body: JSON.stringify({ channel: 'sms', messageId, phone, text: 'STOP' }) })
    ).json()) as { action: string; created: boolean };
    assert.equal(relayed.action, 'opted-out');
    assert.equal(relayed.created, true);
    assert.deepEqual(granted((await preferences({ phone })).categories), { offers: false, 'order-updates': false });
  });

  it('gives two senders of the same message id two records', async () => {
    const a = await (
      await admin('/inbound-messages', {
        method: 'POST',
        body: JSON.stringify({ channel: 'sms', messageId: 'SM-shared', phone: '+4915120000008', text: 'STOP' }),
      })
    ).json();
    const b = await (
      await admin('/inbound-messages', {
        method: 'POST',
        body: JSON.stringify({ channel: 'sms', messageId: 'SM-shared', phone: '+4915120000009', text: 'STOP' }),
      })
    ).json();
    assert.notEqual((a as { recordId: string }).recordId, (b as { recordId: string }).recordId);
    assert.equal((b as { created: boolean }).created, true);
  });

  it('stops a person opted in by phone and known by BSUID through a signed webhook, from either identity', async () => {
    for (const [round, stopFrom] of (['bsuid', 'phone'] as const).entries()) {
      const phone = `+49151200001${round}0`;
      const bsuid = `DE.88${round}1234567890`;
      const optIn = await signedSample({ subject: { phone }, categories: CATEGORIES(true, true) }, owner);
      await post(optIn);
      // The person confirms from WhatsApp; Meta's notification carries both wa_id and user_id: checkable evidence.
      await webhook(messageNotification({ id: `wamid.link-${round}`, from: phone.slice(1), userId: bsuid, text: await confirmationCodeFor(optIn.id) }));
      const stop =
        stopFrom === 'bsuid'
          ? messageNotification({ id: `wamid.stop-${round}`, userId: bsuid, text: 'STOP' })
          : messageNotification({ id: `wamid.stop-${round}`, from: phone.slice(1), text: 'STOP' });
      assert.equal((await webhook(stop))[0].action, 'opted-out');
      assert.deepEqual(granted((await preferences({ phone })).categories), { offers: false, 'order-updates': false }, `phone, stopped from ${stopFrom}`);
      assert.deepEqual(granted((await preferences({ bsuid })).categories), { offers: false, 'order-updates': false }, `bsuid, stopped from ${stopFrom}`);
      const identities = (await audit(`phone=${encodeURIComponent(phone)}`)).body.state.identities;
      assert.deepEqual(identities.find((i) => i.bsuid === bsuid)?.evidence, 'meta-webhook');
    }
  });

  it('stops the phone of an opt-in that named both phone and BSUID when a STOP comes from the BSUID alone', async () => {
    const subject = { phone: '+4915120000200', bsuid: 'US.13491208655302741918' };
    await post(await signedSample({ subject, categories: CATEGORIES(true, true) }, owner));
    assert.equal((await webhook(messageNotification({ id: 'wamid.both-stop', userId: subject.bsuid, text: 'unsubscribe' })))[0].action, 'opted-out');
    assert.deepEqual(granted((await preferences({ phone: subject.phone })).categories), { offers: false, 'order-updates': false });
  });

  it("never lets a stranger who names a victim's phone beside their own BSUID restart the victim's messages from that BSUID", async () => {
    const victim = '+4915120000300';
    const strangerBsuid = 'US.66600000000000000001';
    await post(await signedSample({ subject: { phone: victim }, categories: CATEGORIES(true, false) }, owner));
    await post(await signedSample({ kind: 'opt-out', subject: { phone: victim }, categories: CATEGORIES(false, false) }, owner));
    await post(await signedSample({ kind: 'preferences', subject: { phone: victim, bsuid: strangerBsuid }, categories: CATEGORIES(true, false) }, stranger));
    // The stranger's own WhatsApp "START" is their message, not the victim's.
    await webhook(messageNotification({ id: 'wamid.stranger-start', userId: strangerBsuid, text: 'START' }));
    assert.deepEqual(granted((await preferences({ phone: victim })).categories), { offers: false, 'order-updates': false });
    const links = (await audit(`phone=${encodeURIComponent(victim)}`)).body.state.identities;
    assert.equal(links.find((i) => i.bsuid === strangerBsuid)?.evidence, 'named-together', 'a link for stops only');
  });

  it('normalises phone numbers with full metadata: a kept trunk 0 is refused with the E.164 form, an impossible number refused', async () => {
    const trunk = await post(await signedSample({ subject: { phone: '+49015100000003' } }, owner));
    assert.equal(trunk.status, 422);
    assert.equal(trunk.body.error?.code, 'phone-invalid');
    assert.match(trunk.body.error!.message, /\+4915100000003/);
    const impossible = await post(await signedSample({ subject: { phone: '+999999999999999' } }, owner));
    assert.equal(impossible.body.error?.code, 'phone-invalid');
    assert.equal((await post(await signedSample({ subject: { phone: '+4915100000003' } }, owner))).status, 201);
    const history = await audit('phone=%2B49015100000003');
    assert.equal(history.status, 200);
    assert.equal(history.body.entries.length, 1, "the business's query with the trunk 0 finds the same person");
    assert.equal((await audit('phone=%2B999999999999999')).body.error?.code, 'phone-invalid');
  });

  it('refuses a capturedAt that is not a real RFC 3339 time, in the future, or older than the bound', async () => {
    const unsigned = await unsignedSample({ subject: { phone: '+4915120000400' } });
    for (const [capturedAt, code] of [
      ['2026-02-30T10:00:00.000Z', 'captured-at-invalid'],
      ['0001-01-01T00:00:00.000Z', 'captured-too-long-ago'],
      [new Date(Date.now() - 91 * 24 * 3600 * 1000).toISOString(), 'captured-too-long-ago'],
      [new Date(Date.now() + 3600 * 1000).toISOString(), 'record-rejected'],
    ]) {
      const answer = await post(await signRecord({ ...unsigned, id: crypto.randomUUID(), capturedAt }, owner));
      assert.equal(answer.status, 422, capturedAt);
      assert.equal(answer.body.error?.code, code, capturedAt);
    }
    const offlineForWeeks = await signRecord(
      { ...unsigned, id: crypto.randomUUID(), capturedAt: new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString() },
      owner,
    );
    assert.equal((await post(offlineForWeeks)).status, 201, 'a phone offline for weeks still delivers its outbox');
  });

  it("applies a person's records in capturedAt order: an older grant delivered late with their token never undoes a newer stop", async () => {
    const subject = { phone: '+4915120000500' };
    const token = await tokenFor(subject);
    await post(await signedSample({ subject, categories: CATEGORIES(true, true), capturedAt: new Date(Date.now() - 60 * 60_000) }, owner));
    await post(await signedSample({ kind: 'opt-out', subject, categories: CATEGORIES(false, false) }, owner));
    const late = await signedSample(
      { kind: 'preferences', subject, categories: [{ id: 'offers', label: 'Offers', granted: true }], capturedAt: new Date(Date.now() - 10 * 60_000) },
      owner,
    );
    assert.equal((await post(late, token)).status, 201);
    assert.deepEqual(granted((await preferences(subject)).categories), { offers: false, 'order-updates': false });
  });

  it("shows labels from the business's registry only: a stranger's lure labels and invented categories never reach the owner", async () => {
    const subject = { phone: '+4915120000600' };
    await post(await signedSample({ subject, categories: CATEGORIES(true, true) }, owner));
    const lure = await signedSample(
      {
        kind: 'opt-out',
        subject,
        categories: [
          { id: 'offers', label: 'You won a prize! Call +1 900 555 0100', granted: false },
          { id: 'call-us', label: 'Call +1 900 555 0100 to keep your account', granted: false },
        ],
      },
      stranger,
    );
    assert.equal((await post(lure)).status, 201, 'a withdrawal from any verified source is honoured');
    const state = await preferences(subject);
    assert.deepEqual(
      state.categories.map(({ id, label }) => ({ id, label })).sort((a, b) => a.id.localeCompare(b.id)),
      [
        { id: 'offers', label: 'Offers and promotions' },
        { id: 'order-updates', label: 'Order updates' },
      ],
    );
  });

  it('refuses a record that contradicts itself: a category twice, an opt-out that grants', async () => {
    const subject = { phone: '+4915120000700' };
    const twice = await post(
      await signedSample(
        {
          subject,
          categories: [
            { id: 'offers', label: 'Offers', granted: true },
            { id: 'offers', label: 'Offers', granted: false },
          ],
        },
        owner,
      ),
    );
    assert.equal(twice.status, 422);
    assert.equal(twice.body.error?.code, 'category-repeated');
    const grantingStop = await post(await signedSample({ kind: 'opt-out', subject, categories: CATEGORIES(true, false) }, owner));
    assert.equal(grantingStop.status, 422);
    assert.equal(grantingStop.body.error?.code, 'kind-contradicts-grants');
  });

  it('refuses text that is not well-formed Unicode with 422 text-invalid', async () => {
    const unsigned = await unsignedSample({ subject: { phone: '+4915120000800' } });
    const text = 'I agree \ud800 to receive offers';
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');
    const answer = await post(await signRecord({ ...unsigned, notice: { ...unsigned.notice, text, sha256: digest } }, owner));
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error?.code, 'text-invalid');
  });

  it('accepts parent BSUIDs (US.ENT.…) in records, tokens and webhooks', async () => {
    const bsuid = 'US.ENT.11815799212886844830';
    assert.equal((await post(await signedSample({ subject: { bsuid }, categories: CATEGORIES(true, false) }, owner))).status, 201);
    assert.equal((await admin('/preference-tokens', { method: 'POST', body: JSON.stringify({ bsuid }) })).status, 201);
    assert.equal((await webhook(messageNotification({ id: 'wamid.parent', userId: bsuid, text: 'STOP' })))[0].action, 'opted-out');
    assert.deepEqual(granted((await preferences({ bsuid })).categories), { offers: false, 'order-updates': false });
  });

  it("hears every opt-out signal: a stop word of another language, the business's own word, HELP, the Stop promotions button, Meta's marketing stop and error 131050", async () => {
    const optIn = async (phone: string, locale = 'en') =>
      post(await signedSample({ subject: { phone }, categories: CATEGORIES(true, true), notice: { locale, text: 'Ich stimme zu.' } }, owner));
    await optIn('+4915120000901', 'de');
    assert.equal(
      (await webhook(messageNotification({ id: 'wamid.baja', from: '4915120000901', text: 'baja' })))[0].action,
      'opted-out',
      'Spanish from a German conversation',
    );
    await optIn('+4915120000902');
    assert.equal((await webhook(messageNotification({ id: 'wamid.own', from: '4915120000902', text: 'BlumenStop' })))[0].action, 'opted-out');
    assert.equal((await webhook(messageNotification({ id: 'wamid.help', from: '4915120000902', text: 'HELP' })))[0].action, 'help');
    await optIn('+4915120000903');
    assert.equal((await webhook(messageNotification({ id: 'wamid.button', from: '4915120000903', button: 'Stop promotions' })))[0].action, 'opted-out');
    await optIn('+4915120000904');
    const preference = notification({
      contacts: [{ profile: { name: 'Kerry' }, wa_id: '4915120000904' }],
      user_preferences: [
        {
          wa_id: '4915120000904',
          detail: 'User requested to stop marketing messages',
          category: 'marketing_messages',
          value: 'stop',
          timestamp: Math.floor(Date.now() / 1000),
        },
      ],
    });
    assert.equal((await webhook(preference))[0].action, 'marketing-stopped');
    assert.deepEqual(
      granted((await preferences({ phone: '+4915120000904' })).categories),
      { offers: false, 'order-updates': true },
      'marketing stopped, order updates kept',
    );
    await optIn('+4915120000905');
    const failed = notification({
      statuses: [
        {
          id: 'wamid.sent-1',
          status: 'failed',
          timestamp: String(Math.floor(Date.now() / 1000)),
          recipient_id: '4915120000905',
          errors: [
            {
              code: 131050,
              title: 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
            },
          ],
        },
      ],
    });
    assert.equal((await webhook(failed))[0].action, 'marketing-stopped');
    assert.equal(granted((await preferences({ phone: '+4915120000905' })).categories).offers, false);
  });

  it("carries a person's state to the new number of Meta's user_changed_number message, and a STOP from the new number stops them", async () => {
    const oldPhone = '+4915120001000';
    const newPhone = '+4915120001001';
    await post(await signedSample({ subject: { phone: oldPhone }, categories: CATEGORIES(true, false) }, owner));
    const change = notification({
      messages: [
        {
          from: oldPhone.slice(1),
          id: 'wamid.number-change',
          timestamp: String(Math.floor(Date.now() / 1000)),
          type: 'system',
          system: {
            body: `User Kerry changed from ${oldPhone} to ${newPhone}`,
            wa_id: newPhone.slice(1),
            type: 'user_changed_number',
            user_id: 'DE.771000000001',
            previous_user_id: 'DE.771000000000',
          },
        },
      ],
    });
    assert.equal((await webhook(change))[0].action, 'identity-changed');
    assert.deepEqual(granted((await preferences({ phone: newPhone })).categories), { offers: true, 'order-updates': false });
    const identities = (await audit(`phone=${encodeURIComponent(newPhone)}`)).body.state.identities;
    assert.equal(identities.find((i) => i.phone === oldPhone)?.evidence, 'meta-webhook');
    assert.equal((await webhook(messageNotification({ id: 'wamid.new-stop', userId: 'DE.771000000001', text: 'STOP' })))[0].action, 'opted-out');
    assert.deepEqual(granted((await preferences({ phone: newPhone })).categories), { offers: false, 'order-updates': false });
  });
});
