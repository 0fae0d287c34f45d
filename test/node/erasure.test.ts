/**
 * Erasure on the real receiver, on both stores: a person's data leaves the ledger, the review
 * queue and the webhook journal (the SQLite file's raw bytes; every PostgreSQL table), a salted
 * hash stays, everyone else's records, receipts and log proofs still verify, and the ledger
 * refuses every other change.
 */
import assert from 'node:assert/strict';
import { execFile as execFileCallback } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import type { AuditExport } from '../../src/server/audit-export.js';
import { findErasure } from '../../src/server/erasure/find-erasure.js';
import { deliveryId, reprocessPendingDeliveries } from '../../src/server/inbound-journal.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { issuePreferenceToken } from '../../src/server/preference-tokens.js';
import { loadReceiverKey, verifyReceipt } from '../../src/server/receiver-key.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { generateTestKeyPair, signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';
import { signedDelivery, whatsappDelivery } from '../support/whatsapp-delivery.js';

const execFile = promisify(execFileCallback);
const CLI = ['--import', 'tsx', 'src/server/cli.ts'];
const ADMIN = 'erasure-admin-token-0123456789abcdef0123';
const APP_SECRET = 'erasure-whatsapp-app-secret';

/** The person to erase: a phone, a BSUID linked to it by a Meta-signed message, words only they wrote. */
const ALICIA = {
  phone: '+4915111110001',
  digits: '4915111110001',
  bsuid: 'DE.770001112223334',
  page: 'https://shop.example/alicia-landing?ref=x',
  words: 'Aliciaonlywords',
};
const BOB = { phone: '+4915122220002' };
const CAROL = { phone: '+4915133330003' };
const OFFERS = [{ id: 'offers', label: 'Offers', granted: true }];

interface Stored {
  id: string;
  receipt: string;
  log: { leafIndex: number; inclusionProof: string[]; checkpoint: string };
}

for (const kind of storeKinds('optin-erasure')) {
  describe(`erasure on the real receiver (${kind.name})`, { skip: kind.skip }, () => {
    let dir: string;
    let server: RunningConsentServer;
    let location: string;
    let keyFile: string;
    const device = generateTestKeyPair();

    before(async () => {
      await kind.setUp();
      dir = mkdtempSync(join(tmpdir(), 'optin-erasure-keys-'));
      keyFile = join(dir, 'receiver.keys.json');
      location = (await kind.freshLedger()).location;
      server = await startConsentServer({
        db: location,
        keyFile,
        port: 0,
        adminToken: ADMIN,
        whatsapp: { appSecret: APP_SECRET },
        verificationThread: false,
        rateLimits: { perClient: false, perSubject: false },
      });
    });
    after(async () => {
      await server.close().catch(() => undefined);
      await kind.tearDown();
      rmSync(dir, { recursive: true, force: true });
    });

    const post = async (record: ConsentRecord): Promise<Stored> => {
      const response = await fetch(`${server.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
      assert.equal(response.status, 201, await response.clone().text());
      return (await response.json()) as Stored;
    };
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json', ...init.headers } });
    const erase = async (body: unknown) => {
      const response = await admin('/subjects/erase', { method: 'POST', body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string } } };
    };
    const webhook = async (payload: unknown) => {
      const { body, headers } = await signedDelivery(payload, APP_SECRET);
      const response = await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers, body });
      assert.equal(response.status, 200, await response.clone().text());
    };
    const auditOf = async (query: string) => (await (await admin(`/audit/subject?${query}`)).json()) as AuditExport;

    it("erases a person's records, linked identities, review items and journal units, and leaves everyone else verifiable", async () => {
      // Alicia: a web opt-in whose page carries her number, a Meta-signed message that links her BSUID,
      // a BSUID-only opt-in, a possible opt-out kept for review, and a malformed message kept as evidence.
      const aliciaOptIn = await signedSample(
        { subject: { phone: ALICIA.phone }, categories: OFFERS, pageUrl: `${ALICIA.page}&phone=${encodeURIComponent(ALICIA.phone)}` },
        await device,
      );
      await post(aliciaOptIn);
      await webhook(whatsappDelivery([{ id: 'wamid.alicia-1', from: ALICIA.digits, userId: ALICIA.bsuid, text: 'STOP' }]));
      await post(
        await signedSample(
          { subject: { bsuid: ALICIA.bsuid }, categories: OFFERS, notice: { locale: 'en', text: 'Offers from Blumen Berlin on WhatsApp' } },
          await device,
        ),
      );
      await webhook(whatsappDelivery([{ id: 'wamid.alicia-2', from: ALICIA.digits, text: "don't stop sending me offers" }]));
      await webhook(whatsappDelivery([{ id: 42 as unknown as string, from: ALICIA.digits, text: ALICIA.words }]));
      assert.equal(((await (await admin('/audit/review')).json()) as { items: unknown[] }).items.length, 1, 'her possible opt-out is open');
      // A delivery a crash left pending, with Alicia's STOP and Carol's side by side.
      const pendingBody = JSON.stringify(
        whatsappDelivery([
          { id: 'wamid.alicia-3', from: ALICIA.digits, text: 'STOP' },
          { id: 'wamid.carol-1', from: CAROL.phone.slice(1), text: 'STOP' },
        ]),
      );
      await server.store.journalDelivery!({
        id: await deliveryId('whatsapp', pendingBody),
        source: 'whatsapp',
        receivedAt: new Date().toISOString(),
        body: pendingBody,
      });

      // A thread prompt sent to her keeps her number too.
      const prompt = await admin('/thread-prompts', {
        method: 'POST',
        body: JSON.stringify({ phone: ALICIA.phone, businessName: 'Blumen Berlin', categories: 'offers' }),
      });
      assert.equal(prompt.status, 201, await prompt.clone().text());

      // Bob, before and after: his receipts and the checkpoint saved now must still verify.
      const bobFirst = await post(await signedSample({ subject: BOB, categories: OFFERS }, await device));
      const saved = await (await fetch(`${server.url}/log/checkpoint`)).text();
      const checkpointFile = join(dir, 'saved.checkpoint');
      writeFileSync(checkpointFile, saved);
      const bobToken = await issuePreferenceToken(await loadReceiverKey(server.store, { keyFile }), BOB);
      const aliciaToken = await issuePreferenceToken(await loadReceiverKey(server.store, { keyFile }), { phone: ALICIA.phone });
      const before = await auditOf(`phone=${encodeURIComponent(ALICIA.phone)}`);
      assert.equal(before.entries.length, 3, 'the phone, and the BSUID linked by the signed message');

      // Asked with a trunk zero: normalised to E.164 like everywhere else.
      const first = await erase({ phone: '+49015111110001' });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.erased, true);
      assert.equal(first.body.erasedRecords, 3);
      assert.equal(first.body.identifiers, 2, 'her phone and her linked BSUID');
      assert.equal(first.body.reviewItems, 1);
      assert.ok((first.body.journalEntries as number) >= 2, 'the rejected unit and the pending delivery');
      const again = await erase({ bsuid: ALICIA.bsuid });
      assert.equal(again.status, 200);
      assert.equal(again.body.erasedRecords, 0, 'erasing twice changes nothing');
      assert.equal(again.body.erasedAt, first.body.erasedAt, 'the first erasure time stays');

      // The pending delivery is still processed for Carol, never into a record of Alicia.
      const key = await loadReceiverKey(server.store, { keyFile });
      await reprocessPendingDeliveries(server.store, key);
      assert.ok(
        (await server.store.listBySubject!(CAROL)).some((e) => e.record.kind === 'opt-out'),
        "Carol's STOP from the same delivery is stored",
      );
      // Her device's outbox sending the old opt-in again: answered as the stored (erased) row, not stored anew.
      const resent = await fetch(`${server.url}/consents`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(aliciaOptIn),
      });
      assert.equal(resent.status, 200, await resent.clone().text());
      assert.deepEqual(await server.store.listBySubject!({ phone: ALICIA.phone }), [], 'no record of Alicia came back');

      // What the routes say now: erased, and nothing personal.
      for (const query of [`phone=${encodeURIComponent(ALICIA.phone)}`, `bsuid=${ALICIA.bsuid}`]) {
        const audit = await auditOf(query);
        assert.deepEqual(audit.entries, []);
        assert.equal(audit.erasure?.erasedAt, first.body.erasedAt);
      }
      const preferences = (await (await fetch(`${server.url}/preferences`, { headers: { Authorization: `Bearer ${aliciaToken}` } })).json()) as Record<
        string,
        unknown
      >;
      assert.deepEqual(preferences.erased, { at: first.body.erasedAt });
      assert.equal(preferences.subject, undefined);
      assert.deepEqual(preferences.categories, []);
      assert.deepEqual(await findErasure(server.store, key, { phone: ALICIA.phone }), { erasedAt: first.body.erasedAt, reason: 'request' });
      assert.equal(await findErasure(server.store, key, BOB), undefined);
      // May I send? "erased" for every template (her message had opened a service window); Bob still opted in.
      for (const [query, template] of [
        [`phone=${encodeURIComponent(ALICIA.phone)}`, 'marketing'],
        [`phone=${encodeURIComponent(ALICIA.phone)}`, 'service'],
        [`bsuid=${ALICIA.bsuid}`, 'marketing'],
      ]) {
        const asked = (await (await admin(`/may-send?${query}&category=offers&template=${template}`)).json()) as { allowed: boolean; basis: string };
        assert.deepEqual([asked.allowed, asked.basis], [false, 'erased'], `${query} ${template}`);
      }
      const batch = (await (
        await admin('/may-send', { method: 'POST', body: JSON.stringify({ category: 'offers', subjects: [BOB, { phone: ALICIA.phone }] }) })
      ).json()) as { answers: Array<{ basis: string }> };
      assert.deepEqual(
        batch.answers.map((a) => a.basis),
        ['opt-in', 'erased'],
      );
      // The change feed tells nothing about her any more.
      const feed = await (await admin('/changes?limit=1000')).text();
      assert.ok(feed.includes(BOB.phone), 'the feed does list the others');
      for (const trace of [ALICIA.phone, ALICIA.digits, ALICIA.bsuid]) assert.equal(feed.includes(trace), false, `${trace} is gone from the change feed`);
      const ledger = (await (await admin('/audit/ledger')).json()) as AuditExport;
      const erasedRows = ledger.entries.filter((e) => e.erased);
      assert.equal(erasedRows.length, 3);
      assert.ok(ledger.chain.ok);
      for (const row of erasedRows) {
        assert.equal(row.verification.ok, true, 'an erased row keeps a valid receipt');
        assert.equal(row.verification.hashMatches, null);
        assert.deepEqual(row.record.subject, {});
        assert.equal(row.erased?.reason, 'request');
      }
      assert.match(await (await admin('/audit/ledger?format=csv')).text(), /,erased_at\r\n/);

      // Everyone else: Bob's state, his receipt's inclusion proof, the saved checkpoint.
      const bobState = (await (await fetch(`${server.url}/preferences`, { headers: { Authorization: `Bearer ${bobToken}` } })).json()) as {
        categories: Array<{ granted: boolean }>;
      };
      assert.equal(bobState.categories[0].granted, true);
      const jwks = ((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: never[] }).keys;
      const logKey = (await (await fetch(`${server.url}/log/key`)).text()).trim();
      assert.ok(await verifyReceipt(bobFirst.receipt, jwks, { ...bobFirst.log, logKey }), "Bob's receipt and its inclusion proof still verify");
      const bobAudit = await auditOf(`phone=${encodeURIComponent(BOB.phone)}`);
      assert.ok(bobAudit.entries.every((e) => e.verification.ok));
      const verification = await verifyLedger(server.store, { keyFile, checkpoint: saved });
      assert.deepEqual({ ok: verification.ok, erasedRows: verification.erasedRows }, { ok: true, erasedRows: 3 });

      // The database: no trace of Alicia in any table (and, for SQLite, in the file's bytes).
      await server.close();
      const cli = await execFile(process.execPath, [...CLI, 'verify-ledger', '--db', location, '--key-file', keyFile, '--checkpoint', checkpointFile]);
      assert.match(cli.stdout, /3 of them erased/);
      const traces = [ALICIA.phone, ALICIA.digits, ALICIA.bsuid, ALICIA.words, 'alicia-landing'];
      const content = kind.name === 'SQLite' ? sqliteBytes(location) : await postgresText(location);
      for (const trace of traces) assert.equal(content.includes(trace), false, `${trace} is gone from the database`);
      assert.ok(content.includes(BOB.phone) && content.includes(CAROL.phone), 'the scan does see the others');
    });

    it('refuses every change to the ledger but erasing a body, and erasing it twice', async () => {
      const ledger = await kind.freshLedger();
      const store = await ledger.open();
      const record = await signedSample({ subject: { phone: '+4915144440004' } });
      await store.append({ id: record.id, record, recordHash: 'a'.repeat(64), keyThumbprint: 'k', receivedAt: new Date().toISOString(), receipt: 'r.e.c' });
      await store.close();
      const stub = (extra = '') => `'{"erased":{"at":"2026-12-03T00:00:00.000Z","reason":"request"},"id":"${record.id}","kind":"opt-in"${extra}}'`;
      await assert.rejects(ledger.raw(`UPDATE {ledger} SET record_json = '{}'`), /append-only/);
      await assert.rejects(ledger.raw(`UPDATE {ledger} SET record_json = ${stub()}, receipt = 'forged'`), /append-only/, 'a stub with another column changed');
      await assert.rejects(
        ledger.raw(`UPDATE {ledger} SET record_json = ${stub(',"subject":{"phone":"+4915144440004"}')}`),
        /append-only/,
        'a stub that keeps data',
      );
      await assert.rejects(
        ledger.raw(`UPDATE {ledger} SET record_json = replace(${stub()}, '"opt-in"', '"opt-out"')`),
        /append-only/,
        'a stub that changes the kind',
      );
      await ledger.raw(`UPDATE {ledger} SET record_json = ${stub()}`);
      await assert.rejects(ledger.raw(`UPDATE {ledger} SET record_json = ${stub()}`), /append-only/, 'an erased row is erased once');
      await assert.rejects(ledger.raw('DELETE FROM {ledger}'), /append-only/);
      const reopened = await ledger.open();
      const [entry] = await reopened.list();
      assert.equal(entry.erased?.at, '2026-12-03T00:00:00.000Z');
      assert.deepEqual(entry.record.subject, {});
      await reopened.close();
    });
  });
}

function sqliteBytes(file: string): string {
  return ['', '-wal', '-journal']
    .map((suffix) => `${file}${suffix}`)
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

async function postgresText(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'");
    const texts = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ text: string | null }>(`SELECT string_agg(t::text, ' ') AS text FROM "${name}" t`);
      texts.push(rows[0]?.text ?? '');
    }
    return texts.join('\n');
  } finally {
    await client.end();
  }
}
