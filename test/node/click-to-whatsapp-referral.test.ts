/**
 * Click-to-WhatsApp ads: Meta adds a `referral` (the ad, its text, the click id) to the first
 * message of a conversation opened from an ad. The receiver keeps it as where the conversation
 * came from (in the webhook journal's outcome, and on any record the message makes), and never
 * takes the click for an opt-in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { readReferral } from '../../src/server/conversation-referral.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { loadSubjectState } from '../../src/server/subject-state.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { storeKinds } from '../support/store-kinds.js';
import { signedDelivery, whatsappDelivery } from '../support/whatsapp-delivery.js';

const APP_SECRET = 'referral-test-app-secret';
const AD = {
  source_url: 'https://fb.me/3cr4Wqqkv',
  source_id: '120212345678900123',
  source_type: 'ad',
  headline: 'Spring bouquets, 20 % off',
  body: 'Message us on WhatsApp to order',
  media_type: 'image',
  image_url: 'https://scontent.example/expiring.jpg',
  ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a',
};
type Result = { messageId: string; action: string; recordId?: string; referral?: Record<string, string> };

describe('readReferral', () => {
  it("keeps Meta's members that say where the conversation came from, as strings of bounded length, and drops the rest", () => {
    assert.deepEqual(readReferral({ ...AD, welcome_message: { text: 'Hi' }, source_id: 42, headline: 'x'.repeat(5000) }), {
      source_url: AD.source_url,
      source_type: 'ad',
      headline: 'x'.repeat(1024),
      body: AD.body,
      media_type: 'image',
      ctwa_clid: AD.ctwa_clid,
    });
    assert.equal(readReferral('ad'), undefined);
    assert.equal(readReferral({ image_url: 'https://x' }), undefined);
    // Cut at a limit inside a surrogate pair, a string stays well-formed.
    assert.equal(readReferral({ body: `${'a'.repeat(1023)}😀` })!.body, `${'a'.repeat(1023)}\uFFFD`);
  });
});

for (const kind of storeKinds('optin-referral')) {
  describe(`a conversation opened from an ad, on the ${kind.name} store`, { skip: kind.skip }, () => {
    let server: RunningConsentServer;
    before(async () => {
      await kind.setUp();
      server = await startConsentServer({ db: (await kind.freshLedger()).location, port: 0, verificationThread: false, whatsapp: { appSecret: APP_SECRET } });
    });
    after(async () => {
      await server?.close();
      await kind.tearDown();
    });

    const deliver = async (payload: unknown): Promise<Result[]> => {
      const { body, headers } = await signedDelivery(payload, APP_SECRET);
      const response = await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers, body });
      assert.equal(response.status, 200);
      return ((await response.json()) as { results: Result[] }).results;
    };

    it('keeps the ad as the source of the conversation in the journal, and stores no opt-in', async () => {
      const payload = whatsappDelivery([{ id: 'wamid.AD-1', from: '4915123450301', text: 'Hi! I saw your ad, do you deliver on Sunday?', referral: AD }]);
      const before = (await server.store.list()).length;
      const [first] = await deliver(payload);
      assert.equal(first.action, 'ignored');
      assert.equal(first.referral!.ctwa_clid, AD.ctwa_clid);
      assert.equal(first.referral!.source_id, AD.source_id);
      assert.equal(first.referral!.image_url, undefined);
      // Meta delivers it again: the answer now comes from the journal's settled outcome, referral included.
      const [again] = await deliver(payload);
      assert.deepEqual(again, first);
      assert.equal((await server.store.list()).length, before, 'an ad click is never an opt-in');
      const state = await loadSubjectState(server.store, { phone: '+4915123450301' }, (await loadReceiverKey(server.store)).publicJwk.kid);
      assert.deepEqual(state.categories, []);
    });

    it('keeps the ad on the record a first message makes, which still verifies', async () => {
      const [result] = await deliver(whatsappDelivery([{ id: 'wamid.AD-2', from: '4915123450302', text: 'STOP', referral: AD }]));
      assert.equal(result.action, 'opted-out');
      const record = (await server.store.findById(result.recordId!))!.record;
      assert.equal(record.inbound!.referral!.ctwa_clid, AD.ctwa_clid);
      assert.equal(record.inbound!.referral!.headline, AD.headline);
      assert.ok((await verifyConsentRecord(record)).ok);
    });
  });
}
