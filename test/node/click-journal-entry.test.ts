/** The click journal's pure part: an entry read back rebuilds exactly the record the click made. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clickJournalEntry, isClickJournalEntry, recordInputOf } from '../../src/client/click-journal/click-journal-entry.js';
import { buildConsentRecord, type ConsentRecordInput } from '../../src/core/record/build-consent-record.js';

const clicked: ConsentRecordInput & { id: string; capturedAt: Date } = {
  id: '6f1c2b9e-2d4f-4a51-9d0c-1f5e7a3b8c21',
  capturedAt: new Date('2026-12-03T06:10:00.123Z'),
  kind: 'opt-in',
  subject: { phone: '+4915123456789', bsuid: undefined },
  business: { name: 'Blumen Berlin', privacyUrl: 'https://blumen.example/privacy', termsUrl: undefined },
  channel: 'whatsapp',
  categories: [
    { id: 'offers', label: 'Offers and news', granted: true, templateCategory: 'marketing' },
    { id: 'order-updates', label: 'Order updates', granted: false, templateCategory: 'utility' },
  ],
  // Unusual characters on purpose: the hash covers the text exactly as shown.
  notice: { locale: 'de', text: 'Ja, ich möchte „Angebote“ per WhatsApp erhalten.\u00a0Abmelden: STOP 👋' },
  source: 'landing-page',
  pageUrl: 'https://blumen.example/landing?phone=+4915123456789#top',
  policy: { profile: 'gdpr', checks: [{ id: 'gdpr.separate-consent', passed: true }] },
  nonce: 'n0nce-from-the-receiver-0123456789',
  fillMs: 5321.4,
  honeypot: false,
};

describe('click journal entry', () => {
  it('rebuilds, after a trip through JSON (localStorage), the very record the click would have built', async () => {
    const stored = JSON.stringify(clickJournalEntry('https://receiver.example/consents', clicked));
    const readBack = JSON.parse(stored) as unknown;
    assert.ok(isClickJournalEntry(readBack));
    assert.equal(readBack.endpoint, 'https://receiver.example/consents');
    assert.deepEqual(await buildConsentRecord(recordInputOf(readBack)), await buildConsentRecord(clicked));
  });

  it('keeps the id and the time of the click, not of the page that finishes it', async () => {
    const record = await buildConsentRecord(recordInputOf(JSON.parse(JSON.stringify(clickJournalEntry('/consents', clicked)))));
    assert.equal(record.id, clicked.id);
    assert.equal(record.capturedAt, '2026-12-03T06:10:00.123Z');
    assert.equal(record.nonce, clicked.nonce);
  });

  it('is a stop too: an opt-out entry rebuilds as an opt-out with every category off', async () => {
    const stop = { ...clicked, kind: 'opt-out' as const, categories: clicked.categories.map((c) => ({ ...c, granted: false })) };
    const record = await buildConsentRecord(recordInputOf(JSON.parse(JSON.stringify(clickJournalEntry('/consents', stop)))));
    assert.equal(record.kind, 'opt-out');
    assert.ok(record.categories.every((c) => !c.granted));
  });

  it('ignores values that are not entries (another script under the same prefix, an older format)', () => {
    for (const value of [null, 1, 'x', {}, { v: 2, endpoint: '/c', input: { id: 'a' } }, { v: 1, endpoint: '/c', input: {} }, { v: 1, input: { id: 'a' } }]) {
      assert.equal(isClickJournalEntry(value), false, JSON.stringify(value));
    }
  });
});
