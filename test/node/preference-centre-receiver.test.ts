import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { confirmationCodeFor } from '../../src/core/messages/confirmation-code.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import type { AuditExport } from '../../src/server/audit-export.js';
import { createConsentHandler } from '../../src/server/consent-handler.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { issuePreferenceToken } from '../../src/server/preference-tokens.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { webhookSignature } from '../../src/server/whatsapp-webhook-signature.js';
import { signRecord } from '../../src/core/record/sign-record.js';
import { generateTestKeyPair, signedSample, unsignedSample } from '../support/sample-record.js';

const ADMIN = 'admin-secret-for-tests-0123456789';
const APP_SECRET = 'whatsapp-app-secret';
const VERIFY_TOKEN = 'verify-me';

const OFFERS_AND_UPDATES = (offers: boolean, updates: boolean) => [
  { id: 'offers', label: 'Offers and promotions', granted: offers },
  { id: 'order-updates', label: 'Order updates', granted: updates },
];

/** A WhatsApp Cloud API message notification, as Meta posts it. */
function whatsappNotification(message: { id: string; from?: string; userId?: string; text: string; timestamp?: number }) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [
                { profile: { name: 'Kerry' }, ...(message.from ? { wa_id: message.from } : {}), ...(message.userId ? { user_id: message.userId } : {}) },
              ],
              messages: [
                {
                  ...(message.from ? { from: message.from } : {}),
                  id: message.id,
                  timestamp: String(message.timestamp ?? Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: message.text },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe('preference centre, audit export and WhatsApp webhook on a real receiver', () => {
  let dir: string;
  let dbFile: string;
  let server: RunningConsentServer;
  let device: CryptoKeyPair;

  before(async () => {
    device = await generateTestKeyPair();
  });
  // A fresh receiver and ledger for each test: no test reads another's records (or its forged row).
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-preferences-'));
    dbFile = join(dir, 'consents.db');
    server = await startConsentServer({
      db: dbFile,
      port: 0,
      adminToken: ADMIN,
      whatsapp: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
    });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (record: ConsentRecord, token?: string) =>
    fetch(`${server.url}/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(record),
    });
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json', ...init.headers } });
  const tokenFor = async (subject: object, ttlSeconds?: number) => {
    const response = await admin('/preference-tokens', { method: 'POST', body: JSON.stringify({ ...subject, ttlSeconds }) });
    assert.equal(response.status, 201);
    return ((await response.json()) as { token: string }).token;
  };
  const stateWith = async (token: string) => {
    const response = await fetch(`${server.url}/preferences`, { headers: { Authorization: `Bearer ${token}` } });
    return {
      status: response.status,
      body: (await response.json()) as { categories: Array<{ id: string; granted: boolean }>; confirmed: boolean; error?: { code: string } },
    };
  };
  const grantedMap = (categories: Array<{ id: string; granted: boolean }>) => Object.fromEntries(categories.map((c) => [c.id, c.granted]));
  const postWebhook = async (payload: unknown, secret = APP_SECRET) => {
    const body = JSON.stringify(payload);
    return fetch(`${server.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await webhookSignature(secret, body) },
      body,
    });
  };

  it('derives the current state from the ledger: latest signed event per category wins, history kept', async () => {
    const subject = { phone: '+4915111111111' };
    const optIn = await signedSample({ subject, categories: OFFERS_AND_UPDATES(true, true) }, device);
    const stopOffers = await signedSample({ kind: 'preferences', subject, categories: OFFERS_AND_UPDATES(false, true) }, device);
    const stopAll = await signedSample({ kind: 'opt-out', subject, categories: OFFERS_AND_UPDATES(false, false) }, device);
    const resumeUpdates = await signedSample(
      { kind: 'preferences', subject, categories: [{ id: 'order-updates', label: 'Order updates', granted: true }] },
      device,
    );
    const token = await tokenFor(subject);

    assert.equal((await post(optIn)).status, 201);
    assert.deepEqual(grantedMap((await stateWith(token)).body.categories), { offers: true, 'order-updates': true });
    assert.equal((await post(stopOffers)).status, 201);
    assert.deepEqual(grantedMap((await stateWith(token)).body.categories), { offers: false, 'order-updates': true });
    assert.equal((await post(stopAll)).status, 201);
    assert.deepEqual(grantedMap((await stateWith(token)).body.categories), { offers: false, 'order-updates': false });
    // Turning a stopped category back on takes the person's authority: their preference token.
    assert.equal((await post(resumeUpdates, token)).status, 201);
    assert.equal((await post(resumeUpdates, token)).status, 200, 'sent twice, stored once');
    assert.deepEqual(grantedMap((await stateWith(token)).body.categories), { offers: false, 'order-updates': true });

    const history = (await server.store.listBySubject!(subject)).map((e) => e.id);
    assert.deepEqual(history, [optIn.id, stopOffers.id, stopAll.id, resumeUpdates.id]);
  });

  it('refuses a preference token past its expiry, a forged one, a receipt, and none', async () => {
    const subject = { phone: '+4915122222222' };
    const key = await loadReceiverKey(server.store);
    const expired = await issuePreferenceToken(key, subject, { ttlSeconds: 3600, now: new Date(Date.now() - 2 * 3600 * 1000) });
    assert.equal((await stateWith(expired)).status, 401);
    assert.equal((await stateWith(expired)).body.error?.code, 'token-expired');

    const valid = await issuePreferenceToken(key, subject);
    const [header, payload, signature] = valid.split('.');
    const otherSubject = Buffer.from(JSON.stringify({ sub: { phone: '+4915133333333' }, iat: 1, exp: 4102444800 })).toString('base64url');
    assert.equal((await stateWith(`${header}.${otherSubject}.${signature}`)).body.error?.code, 'token-invalid');
    assert.equal((await stateWith(`${header}.${payload}.${signature.slice(0, -4)}AAAA`)).body.error?.code, 'token-invalid');

    const stored = (await (await post(await signedSample({ subject }, device))).json()) as { receipt: string };
    assert.equal((await stateWith(stored.receipt)).body.error?.code, 'token-invalid', 'a receipt is not a preference token');

    const none = await fetch(`${server.url}/preferences`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'token-missing');
    assert.equal((await stateWith(valid)).status, 200);
  });

  it('lets anyone stop messages without a token, and tells them nothing about the number', async () => {
    const subject = { phone: '+4915144444444' };
    await post(await signedSample({ subject, categories: OFFERS_AND_UPDATES(true, false) }, device));
    const stranger = await generateTestKeyPair();
    const stop = await signedSample({ kind: 'opt-out', subject, categories: OFFERS_AND_UPDATES(false, false) }, stranger);
    const response = await post(stop);
    assert.equal(response.status, 201);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['id', 'log', 'receipt', 'receivedAt', 'recordHash', 'seq', 'status']);
    // The answer to a never-seen number is the same shape: nothing tells the two apart.
    const unknown = await post(
      await signedSample({ kind: 'opt-out', subject: { phone: '+4915155555555' }, categories: OFFERS_AND_UPDATES(false, false) }, stranger),
    );
    assert.deepEqual(Object.keys((await unknown.json()) as object).sort(), Object.keys(body).sort());
    assert.deepEqual(grantedMap((await stateWith(await tokenFor(subject))).body.categories), { offers: false, 'order-updates': false });
  });

  it('keeps the business routes behind the admin token', async () => {
    assert.equal((await fetch(`${server.url}/audit/ledger`)).status, 401);
    assert.equal((await fetch(`${server.url}/audit/ledger`, { headers: { Authorization: 'Bearer wrong' } })).status, 401);
    const issue = await fetch(`${server.url}/preference-tokens`, { method: 'POST', body: JSON.stringify({ phone: '+4915111111111' }) });
    assert.equal(issue.status, 401);
    const bad = await admin('/preference-tokens', { method: 'POST', body: JSON.stringify({ phone: '015111' }) });
    assert.equal(bad.status, 422);
    assert.equal((await admin('/audit/subject?phone=nope')).status, 422);
    assert.equal((await admin('/audit/ledger?format=xml')).status, 400);
  });

  it("exports one subject's history in order, each record with its verification result, as JSON and CSV", async () => {
    const subject = { phone: '+4915111111111' };
    const token = await tokenFor(subject);
    for (const [record, authority] of [
      [await signedSample({ subject, categories: OFFERS_AND_UPDATES(true, true) }, device)],
      [await signedSample({ kind: 'preferences', subject, categories: OFFERS_AND_UPDATES(false, true) }, device)],
      [await signedSample({ kind: 'opt-out', subject, categories: OFFERS_AND_UPDATES(false, false) }, device)],
      [await signedSample({ kind: 'preferences', subject, categories: [{ id: 'order-updates', label: 'Order updates', granted: true }] }, device), token],
    ] as Array<[ConsentRecord, string?]>) {
      assert.equal((await post(record, authority)).status, 201);
    }
    await post(await signedSample({ subject: { phone: '+4915122222222' } }, device));
    const response = await admin(`/audit/subject?phone=${encodeURIComponent(subject.phone)}`);
    assert.equal(response.status, 200);
    const audit = (await response.json()) as AuditExport;
    assert.equal(audit.chain.ok, true);
    assert.deepEqual(
      audit.entries.map((e) => e.kind),
      ['opt-in', 'preferences', 'opt-out', 'preferences'],
    );
    const seqs = audit.entries.map((e) => e.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
    );
    for (const entry of audit.entries) {
      assert.equal(entry.verification.ok, true, `seq ${entry.seq}`);
      assert.equal(entry.verification.receiptValid, true);
      assert.equal(entry.record.subject.phone, subject.phone);
    }
    assert.deepEqual(grantedMap(audit.state!.categories), { offers: false, 'order-updates': true });

    const csv = await (await admin(`/audit/subject?phone=${encodeURIComponent(subject.phone)}&format=csv`)).text();
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 5);
    assert.match(lines[0], /^seq,id,kind,received_at,/);
    assert.match(lines[1], /,opt-in,.*,\+4915111111111,.*offers=granted;order-updates=granted.*,true,true,true,,true,$/);
  });

  it('shows a tampered ledger in the export: the chain breaks at the forged row', async () => {
    for (const phone of ['+4915111111111', '+4915122222222']) assert.equal((await post(await signedSample({ subject: { phone } }, device))).status, 201);
    const before = (await (await admin('/audit/ledger')).json()) as AuditExport;
    assert.equal(before.chain.ok, true);
    const last = before.entries.at(-1)!;
    const db = new Database(dbFile);
    try {
      // Append-only triggers stop UPDATE and DELETE; a forged INSERT is still possible at the file level.
      const forged = await signedSample({ kind: 'opt-in', subject: { phone: '+4915111111111' } }, device);
      db.prepare(
        `INSERT INTO ledger (seq, id, record_json, record_hash, key_thumbprint, received_at, receipt, prev_hash, chain_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(last.seq + 1, forged.id, JSON.stringify(forged), 'f'.repeat(64), 'x', new Date().toISOString(), 'a.b.c', last.chainHash, '0'.repeat(64));
    } finally {
      db.close();
    }
    const after = (await (await admin('/audit/ledger')).json()) as AuditExport;
    assert.equal(after.chain.ok, false);
    assert.equal(after.chain.brokenAtSeq, last.seq + 1);
    const forgedEntry = after.entries.at(-1)!;
    assert.equal(forgedEntry.verification.hashMatches, false);
    assert.equal(forgedEntry.verification.receiptValid, false);
    const csv = await (await admin('/audit/ledger?format=csv')).text();
    assert.match(csv.trimEnd().split('\r\n').at(-1)!, /,false,$/);
  });

  it('answers the webhook subscription handshake only with the verify token', async () => {
    const ok = await fetch(`${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), '1158201444');
    const wrong = await fetch(`${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    assert.equal(wrong.status, 403);
  });

  it('refuses a webhook notification not signed with the app secret', async () => {
    const response = await postWebhook(whatsappNotification({ id: 'wamid.forged', from: '4915166666666', text: 'STOP' }), 'not-the-secret');
    assert.equal(response.status, 401);
    assert.equal(await server.store.findById('wamid.forged'), undefined);
  });

  it('turns a STOP reply into one opt-out record signed on arrival, and a resume reply restores what it stopped', async () => {
    const subject = { phone: '+4915177777777' };
    await post(await signedSample({ subject, categories: OFFERS_AND_UPDATES(true, false) }, device));
    const token = await tokenFor(subject);

    for (const [id, text] of [
      ['wamid.chat', "don't stop"],
      ['wamid.fine', 'Fine'],
    ]) {
      // "Fine" is Italian for "end", but this person opted in in English: both go to review, neither stops.
      const review = (await (await postWebhook(whatsappNotification({ id, from: '4915177777777', text }))).json()) as { results: Array<{ action: string }> };
      assert.equal(review.results[0].action, 'possible-opt-out', text);
    }
    assert.deepEqual(grantedMap((await stateWith(token)).body.categories), { offers: true, 'order-updates': false });

    const stop = whatsappNotification({ id: 'wamid.stop1', from: '4915177777777', text: '  Stop! ' });
    const first = (await (await postWebhook(stop)).json()) as { results: Array<{ action: string; recordId: string; created: boolean }> };
    assert.equal(first.results[0].action, 'opted-out');
    assert.equal(first.results[0].created, true);
    const again = (await (await postWebhook(stop)).json()) as { results: Array<{ recordId: string; created: boolean }> };
    assert.equal(again.results[0].recordId, first.results[0].recordId, 're-delivered by the platform: same record');
    assert.equal(again.results[0].created, false);
    assert.deepEqual(grantedMap((await stateWith(token)).body.categories), { offers: false, 'order-updates': false });

    const stored = (await server.store.findById(first.results[0].recordId))!;
    assert.equal(stored.record.kind, 'opt-out');
    assert.equal(stored.record.notice.text, '  Stop! ');
    assert.equal(stored.record.inbound?.messageId, 'wamid.stop1');
    assert.equal((await verifyConsentRecord(stored.record)).ok, true);
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    assert.equal(stored.keyThumbprint, jwks.keys[0].kid, "signed by the receiver's own key");

    const resume = (await (await postWebhook(whatsappNotification({ id: 'wamid.start1', from: '4915177777777', text: 'START' }))).json()) as {
      results: Array<{ action: string }>;
    };
    assert.equal(resume.results[0].action, 'resumed');
    assert.deepEqual(grantedMap((await stateWith(token)).body.categories), { offers: true, 'order-updates': false });
  });

  it('stores a STOP from a number it has never seen, and shows no made-up category for it', async () => {
    const result = (await (await postWebhook(whatsappNotification({ id: 'wamid.stranger', from: '4915199990000', text: 'STOP' }))).json()) as {
      results: Array<{ action: string; recordId: string }>;
    };
    assert.equal(result.results[0].action, 'opted-out');
    const stored = (await server.store.findById(result.results[0].recordId))!;
    assert.deepEqual(stored.record.categories, [{ id: 'all', label: 'All messages', granted: false }]);
    const state = await stateWith(await tokenFor({ phone: '+4915199990000' }));
    assert.deepEqual(state.body.categories, []);
    // The STOP stopped everything: a later opt-in without the person's proof waits for their confirmation.
    const optIn = await signedSample({ subject: { phone: '+4915199990000' }, categories: OFFERS_AND_UPDATES(true, false) }, device);
    await post(optIn);
    assert.deepEqual(grantedMap((await stateWith(await tokenFor({ phone: '+4915199990000' }))).body.categories), { 'order-updates': false }, 'offers waits');
    // The person sends its code from their own WhatsApp: now it stands, confirmed.
    const code = await confirmationCodeFor(optIn.id);
    await postWebhook(whatsappNotification({ id: 'wamid.stranger-confirms', from: '4915199990000', text: code }));
    const confirmed = await stateWith(await tokenFor({ phone: '+4915199990000' }));
    assert.deepEqual(grantedMap(confirmed.body.categories), { offers: true, 'order-updates': false });
    assert.equal(confirmed.body.confirmed, true);
  });

  it("stores a confirmation linked to the opt-in when its code comes back from WhatsApp, with the sender's BSUID", async () => {
    const subject = { phone: '+4915188888888' };
    const optIn = await signedSample({ subject, categories: OFFERS_AND_UPDATES(true, true) }, device);
    await post(optIn);
    const code = await confirmationCodeFor(optIn.id);
    const response = await postWebhook(
      whatsappNotification({
        id: 'wamid.confirm1',
        from: '4915188888888',
        userId: 'DE.8812345678901234',
        text: `Confirm my subscription to Blumen Berlin: ${code.toLowerCase()}`,
      }),
    );
    assert.equal(response.status, 200);
    const { results } = (await response.json()) as { results: Array<{ action: string; recordId: string; confirms: string }> };
    assert.equal(results[0].action, 'confirmed');
    assert.equal(results[0].confirms, optIn.id);
    const confirmation = (await server.store.findById(results[0].recordId))!.record;
    assert.equal(confirmation.kind, 'confirmation');
    assert.deepEqual(confirmation.confirms, { recordId: optIn.id, code });
    assert.deepEqual(confirmation.subject, { phone: '+4915188888888', bsuid: 'DE.8812345678901234' });
    assert.deepEqual(confirmation.policy.checks, [{ id: 'sender-is-subject', passed: true }]);
    assert.equal((await verifyConsentRecord(confirmation)).ok, true);
    assert.equal((await stateWith(await tokenFor(subject))).body.confirmed, true);
  });

  it('refuses an oversized webhook body with 413', async () => {
    // Through the Web-standard handler itself: a 2 MiB upload that the answer interrupts is about sockets, not this route.
    const handler = createConsentHandler({ store: server.store, whatsapp: { appSecret: APP_SECRET } });
    const response = await handler(
      new Request('http://receiver.test/webhooks/whatsapp', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': 'sha256=00' },
        body: 'x'.repeat(2 * 1024 * 1024),
      }),
    );
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'body-too-large');
  });

  it('finds the opt-in of a code sent from another account (a username only), and says the sender is not its subject', async () => {
    for (let round = 0; round < 2; round++) {
      // The second round stores its opt-in after the index has caught up once: it must still be found.
      const optIn = await signedSample({ subject: { phone: `+491519000000${round}` } }, device);
      await post(optIn);
      const code = await confirmationCodeFor(optIn.id);
      const answer = (await (
        await postWebhook(whatsappNotification({ id: `wamid.other-${round}`, userId: `US.55500000000${round}`, text: `Code: ${code}` }))
      ).json()) as { results: Array<{ action: string; recordId: string; confirms: string }> };
      assert.equal(answer.results[0].action, 'confirmed');
      assert.equal(answer.results[0].confirms, optIn.id);
      const confirmation = (await server.store.findById(answer.results[0].recordId))!.record;
      assert.deepEqual(confirmation.subject, { bsuid: `US.55500000000${round}` });
      assert.deepEqual(confirmation.policy.checks, [{ id: 'sender-is-subject', passed: false }]);
    }
  });

  it('turns an SMS STOP relayed by the business into one sms opt-out record, behind the admin token', async () => {
    const phone = '+12015550123';
    await post(await signedSample({ subject: { phone }, channel: 'sms', categories: OFFERS_AND_UPDATES(true, true) }, device));
    const relay = (body: object, authorized = true) =>
      fetch(`${server.url}/inbound-messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(authorized ? { Authorization: `Bearer ${ADMIN}` } : {}) },
        body: JSON.stringify(body),
      });
    const message = { channel: 'sms', messageId: 'SM0123456789', phone, text: 'stop.', sentAt: new Date(Date.now() - 1000).toISOString() };
    assert.equal((await relay(message, false)).status, 401);
    assert.equal((await relay({ ...message, phone: '555' })).status, 422);
    const first = (await (await relay(message)).json()) as { action: string; recordId: string; created: boolean };
    const again = (await (await relay(message)).json()) as { action: string; recordId: string; created: boolean };
    assert.equal(first.action, 'opted-out');
    assert.equal(again.recordId, first.recordId);
    assert.equal(again.created, false, 'relayed twice, stored once');
    const record = (await server.store.findById(first.recordId))!.record;
    assert.equal(record.channel, 'sms');
    assert.equal(record.collection.source, 'sms');
    assert.deepEqual(grantedMap((await stateWith(await tokenFor({ phone }))).body.categories), { offers: false, 'order-updates': false });
  });

  it("refuses a confirmation posted to /consents: only the receiver's webhook makes one", async () => {
    const subject = { phone: '+4915100001111' };
    const optIn = await signedSample({ subject }, device);
    await post(optIn);
    const forged = await signedSample({ kind: 'confirmation' as ConsentRecord['kind'], subject }, device);
    const unsignedLink = await unsignedSample({ kind: 'opt-in', subject });
    const withLink = await signRecord({ ...unsignedLink, confirms: { recordId: optIn.id, code: await confirmationCodeFor(optIn.id) } }, device);
    assert.equal((await verifyConsentRecord(withLink)).ok, true, 'validly signed: refused for what it claims, not its signature');
    for (const record of [forged, withLink]) {
      const response = await post(record as ConsentRecord);
      assert.equal(response.status, 422);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'record-rejected');
    }
    assert.equal((await stateWith(await tokenFor(subject))).body.confirmed, false);
  });

  it('answers a malformed webhook body with 400, never 5xx', async () => {
    const body = '{not json';
    const response = await fetch(`${server.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await webhookSignature(APP_SECRET, body) },
      body,
    });
    assert.equal(response.status, 400);
    const odd = await postWebhook({ entry: [{ changes: [{ value: { messages: [{ id: 1 }, null, 'x'] } }] }] });
    assert.equal(odd.status, 200);
  });
});
