/**
 * SMS double opt-in by keyword: "Reply YES to confirm", relayed by the business's SMS provider
 * through `POST /inbound-messages`. A YES confirms the sender's own pending opt-in on that
 * channel, exactly as a typed code does on WhatsApp; with nothing pending it does nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isConfirmationKeyword } from '../../src/core/messages/confirmation-keyword.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import type { SubjectState } from '../../src/server/subject-state.js';
import { signedSample } from '../support/sample-record.js';
import { storeKinds } from '../support/store-kinds.js';

const ADMIN = 'sms-keyword-admin-token-0123456789abcdef';
type Outcome = { action: string; recordId?: string; created?: boolean; confirms?: string; reason?: string };

describe('isConfirmationKeyword', () => {
  it('takes the word alone, in any case, with a final "." or "!", in the bundled languages', () => {
    for (const text of ['YES', 'yes', ' Yes! ', 'y', 'Sí', 'oui.', 'Ja', 'да']) assert.ok(isConfirmationKeyword(text), text);
    for (const text of ['yes please stop', 'no', 'yesterday', 'STOP', 'YES STOP', '']) assert.ok(!isConfirmationKeyword(text), text);
  });
});

for (const kind of storeKinds('optin-sms-yes')) {
  describe(`SMS "Reply YES" on the ${kind.name} store`, { skip: kind.skip }, () => {
    let server: RunningConsentServer;
    before(async () => {
      await kind.setUp();
      server = await startConsentServer({ db: (await kind.freshLedger()).location, port: 0, verificationThread: false, adminToken: ADMIN });
    });
    after(async () => {
      await server?.close();
      await kind.tearDown();
    });

    const optIn = async (phone: string, channel = 'sms', capturedAt = new Date()) => {
      const record = await signedSample({ subject: { phone }, channel, capturedAt });
      const response = await fetch(`${server.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
      assert.equal(response.status, 201, await response.clone().text());
      return record.id;
    };
    const sms = async (messageId: string, phone: string, text: string): Promise<Outcome> => {
      const response = await fetch(`${server.url}/inbound-messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ channel: 'sms', messageId, phone, text }),
      });
      assert.equal(response.status, 200);
      return (await response.json()) as Outcome;
    };
    const stateOf = async (phone: string): Promise<SubjectState> => {
      const response = await fetch(`${server.url}/audit/subject?phone=${encodeURIComponent(phone)}`, { headers: { Authorization: `Bearer ${ADMIN}` } });
      return ((await response.json()) as { state: SubjectState }).state;
    };
    const rows = async () => (await server.store.list()).length;

    it("confirms the sender's pending SMS opt-in, once, however often the provider relays the YES", async () => {
      const phone = '+14155552671';
      const id = await optIn(phone);
      const first = await sms('SM-YES-1', phone, 'YES');
      assert.equal(first.action, 'confirmed', JSON.stringify(first));
      assert.equal(first.confirms, id);
      assert.equal(first.created, true);
      const confirmation = (await server.store.findById(first.recordId!))!.record;
      assert.equal(confirmation.kind, 'confirmation');
      assert.equal(confirmation.confirms!.recordId, id);
      const offers = (await stateOf(phone)).categories.find((c) => c.id === 'offers')!;
      assert.equal(offers.granted, true);
      assert.equal(offers.confirmed, true);

      const again = await sms('SM-YES-1', phone, 'YES');
      assert.equal(again.recordId, first.recordId);
      assert.equal(again.created, false);
      const before = await rows();
      const second = await sms('SM-YES-2', phone, 'yes');
      assert.equal(second.action, 'ignored', 'nothing waits any more');
      assert.equal(await rows(), before);
    });

    it("does nothing for a YES with nothing pending: no opt-in, someone else's, or one on WhatsApp", async () => {
      await optIn('+14155552672');
      await optIn('+14155552673', 'whatsapp');
      const before = await rows();
      for (const [id, phone] of [
        ['SM-NONE', '+14155552674'],
        ['SM-WA', '+14155552673'],
      ]) {
        const outcome = await sms(id, phone, 'YES');
        assert.equal(outcome.action, 'ignored', `${phone}: ${JSON.stringify(outcome)}`);
        assert.match(outcome.reason!, /no opt-in of this sender on sms waits for confirmation/);
      }
      assert.equal(await rows(), before);
      assert.equal((await stateOf('+14155552672')).categories.find((c) => c.id === 'offers')!.confirmed, false);
    });

    it("makes a grant that waited after a STOP effective: the YES from the number is the person's confirmation", async () => {
      const phone = '+14155552675';
      await optIn(phone, 'sms', new Date(Date.now() - 60_000));
      assert.equal((await sms('SM-STOP-5', phone, 'STOP')).action, 'opted-out');
      // Signed up again on the web: without proof from the person it waits.
      const again = await optIn(phone);
      let offers = (await stateOf(phone)).categories.find((c) => c.id === 'offers')!;
      assert.deepEqual([offers.granted, offers.effect], [false, 'needs-confirmation']);

      const yes = await sms('SM-YES-5', phone, 'Yes');
      assert.equal(yes.confirms, again);
      offers = (await stateOf(phone)).categories.find((c) => c.id === 'offers')!;
      assert.deepEqual([offers.granted, offers.effect, offers.confirmed], [true, 'effective', true]);
    });
  });
}
