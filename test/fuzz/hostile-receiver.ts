/**
 * Property-based attacks on the real receiver (`startConsentServer` on a real SQLite file, over
 * HTTP on 127.0.0.1), shared by the bounded run in `npm run test:node` and the long random runs
 * of `npm run fuzz`. Inputs are generated, not listed: records genuinely signed by fresh device
 * keys with hostile content, signed WhatsApp deliveries mixing good and bad messages, and hostile
 * queries and tokens for the audit and preference routes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ConsentRecord, RecordSubject } from '../../src/core/record/consent-record.js';
import { signRecord } from '../../src/core/record/sign-record.js';
import { countFunnelEvents, type FunnelCount, readFunnelBatch } from '../../src/core/notice/funnel-events.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type ConsentHandler, createConsentHandler } from '../../src/server/consent-handler.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { issuePreferenceToken } from '../../src/server/preference-tokens.js';
import { loadReceiverKey, type ReceiverKey } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { loadSubjectState } from '../../src/server/subject-state.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { rawRequest } from '../support/raw-http.js';
import { generateTestKeyPair, unsignedSample } from '../support/sample-record.js';
import { signedDelivery, type TestMessage, whatsappDelivery } from '../support/whatsapp-delivery.js';

export const FUZZ_ADMIN_TOKEN = 'fuzz-admin-token-5f0c3b9a1e7d4c2b8a6f0e9d';
export const FUZZ_APP_SECRET = 'fuzz-whatsapp-app-secret';
/** A person nobody in the generated traffic is: their state must never move. */
const BYSTANDER = { phone: '+4915100000001' };
/** A person who opted in, then out of everything: a stranger's grant must not turn them back on. */
const STOPPED_OWNER = { phone: '+4915100000002' };

export interface FuzzReceiver {
  server: RunningConsentServer;
  /** The same store behind a handler, for routes where the client address matters. */
  handler: ConsentHandler;
  key: ReceiverKey;
  close(): Promise<void>;
}

export async function startFuzzReceiver(): Promise<FuzzReceiver> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-hostile-fuzz-'));
  const server = await startConsentServer({
    // Durability is tested elsewhere (the SIGKILL tests); syncing each commit would make the suite wait on the disk.
    store: new SqliteConsentStore(join(dir, 'consents.db'), { synchronous: 'normal' }),
    port: 0,
    verificationThread: false,
    adminToken: FUZZ_ADMIN_TOKEN,
    whatsapp: { appSecret: FUZZ_APP_SECRET },
    // The fuzzer is one address sending thousands of records: abuse limits would answer most of them 429.
    rateLimits: { perClient: false, perSubject: false, perWithdrawal: false },
  });
  const handler = createConsentHandler({
    store: server.store,
    adminToken: FUZZ_ADMIN_TOKEN,
    rateLimits: { perClient: false, perSubject: false, perWithdrawal: false },
  });
  const key = await loadReceiverKey(server.store);
  const owner = await generateTestKeyPair();
  for (const [subject, kinds] of [
    [BYSTANDER, ['opt-in']],
    [STOPPED_OWNER, ['opt-in', 'opt-out']],
  ] as const) {
    for (const kind of kinds) {
      const record = await signRecord(
        await unsignedSample({
          kind,
          subject,
          capturedAt: new Date(Date.now() - 60_000),
          categories: [
            { id: 'offers', label: 'Offers', granted: kind === 'opt-in' },
            { id: 'order-updates', label: 'Order updates', granted: kind === 'opt-in' },
          ],
        }),
        owner,
      );
      const answer = await postJson(server.url, '/consents', record);
      assert.equal(answer.status, 201, `setting up ${subject.phone}: ${JSON.stringify(answer.body)}`);
    }
  }
  return {
    server,
    handler,
    key,
    async close() {
      const check = await verifyLedger(server.store);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      assert.ok(check.ok, `verify-ledger after the fuzzing: ${JSON.stringify(check.firstBroken)}`);
    },
  };
}

type Answer = {
  status: number;
  text: string;
  body: Record<string, unknown> & { error?: { code?: string }; id?: string; seq?: number; results?: Array<Record<string, unknown>> };
};

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text);
  } catch {
    // CSV or empty
  }
  return { status: response.status, text, body };
}

async function postJson(url: string, path: string, value: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const body = typeof value === 'string' ? value : JSON.stringify(value);
  return answerOf(await fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }));
}

function assertClientAnswer(answer: Answer, what: string): void {
  assert.ok(answer.status < 500, `${what}: answered ${answer.status} ${answer.text.slice(0, 500)}`);
  assert.doesNotMatch(answer.text, /\n\s+at [^\n]*:\d+:\d+/, `${what}: a stack trace in the answer`);
  if (answer.status >= 400) assert.equal(typeof answer.body.error?.code, 'string', `${what}: ${answer.status} without an error code`);
}

function assertNoPrototypePollution(): void {
  const probe = {} as Record<string, unknown>;
  for (const name of ['polluted', 'isAdmin', 'granted', 'x']) assert.equal(probe[name], undefined, `Object.prototype.${name} was set`);
}

const stateOf = async (fuzz: FuzzReceiver, subject: RecordSubject) =>
  JSON.stringify((await loadSubjectState(fuzz.server.store, subject, fuzz.key.publicJwk.kid)).categories.map(({ id, granted }) => [id, granted]));

// ---------------------------------------------------------------------------------------------
// Hostile values

const bidi = fc.constantFrom('\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f', '\u200e', '\u061c');
const oddUnicode = fc.constantFrom(
  '\u0000',
  '\ufeff',
  '\u200b',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  'e\u0301',
  '\u00e9',
  '\uffff',
  '\u{10ffff}',
  'İ',
  'ß',
  '\u0085',
  '\u2028',
  '\r\n',
  '\\',
  '"',
  '</script>',
);
const nonAsciiDigits = fc.constantFrom('٤٩١٥١٢٣٤٥٦٧٨٩', '४९१५१२३४५६७८९', '４９１５１２３４５６７８９', '໔໙໑໕໑໒໓໔໕໖໗໘໙', '𝟜𝟡𝟙𝟝𝟙𝟚𝟛𝟜𝟝𝟞𝟟𝟠𝟡');
const prototypeKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__');
const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 3 });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.oneof(bidi, oddUnicode, nonAsciiDigits, loneSurrogates, fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join('')),
  prototypeKeys,
  fc.constantFrom('', ' ', '9'.repeat(400), 'x'.repeat(20_000), 'x'.repeat(70_000)),
);

/** Cursors and limits of the change feed: numbers around the edges, and everything that is not one. */
const hostileCursor = fc.oneof(
  fc.integer({ min: -5, max: 2000 }).map(String),
  fc.constantFrom('0', '00', '1e3', '0x10', '9007199254740993', '99999999999999999999', '-0', ' 1', '1 ', '+1', 'NaN', 'Infinity', '1.0', '１'),
);

const hostilePhone = fc.oneof(
  nonAsciiDigits.map((d) => `+${d}`),
  fc.constantFrom('+49 151 2345 6789', '+49015100000003', '+999999999999999', '+4915123456789\u202e', '004915123456789', '+1', '+', 'tel:+4915123456789'),
  fc.integer({ min: 4915000000000, max: 4915999999999 }).map((n) => `+${n}`),
  fc.integer({ min: 4915000000000, max: 4915999999999 }) as fc.Arbitrary<unknown>,
  hostileString,
);

const hostileDate = fc.oneof(
  fc.constantFrom(
    '2026-02-30T10:00:00Z',
    '2026-13-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '2026-12-03T23:59:60Z',
    '+275760-09-13T00:00:00.000Z',
    '2026-12-03T10:00:00+25:00',
    '2026-12-03',
    '2026-12-03T10:00:00',
    '٢٠٢٦-١٢-٠٣T10:00:00Z',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer() as fc.Arbitrary<unknown>,
  hostileString,
);

/** A JSON value of a given nesting depth, built without recursion so the test itself survives it. */
const deep = fc.integer({ min: 100, max: 3000 }).map((depth) => {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  deep,
  hostileString,
  fc.constantFrom('true', '1', '1e400', '-0', 'NaN', 'null'),
  fc.array(fc.constant({ id: 'offers', label: 'Offers', granted: true }), { minLength: 200, maxLength: 1200 }),
);

/** Where a hostile value goes in an otherwise genuine record, and whether the notice hash follows the text. */
type Edit = { path: string[]; value: unknown };

const categoryEdits = fc.oneof(
  fc.constant<Edit>({
    path: ['categories'],
    value: [
      { id: 'offers', label: 'Offers', granted: true },
      { id: 'offers', label: 'Offers', granted: false },
    ],
  }),
  prototypeKeys.map<Edit>((id) => ({ path: ['categories'], value: [{ id, label: id, granted: true }] })),
  hostileString.map<Edit>((label) => ({ path: ['categories', '0', 'label'], value: label })),
  hostileString.map<Edit>((id) => ({ path: ['categories', '0', 'id'], value: id })),
  fc.constantFrom<unknown>('true', 1, null, 'false').map<Edit>((granted) => ({ path: ['categories', '0', 'granted'], value: granted })),
);

const recordEdit: fc.Arbitrary<Edit> = fc.oneof(
  hostileString.map((text) => ({ path: ['notice', 'text'], value: text })),
  hostileString.map((locale) => ({ path: ['notice', 'locale'], value: locale })),
  hostilePhone.map((phone) => ({ path: ['subject', 'phone'], value: phone })),
  fc
    .oneof(fc.constantFrom('US.ENT.13491208655302741918', 'US.13491208655302741918', 'us.1349'), hostileString)
    .map((bsuid) => ({ path: ['subject', 'bsuid'], value: bsuid })),
  hostileDate.map((date) => ({ path: ['capturedAt'], value: date })),
  categoryEdits,
  fc.constantFrom<unknown>('12', -1, 1e308, 0, '0x10', 3.5).map((fillMs) => ({ path: ['collection', 'fillMs'], value: fillMs })),
  fc.constantFrom<unknown>(true, 'true', 1).map((honeypot) => ({ path: ['collection', 'honeypot'], value: honeypot })),
  hostileString.map((url) => ({ path: ['collection', 'pageUrl'], value: url })),
  fc.constantFrom<unknown>('opt-out', 'preferences', 'confirmation', 'OPT-IN', 'opt-in ').map((kind) => ({ path: ['kind'], value: kind })),
  fc.tuple(prototypeKeys, hostileJson).map(([key, value]) => ({ path: [key], value })),
  fc.tuple(prototypeKeys, fc.constant({ polluted: true, isAdmin: true })).map(([key, value]) => ({ path: ['collection', key], value })),
  fc.tuple(fc.string({ maxLength: 8 }), hostileJson).map(([key, value]) => ({ path: ['extra', key], value })),
  hostileJson.map((value) => ({ path: ['subject'], value })),
);

/** Hostile content the schema allows: these reach verification, storage and the state. */
const acceptableEdit: fc.Arbitrary<Edit> = fc.oneof(
  hostileString.filter((t) => t.length > 0 && t.length < 20_000).map((text) => ({ path: ['notice', 'text'], value: text })),
  hostileString.filter((t) => t.length > 0 && t.length < 200).map((label) => ({ path: ['categories', '0', 'label'], value: label })),
  fc.constantFrom<unknown>(0, 1, 299, 300, 5000).map((fillMs) => ({ path: ['collection', 'fillMs'], value: fillMs })),
  fc.boolean().map((honeypot) => ({ path: ['collection', 'honeypot'], value: honeypot })),
  fc
    .constantFrom('https://shop.example/\u202etxt.exe', 'https://xn--80ak6aa92e.com/', 'https://shop.example/%F0%9F%98%80')
    .map((url) => ({ path: ['collection', 'pageUrl'], value: url })),
  fc.constantFrom<unknown>('opt-out', 'preferences').map((kind) => ({ path: ['kind'], value: kind })),
);

/** Sets a member by path with own data properties only (JSON.parse semantics: `__proto__` is a plain key). */
function applyEdit(record: Record<string, unknown>, edit: Edit): void {
  let node: Record<string, unknown> = record;
  for (const key of edit.path.slice(0, -1)) {
    const child = Object.hasOwn(node, key) ? node[key] : undefined;
    const next = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {};
    Object.defineProperty(node, key, { value: next, enumerable: true, writable: true, configurable: true });
    node = next;
  }
  Object.defineProperty(node, edit.path.at(-1)!, { value: edit.value, enumerable: true, writable: true, configurable: true });
}

let sequence = 0;
/** Fresh phone numbers for generated records, far from the bystander's and the owner's. */
const freshPhone = () => `+49152${String(10_000_000 + (sequence++ % 89_999_999)).padStart(8, '0')}`;

/** A genuine record from a fresh device key, with hostile edits made before signing (what a hostile device does). */
async function hostileRecord(edits: Edit[], rehash: boolean, kind: 'opt-in' | 'opt-out' | 'preferences'): Promise<ConsentRecord> {
  const record = structuredClone(await unsignedSample({ kind, subject: { phone: freshPhone() } })) as unknown as Record<string, unknown>;
  for (const edit of edits) applyEdit(record, edit);
  const notice = record.notice as { text?: unknown; sha256?: unknown } | undefined;
  if (rehash && notice && typeof notice.text === 'string') notice.sha256 = createHash('sha256').update(notice.text, 'utf8').digest('hex');
  return signRecord(record as never, await generateTestKeyPair());
}

// ---------------------------------------------------------------------------------------------
// Properties

/** `POST /consents` with hostile signed records, each sent twice. */
export function hostileRecordProperty(fuzz: FuzzReceiver) {
  return fc.asyncProperty(
    fc.oneof(
      { arbitrary: fc.array(recordEdit, { minLength: 1, maxLength: 3 }), weight: 1 },
      { arbitrary: fc.array(acceptableEdit, { minLength: 1, maxLength: 2 }), weight: 2 },
    ),
    fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
    fc.constantFrom('opt-in' as const, 'opt-out' as const, 'preferences' as const),
    async (edits, rehash, kind) => {
      let record: ConsentRecord;
      try {
        record = await hostileRecord(edits, rehash, kind);
      } catch {
        return; // the test's own signer refused the value (e.g. a depth its canonicaliser cannot reach): nothing to send
      }
      const body = JSON.stringify(record);
      const bystanderBefore = await stateOf(fuzz, BYSTANDER);
      const first = await postJson(fuzz.server.url, '/consents', body);
      const second = await postJson(fuzz.server.url, '/consents', body);
      assertClientAnswer(first, 'first post');
      assertClientAnswer(second, 'second post');
      if (first.status === 201 && first.body.seq !== undefined) {
        assert.equal(second.status, 200, 'the same record again is a duplicate');
        assert.equal(second.body.seq, first.body.seq, 'one row');
      } else {
        assert.equal(second.status, first.status, `the same request twice gives the same answer: ${first.text.slice(0, 200)} / ${second.text.slice(0, 200)}`);
        assert.equal(second.body.error?.code, first.body.error?.code);
      }
      const id = typeof record.id === 'string' ? record.id : undefined;
      const stored = id ? await fuzz.server.store.findById(id) : undefined;
      if (stored) {
        const check = await verifyConsentRecord(stored.record, { now: new Date(stored.receivedAt) });
        assert.ok(check.ok, `a stored record fails verification: ${JSON.stringify(!check.ok && check.errors)}`);
      }
      assert.equal(await stateOf(fuzz, BYSTANDER), bystanderBefore, "another person's state changed");
      assertNoPrototypePollution();
    },
  );
}

type GeneratedMessage = { message: TestMessage | unknown; stop?: { id: string; phone: string } };

let messageSequence = 0;
const nextMessageId = () => `wamid.FUZZ${Date.now().toString(36)}${(messageSequence++).toString(36)}`;

const goodStop = fc.constantFrom('STOP', 'stop', 'Stop', 'STOP ').map((text): GeneratedMessage => {
  const phone = freshPhone();
  const id = nextMessageId();
  return { message: { id, from: phone.slice(1), text }, stop: { id, phone } };
});
const goodOther = hostileString.map((text): GeneratedMessage => ({ message: { id: nextMessageId(), from: freshPhone().slice(1), text: text || 'hi' } }));
/** A message given as JSON text, for values too deep for the test's own JSON.stringify to write. */
class RawJson {
  constructor(readonly text: string) {}
}

const deepText = fc
  .tuple(fc.integer({ min: 5_000, max: 60_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => new RawJson(`${open.repeat(depth)}0${(open === '[' ? ']' : '}').repeat(depth)}`));

const badMessage = fc.oneof(
  fc.constantFrom<unknown>('99999999999999999', '-5', '1.5e300', { $gt: 1 }, 'NaN', '', [1], '9'.repeat(40)).map((timestamp): GeneratedMessage => ({
    message: { id: nextMessageId(), from: freshPhone().slice(1), text: 'hello', timestamp },
  })),
  hostileJson.map((message): GeneratedMessage => ({ message })),
  deepText.map((message): GeneratedMessage => ({ message })),
  fc
    .record({ id: fc.oneof(fc.integer() as fc.Arbitrary<unknown>, hostileString), from: fc.oneof(nonAsciiDigits, hostileString), text: hostileJson })
    .map((fields): GeneratedMessage => ({ message: { ...fields, timestamp: '1764700000' } })),
);

function deliveryWith(messages: GeneratedMessage[]): string {
  const raw: string[] = [];
  const payload = whatsappDelivery([]);
  const value = payload.entry[0].changes[0].value as { messages: unknown[]; contacts: unknown[] };
  for (const { message } of messages) {
    if (message instanceof RawJson) {
      value.messages.push(`__raw_${raw.length}__`);
      raw.push(message.text);
      continue;
    }
    const m = message as Partial<TestMessage> | undefined;
    const wellFormed = typeof m === 'object' && m !== null && typeof m.text === 'string' && typeof m.id === 'string';
    value.messages.push(
      wellFormed ? { from: m.from, id: m.id, timestamp: m.timestamp ?? String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: m.text } } : message,
    );
  }
  return JSON.stringify(payload).replace(/"__raw_(\d+)__"/g, (_, i: string) => raw[Number(i)]);
}

/** Signed WhatsApp deliveries mixing good and bad messages, each delivered twice. */
export function webhookDeliveryProperty(fuzz: FuzzReceiver) {
  return fc.asyncProperty(fc.array(fc.oneof(goodStop, goodOther, badMessage), { minLength: 1, maxLength: 6 }), async (messages) => {
    const { body, headers } = await signedDelivery(deliveryWith(messages), FUZZ_APP_SECRET);
    const bystanderBefore = await stateOf(fuzz, BYSTANDER);
    const send = async () => answerOf(await fetch(`${fuzz.server.url}/webhooks/whatsapp`, { method: 'POST', headers, body }));
    const first = await send();
    const second = await send();
    assertClientAnswer(first, 'first delivery');
    assert.equal(first.status, 200, `a signed JSON delivery is answered 200: ${first.text.slice(0, 300)}`);
    assert.equal(second.status, 200);
    const summary = (a: Answer) => JSON.stringify(a.body.results?.map((r) => [r.messageId, r.action, r.recordId]));
    assert.equal(summary(second), summary(first), 'the same delivery twice gives the same answer');
    for (const { stop } of messages) {
      if (!stop) continue;
      const rows = (await fuzz.server.store.listBySubject!({ phone: stop.phone })).filter((e) => e.record.inbound?.messageId === stop.id);
      assert.equal(rows.length, 1, `the STOP ${stop.id} is stored once`);
      const state = await loadSubjectState(fuzz.server.store, { phone: stop.phone }, fuzz.key.publicJwk.kid);
      assert.ok(
        state.categories.every((c) => !c.granted),
        `the STOP of ${stop.phone} is effective`,
      );
    }
    assert.equal(await stateOf(fuzz, BYSTANDER), bystanderBefore, "another person's state changed");
    assertNoPrototypePollution();
  });
}

const tamper = fc.oneof(
  fc.constant((t: string) => t.slice(0, -2) + (t.endsWith('AA') ? 'BB' : 'AA')),
  fc.constant((t: string) => t.split('.').slice(0, 2).join('.')),
  fc.constant((t: string) => `${Buffer.from('{"alg":"none","typ":"optin-preferences+jwt"}').toString('base64url')}.${t.split('.')[1]}.`),
  fc.constant((t: string) => {
    const [h, , s] = t.split('.');
    return `${h}.${Buffer.from(JSON.stringify({ sub: BYSTANDER, iat: 1, exp: 9_999_999_999 })).toString('base64url')}.${s}`;
  }),
  fc.constant((t: string) => t.toUpperCase()),
  fc.constant((t: string) => `${t}.${t}`),
);

/** Hostile queries for the audit route, and hostile or tampered tokens for the preference and admin routes. */
export function queryAndTokenProperty(fuzz: FuzzReceiver) {
  const query = fc.oneof(
    fc.webQueryParameters(),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('phone', 'bsuid', 'format', 'after', 'limit', '__proto__', 'constructor'), fc.string()),
          fc.oneof(hostilePhone.map(String), hostileString, hostileCursor),
        ),
        { maxLength: 4 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`).join('&')),
  );
  return fc.asyncProperty(query, fc.oneof(hostileString, fc.constant('')), tamper, fc.ipV4(), async (q, randomToken, tamperWith, address) => {
    const call = (path: string, init: RequestInit = {}, clientAddress = '192.0.2.200') =>
      fuzz.handler(new Request(`http://receiver.test${path}`, init), { clientAddress }).then(answerOf);
    const bearer = (token: string) => ({ Authorization: `Bearer ${token.replace(/[^\x21-\x7e]/g, '')}` });
    const audit = await call(`/audit/subject?${q}`, { headers: bearer(FUZZ_ADMIN_TOKEN) });
    assertClientAnswer(audit, `audit ?${q}`);
    if (audit.status === 200 && audit.body.entries) {
      // Whatever the query, an answer only ever holds the queried person's records.
      const entries = audit.body.entries as Array<{ record: ConsentRecord }>;
      const phones = new Set(entries.map((e) => e.record.subject.phone ?? e.record.subject.bsuid));
      assert.ok(phones.size <= 2, `one person's history: ${[...phones].join(', ')}`);
    }
    const changes = await call(`/changes?${q}`, { headers: bearer(FUZZ_ADMIN_TOKEN) });
    assertClientAnswer(changes, `changes ?${q}`);
    if (changes.status === 200) {
      // Whatever the cursor, a page is in ledger order and ends at its own next cursor.
      const page = changes.body as unknown as { events: Array<{ cursor: string }>; next: string };
      const cursors = page.events.map((e) => Number(e.cursor));
      assert.deepEqual(
        cursors,
        [...cursors].sort((x, y) => x - y),
        `changes ?${q}: out of order`,
      );
      assert.ok(
        cursors.every((c) => c <= Number(page.next)),
        `changes ?${q}: next ${page.next} before an event`,
      );
    } else {
      assert.ok([400, 401, 429].includes(changes.status), `changes ?${q}: ${changes.status} ${changes.text.slice(0, 200)}`);
    }
    const realToken = await issuePreferenceToken(fuzz.key, STOPPED_OWNER);
    const forged = tamperWith(realToken);
    for (const token of [randomToken, forged]) {
      if (token === realToken) continue;
      const preferences = await call('/preferences', { headers: bearer(token) });
      assertClientAnswer(preferences, 'preferences with a forged token');
      assert.equal(preferences.status, 401, `a forged token reads nobody's state: ${token.slice(0, 80)}`);
      const admin = await call('/audit/ledger', { headers: bearer(token) }, address);
      assertClientAnswer(admin, 'admin with a wrong token');
      assert.ok(admin.status === 401 || admin.status === 429, `a wrong admin token: ${admin.status}`);
    }
    const own = await call('/preferences', { headers: bearer(realToken) });
    assert.equal(own.status, 200);
    assert.deepEqual((own.body.subject as RecordSubject).phone, STOPPED_OWNER.phone);
    for (const [path, body] of [
      ['/preference-tokens', { phone: q, bsuid: randomToken, ttlSeconds: randomToken }],
      ['/inbound-messages', { channel: randomToken, messageId: q, phone: q, text: randomToken, sentAt: q }],
    ] as const) {
      const answer = await call(path, {
        method: 'POST',
        headers: { ...bearer(FUZZ_ADMIN_TOKEN), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      assertClientAnswer(answer, `${path} ${JSON.stringify(body).slice(0, 200)}`);
    }
    assertNoPrototypePollution();
  });
}

/**
 * `GET /may-send` with generated queries and `POST /may-send` with generated bodies: always a client
 * answer with an error code, never a 5xx; a 200 answers each subject in order, and never lets the
 * person who stopped everything be sent marketing.
 */
export function maySendProperty(fuzz: FuzzReceiver) {
  const category = fc.oneof(fc.constantFrom<unknown>('offers', 'order-updates', 'all', 'OFFERS', '', null, 7, ['offers'], { id: 'offers' }), hostileString);
  const template = fc.oneof(fc.constantFrom<unknown>(undefined, 'marketing', 'utility', 'authentication', 'service', 'Service', 1, null), hostileString);
  const subject = fc.oneof(
    fc.constantFrom<unknown>(BYSTANDER, STOPPED_OWNER, { bsuid: 'US.13491208655302741918' }, { bsuid: 'US.ENT.1' }, {}, null, [], 'phone', {
      phone: BYSTANDER.phone,
      bsuid: 'US.1',
    }),
    hostilePhone.map((phone) => ({ phone })),
    hostileString.map((bsuid) => ({ bsuid })),
    fc.tuple(prototypeKeys, hostileJson).map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value) ?? 'null'}}`) as unknown),
    hostileJson,
  );
  const body = fc.oneof(
    { arbitrary: fc.record({ category, template, subjects: fc.array(subject, { maxLength: 6 }) }, { requiredKeys: [] }), weight: 4 },
    { arbitrary: hostileJson, weight: 1 },
    { arbitrary: fc.record({ category, subjects: fc.oneof(hostileJson, fc.constant(Array.from({ length: 10_001 }, () => BYSTANDER))) }), weight: 1 },
  );
  const query = fc
    .array(
      fc.tuple(
        fc.constantFrom('phone', 'bsuid', 'category', 'template', '__proto__'),
        fc.oneof(hostilePhone.map(String), hostileString, fc.constantFrom('offers', 'service', BYSTANDER.phone)),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))}`).join('&'));
  return fc.asyncProperty(query, body, async (q, value) => {
    const headers = { Authorization: `Bearer ${FUZZ_ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
    const one = await answerOf(await fetch(`${fuzz.server.url}/may-send?${q}`, { headers }));
    assertClientAnswer(one, `GET /may-send?${q}`);
    if (one.status === 200 && (one.body.subject as RecordSubject).phone === STOPPED_OWNER.phone) {
      assert.ok(!one.body.allowed || one.body.basis === 'service-window', 'the person who stopped is never sent a template');
    }
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      return; // too deep for the test's own JSON.stringify
    }
    const batch = await answerOf(await fetch(`${fuzz.server.url}/may-send`, { method: 'POST', headers, body: text ?? 'null' }));
    assertClientAnswer(batch, `POST /may-send ${String(text).slice(0, 200)}`);
    if (batch.status === 200) {
      const { subjects } = value as { subjects: unknown[] };
      const answers = batch.body.answers as Array<{ subject: RecordSubject; allowed: boolean; basis: string }>;
      assert.equal(answers.length, subjects.length, 'one answer per subject');
      for (const answer of answers) {
        if (answer.subject.phone === STOPPED_OWNER.phone)
          assert.ok(!answer.allowed || answer.basis === 'service-window', 'the person who stopped is never sent a template');
      }
    }
    assertNoPrototypePollution();
  });
}

/**
 * Hostile bodies for `POST /subjects/erase`: a precise client answer (400, 401, 405, 413, 415, 422),
 * never a 5xx; whatever a 200 erased, the two fixed people keep their records (a generated body that
 * names them is skipped: erasing them on request would be right, and would end the other properties).
 */
export function erasureProperty(fuzz: FuzzReceiver) {
  const member = fc.oneof(fc.constantFrom('phone', 'bsuid', '__proto__', 'constructor', 'Phone', ''), fc.string({ maxLength: 8 }));
  const body = fc.oneof(
    hostileString,
    fc.constantFrom('', 'null', '[]', '"+4915123456789"', '{"phone":', '{}', '{"phone":null}', '{"bsuid":1}'),
    fc
      .dictionary(member, fc.oneof(hostilePhone, hostileString, fc.constant(null), fc.array(hostileString, { maxLength: 2 })), { maxKeys: 3 })
      .map((o) => JSON.stringify(o)),
    hostilePhone.map((phone) => JSON.stringify({ phone })),
    fc.string({ minLength: 1100, maxLength: 1500 }).map((text) => JSON.stringify({ phone: text })),
  );
  const protectedPhones = new Set([BYSTANDER.phone, STOPPED_OWNER.phone]);
  return fc.asyncProperty(body, fc.constantFrom('POST', 'GET', 'PUT'), fc.boolean(), async (text, method, withToken) => {
    fc.pre(![...protectedPhones].some((phone) => text.includes(phone.slice(1))));
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(withToken ? { Authorization: `Bearer ${FUZZ_ADMIN_TOKEN}` } : {}) };
    const response = await fuzz.handler(new Request('http://receiver.test/subjects/erase', { method, headers, ...(method === 'GET' ? {} : { body: text }) }), {
      clientAddress: '192.0.2.201',
    });
    const answer = await answerOf(response);
    assertClientAnswer(answer, `erase ${method} ${text.slice(0, 200)}`);
    if (!withToken) assert.equal(answer.status, 401, 'no erasure without the admin token');
    if (answer.status === 200) assert.equal(answer.body.erased, true);
    for (const subject of [BYSTANDER, STOPPED_OWNER])
      assert.ok((await fuzz.server.store.listBySubject!(subject)).length > 0, `${subject.phone} keeps its records`);
    assertNoPrototypePollution();
  });
}

/**
 * Hostile funnel batches on `POST /events` (good events mixed with hostile names, types, extra
 * members, prototype keys, sizes): a client answer, never a 5xx; a batch the pure validator takes
 * is answered 204 and adds exactly its sums, anything else changes no count.
 */
export function funnelEventsProperty(fuzz: FuzzReceiver) {
  const name = fc.oneof(fc.constantFrom('spring', 'popup-a', 'v2.1', ''), hostileString, prototypeKeys);
  const event = fc.oneof(
    fc.record({ form: name, variant: name, type: fc.constantFrom('view', 'dismiss', 'submit') }),
    fc.record({ form: name, type: fc.oneof(fc.constantFrom('view', 'submit', 'VIEW', 'click'), hostileString) }),
    fc.tuple(prototypeKeys, hostileJson).map(([key, value]) => ({ form: 'spring', type: 'view', [key]: value })),
    hostileJson,
  );
  const body = fc.oneof(
    fc.array(event, { maxLength: 120 }).map((events) => JSON.stringify({ events })),
    fc.tuple(fc.array(event, { maxLength: 3 }), prototypeKeys).map(([events, key]) => `{"events": ${JSON.stringify(events)}, "${key}": {"polluted": true}}`),
    hostileJson.map((value) => JSON.stringify(value) ?? 'null'),
    hostileString,
  );
  const total = (counts: FunnelCount[]) => counts.reduce((sum, c) => sum + c.views + c.dismissals + c.submissions, 0);
  return fc.asyncProperty(body, fc.constantFrom('text/plain;charset=UTF-8', 'application/json', 'application/x-www-form-urlencoded'), async (text, type) => {
    const before = total(await fuzz.server.store.listFunnelCounts!());
    const settled = await answerOf(await fetch(`${fuzz.server.url}/events`, { method: 'POST', headers: { 'Content-Type': type }, body: text }));
    assertClientAnswer(settled, `POST /events ${text.slice(0, 200)}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const batch = parsed === undefined ? undefined : readFunnelBatch(parsed);
    const accepted = type !== 'application/x-www-form-urlencoded' && new TextEncoder().encode(text).length <= 8192 && batch !== undefined && 'events' in batch;
    assert.equal(settled.status, accepted ? 204 : settled.status >= 400 ? settled.status : -1, `POST /events ${text.slice(0, 200)}`);
    const added = accepted && batch && 'events' in batch ? total(countFunnelEvents(batch.events, '')) : 0;
    assert.equal(total(await fuzz.server.store.listFunnelCounts!()), before + added, "exactly the batch's sums were added");
    assertNoPrototypePollution();
  });
}

/** Raw requests with generated Host headers and request targets: always a client answer, never a 5xx or a stack trace. */
export function hostAndTargetProperty(fuzz: FuzzReceiver) {
  const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
  const host = fc.oneof(
    printable,
    fc.constantFrom('[::1', '[::1]', 'a b', '127.0.0.1:99999', 'xn--80ak6aa92e.com', '1.2.3.4.5', '[fe80::1%25eth0]', '%00', '::1'),
  );
  const target = fc.oneof(
    fc.webPath().map((p) => p || '/'),
    fc.constantFrom(
      '/consents',
      '/consents/nonce',
      '/events',
      '/audit/ledger',
      '/preferences',
      '/webhooks/whatsapp',
      '//x/consents',
      '*',
      'http://[::1/',
      '/%',
      '/..%2f..%2f',
      '/consents?%zz',
    ),
    printable.map((p) => p.replace(/ /g, '')).filter((p) => p.length > 0),
  );
  return fc.asyncProperty(fc.constantFrom('GET', 'POST', 'OPTIONS'), host, target, async (method, hostHeader, path) => {
    const body = method === 'POST' ? '{}' : '';
    const head = `${method} ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nOrigin: https://shop.example\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const answer = await rawRequest(fuzz.server.url, head);
    assert.ok(answer.status >= 200 && answer.status < 500, `${method} ${path} Host: ${hostHeader}: ${answer.text.slice(0, 300)}`);
    assert.doesNotMatch(answer.text, /\n\s+at [^\n]*:\d+:\d+/);
  });
}

// ---------------------------------------------------------------------------------------------
// Properties of the effective state (#17 and #25's state rules, built by another engineer)

const withdrawalContent = fc.record({
  fillMs: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  honeypot: fc.option(fc.boolean(), { nil: undefined }),
  text: fc.array(fc.oneof(bidi, fc.string({ minLength: 1, maxLength: 20 })), { minLength: 1, maxLength: 6 }).map((parts) => `Stop ${parts.join('')}`),
  categories: fc.subarray(['offers', 'order-updates'], { minLength: 1 }),
});

/**
 * A verified withdrawal is always effective: a genuine opt-out from the person's own device,
 * whatever its collection data looks like (bot-like fill time, honeypot), is stored and stops
 * what it names. Depends on #17/#25 (withdrawals never filtered by the bot filter).
 */
export function withdrawalProperty(fuzz: FuzzReceiver) {
  return fc.asyncProperty(withdrawalContent, async ({ fillMs, honeypot, text, categories }) => {
    const subject = { phone: freshPhone() };
    const device = await generateTestKeyPair();
    const sign = async (kind: 'opt-in' | 'opt-out', granted: boolean, extra: object) =>
      signRecord(await unsignedSample({ kind, subject, categories: categories.map((id) => ({ id, label: id, granted })), ...extra }), device);
    const optIn = await sign('opt-in', true, { capturedAt: new Date(Date.now() - 60_000) });
    assert.equal((await postJson(fuzz.server.url, '/consents', optIn)).status, 201);
    const optOut = await sign('opt-out', false, { notice: { locale: 'en', text }, fillMs, honeypot });
    const answer = await postJson(fuzz.server.url, '/consents', optOut);
    assertClientAnswer(answer, 'withdrawal');
    assert.ok(answer.status === 201 || answer.status === 200, `a genuine withdrawal is accepted: ${answer.text.slice(0, 300)}`);
    assert.ok(await fuzz.server.store.findById(optOut.id), 'an answer of "stored" means a row');
    const state = await loadSubjectState(fuzz.server.store, subject, fuzz.key.publicJwk.kid);
    for (const id of categories) assert.equal(state.categories.find((c) => c.id === id)?.granted, false, `${id} is stopped`);
  });
}

/** Two people's STOPs that share a platform message id both count (#25: inbound ids from message id and sender). */
export function sharedMessageIdProperty(fuzz: FuzzReceiver) {
  return fc.asyncProperty(fc.constantFrom('STOP', 'stop'), async (text) => {
    const id = nextMessageId();
    const [a, b] = [freshPhone(), freshPhone()];
    for (const phone of [a, b]) {
      const { body, headers } = await signedDelivery(whatsappDelivery([{ id, from: phone.slice(1), text }]), FUZZ_APP_SECRET);
      assert.equal((await fetch(`${fuzz.server.url}/webhooks/whatsapp`, { method: 'POST', headers, body })).status, 200);
    }
    for (const phone of [a, b]) {
      const rows = await fuzz.server.store.listBySubject!({ phone });
      assert.ok(
        rows.some((e) => e.record.kind === 'opt-out'),
        `the STOP of ${phone} is stored`,
      );
    }
  });
}

/** A stranger's grant, from their own key and without the person's token, never turns a stopped person back on (#17). */
export function strangerGrantProperty(fuzz: FuzzReceiver) {
  return fc.asyncProperty(
    fc.constantFrom('opt-in' as const, 'preferences' as const),
    fc.subarray(['offers', 'order-updates'], { minLength: 1 }),
    async (kind, ids) => {
      const before = await stateOf(fuzz, STOPPED_OWNER);
      const grant = await signRecord(
        await unsignedSample({ kind, subject: STOPPED_OWNER, categories: ids.map((id) => ({ id, label: id, granted: true })) }),
        await generateTestKeyPair(),
      );
      assertClientAnswer(await postJson(fuzz.server.url, '/consents', grant), "a stranger's grant");
      assert.equal(await stateOf(fuzz, STOPPED_OWNER), before, 'the stopped person stays stopped');
    },
  );
}
