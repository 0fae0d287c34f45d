/**
 * The WhatsApp thread opt-in, end to end on a real receiver: the business issues a prompt
 * (`POST /thread-prompts`), the person taps a reply button, Meta posts the signed webhook. A
 * "yes" from the prompt's own recipient is an attested opt-in for exactly the prompt's
 * categories; "no", a prompt never issued, one issued to someone else, or one too old change
 * nothing. Run on every store (SQLite, and a real PostgreSQL server).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { threadPromptButtonId } from '../../src/core/messages/thread-opt-in-prompt.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import type { SubjectState } from '../../src/server/subject-state.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';
import { buttonReplyDelivery, signedDelivery, type TestButtonReply, whatsappDelivery } from '../support/whatsapp-delivery.js';

const APP_SECRET = 'thread-opt-in-test-app-secret';
const ADMIN = 'thread-opt-in-admin-token-0123456789abcdef';
const DAY = 24 * 3600 * 1000;

type Result = { messageId?: string; action: string; recordId?: string; created?: boolean; reason?: string; promptId?: string };
interface IssuedAnswer {
  promptId: string;
  text: string;
  categories: Array<{ id: string; granted: boolean }>;
  expiresAt: string;
  message: { to?: string; interactive: { body: { text: string }; action: { buttons: Array<{ reply: { id: string; title: string } }> } } };
}

for (const kind of storeKinds('optin-thread-opt-in')) {
  describe(`the WhatsApp thread opt-in on the ${kind.name} store`, { skip: kind.skip }, () => {
    let server: RunningConsentServer;
    let clock = Date.now();

    before(async () => {
      await kind.setUp();
      const ledger = await kind.freshLedger();
      server = await startConsentServer({
        db: ledger.location,
        port: 0,
        verificationThread: false,
        adminToken: ADMIN,
        whatsapp: { appSecret: APP_SECRET },
        now: () => new Date(clock),
      });
    });
    after(async () => {
      await server?.close();
      await kind.tearDown();
    });

    const issue = async (body: Record<string, unknown>, token = ADMIN) => {
      const response = await fetch(`${server.url}/thread-prompts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as IssuedAnswer & { error?: { code: string; details?: Array<{ code: string }> } } };
    };
    const reply = async (replies: TestButtonReply[]): Promise<Result[]> => {
      const { body, headers } = await signedDelivery(buttonReplyDelivery(replies), APP_SECRET);
      const response = await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers, body });
      assert.equal(response.status, 200);
      return ((await response.json()) as { results: Result[] }).results;
    };
    const stateOf = async (query: string): Promise<SubjectState> => {
      const response = await fetch(`${server.url}/audit/subject?${query}`, { headers: { Authorization: `Bearer ${ADMIN}` } });
      assert.equal(response.status, 200);
      return ((await response.json()) as { state: SubjectState }).state;
    };
    const granted = (state: SubjectState) =>
      state.categories
        .filter((c) => c.granted)
        .map((c) => c.id)
        .sort();
    const rows = async () => (await server.store.list()).length;
    const yes = (prompt: IssuedAnswer) => prompt.message.interactive.action.buttons[0].reply;
    const no = (prompt: IssuedAnswer) => prompt.message.interactive.action.buttons[1].reply;

    it('turns a "yes" from the recipient into an attested opt-in for exactly the prompt\'s two categories', async () => {
      const issued = await issue({ phone: '+4915123450101', businessName: 'Blumen Berlin', categories: 'offers,order-updates', locale: 'en' });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const prompt = issued.body;
      assert.equal(prompt.message.to, '4915123450101');
      assert.equal(prompt.message.interactive.body.text, prompt.text);
      assert.equal(yes(prompt).id, threadPromptButtonId('yes', prompt.promptId));
      assert.deepEqual(
        prompt.categories.map((c) => c.id),
        ['offers', 'order-updates'],
      );

      const [result] = await reply([
        { id: 'wamid.YES-1', from: '4915123450101', buttonId: yes(prompt).id, title: yes(prompt).title, replyTo: 'wamid.PROMPT-1' },
      ]);
      assert.equal(result.action, 'opted-in', JSON.stringify(result));
      assert.equal(result.created, true);
      assert.equal(result.promptId, prompt.promptId);

      const entry = (await server.store.findById(result.recordId!))!;
      const record: ConsentRecord = entry.record;
      assert.equal(record.kind, 'opt-in');
      assert.equal(record.collection.source, 'whatsapp-thread');
      assert.deepEqual(record.subject, { phone: '+4915123450101' });
      assert.equal(record.notice.text, prompt.text, 'what the person saw is the prompt, as sent');
      assert.deepEqual(
        record.categories.map((c) => [c.id, c.granted]),
        [
          ['offers', true],
          ['order-updates', true],
        ],
      );
      assert.ok('attestation' in record.proof);
      const { attestation } = record.proof;
      assert.equal(attestation.evidence, 'whatsapp-button-reply');
      assert.deepEqual(attestation.messageIds, ['wamid.PROMPT-1', 'wamid.YES-1']);
      assert.equal(attestation.promptId, prompt.promptId);
      assert.equal(attestation.promptText, prompt.text);
      assert.equal(attestation.attestedAt, new Date(clock).toISOString());
      const verified = await verifyConsentRecord(record);
      assert.ok(verified.ok && verified.proofKind === 'receiver-attested', JSON.stringify(verified));

      const state = await stateOf('phone=%2B4915123450101');
      assert.deepEqual(granted(state), ['offers', 'order-updates']);
      assert.ok(state.categories.every((c) => c.effect === 'effective'));
    });

    it('stores the same tap once when Meta delivers it again', async () => {
      const prompt = (await issue({ phone: '+4915123450102', businessName: 'Blumen Berlin', categories: 'offers' })).body;
      const tap: TestButtonReply = { id: 'wamid.YES-2', from: '4915123450102', buttonId: yes(prompt).id, title: yes(prompt).title };
      const [first] = await reply([tap]);
      const before = await rows();
      const [again] = await reply([tap]);
      assert.equal(again.recordId, first.recordId);
      assert.equal(again.created, false);
      assert.equal(await rows(), before);
    });

    it("grants again after a STOP: a tap from the person's own WhatsApp identity is their proof", async () => {
      const phone = '+4915123450103';
      const optIn = await signedSample({ subject: { phone } });
      assert.equal(
        (await fetch(`${server.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(optIn) })).status,
        201,
      );
      const { body, headers } = await signedDelivery(whatsappDelivery([{ id: 'wamid.STOP-3', from: phone.slice(1), text: 'STOP' }]), APP_SECRET);
      assert.equal((await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers, body })).status, 200);
      assert.deepEqual(granted(await stateOf('phone=%2B4915123450103')), []);
      clock += 1000;

      const prompt = (await issue({ phone, businessName: 'Blumen Berlin', categories: 'offers' })).body;
      const [result] = await reply([{ id: 'wamid.YES-3', from: phone.slice(1), buttonId: yes(prompt).id, title: yes(prompt).title }]);
      assert.equal(result.action, 'opted-in');
      const state = await stateOf('phone=%2B4915123450103');
      assert.deepEqual(granted(state), ['offers']);
      assert.equal(state.categories.find((c) => c.id === 'offers')!.effect, 'effective');
    });

    it('answers a prompt sent to a BSUID only from that BSUID', async () => {
      const bsuid = 'US.13491208655302741918';
      const prompt = (await issue({ bsuid, businessName: 'Blumen Berlin', categories: 'announcements' })).body;
      assert.equal(prompt.message.to, bsuid);
      const [result] = await reply([{ id: 'wamid.YES-4', userId: bsuid, buttonId: yes(prompt).id, title: yes(prompt).title }]);
      assert.equal(result.action, 'opted-in', JSON.stringify(result));
      assert.deepEqual(granted(await stateOf(`bsuid=${bsuid}`)), ['announcements']);
    });

    it('changes nothing for "no", a prompt never issued, one issued to someone else, or one older than 7 days', async () => {
      const phone = '+4915123450105';
      const prompt = (await issue({ phone, businessName: 'Blumen Berlin', categories: 'offers,order-updates' })).body;
      const before = await rows();
      const results = await reply([
        { id: 'wamid.NO-5', from: phone.slice(1), buttonId: no(prompt).id, title: no(prompt).title },
        { id: 'wamid.UNKNOWN-5', from: phone.slice(1), buttonId: threadPromptButtonId('yes', 'neverIssued-0123456789'), title: 'Yes, I agree' },
        { id: 'wamid.FOREIGN-5', from: '4915123450199', buttonId: yes(prompt).id, title: yes(prompt).title },
      ]);
      assert.deepEqual(
        results.map((r) => r.action),
        ['declined', 'ignored', 'ignored'],
      );
      assert.match(results[1].reason!, /never issued/);
      assert.match(results[2].reason!, /someone else/);

      clock += 7 * DAY + 60_000;
      const [late] = await reply([{ id: 'wamid.LATE-5', from: phone.slice(1), buttonId: yes(prompt).id, title: yes(prompt).title }]);
      assert.equal(late.action, 'ignored');
      assert.match(late.reason!, /older than/);

      assert.equal(await rows(), before, 'nothing stored');
      assert.deepEqual((await stateOf('phone=%2B4915123450105')).categories, []);
      assert.deepEqual((await stateOf('phone=%2B4915123450199')).categories, []);
    });

    it('refuses to issue a prompt that fails the compliance rules, or without the admin token, storing nothing', async () => {
      // Under the GDPR one "yes" for two purposes is bundled consent.
      const bundled = await issue({
        phone: '+4915123450106',
        businessName: 'Blumen Berlin',
        categories: 'offers,announcements',
        profile: 'gdpr',
        privacyUrl: 'https://blumen.example/privacy',
      });
      assert.equal(bundled.status, 422);
      assert.equal(bundled.body.error!.code, 'prompt-not-compliant');
      assert.ok(bundled.body.error!.details!.some((d) => d.code === 'granular'));
      assert.equal(
        (await issue({ phone: '+4915123450106', businessName: 'Blumen Berlin', categories: 'offers' }, 'wrong-token-wrong-token-wrong-token-0')).status,
        401,
      );
      assert.equal((await issue({ phone: '+999123456789', businessName: 'Blumen Berlin', categories: 'offers' })).body.error!.code, 'phone-invalid');
      assert.equal((await issue({ phone: '+4915123450106', categories: 'offers' })).body.error!.code, 'prompt-invalid');
      assert.equal((await issue({ phone: '+4915123450106', businessName: 'Blumen Berlin', categories: 'no-such-preset' })).body.error!.code, 'prompt-invalid');
    });
  });
}
