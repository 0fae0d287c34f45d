/**
 * The derived state the append keeps (derived-subject-state.ts) answers exactly what deriving from
 * the ledger answers (`loadSubjectState`), on both stores: random histories with out-of-order
 * `capturedAt`, grants waiting for confirmation, stops, confirmations, receiver-made records from
 * messages (which link identities) and identity changes. Then rebuilt from the ledger, the same again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConsentRecord, RecordSubject } from '../../src/core/record/consent-record.js';
import { base64UrlEncode, utf8Bytes } from '../../src/core/record/encoding.js';
import type { ConsentStore, NewLedgerEntry } from '../../src/server/consent-store.js';
import type { DerivedCategoryRow } from '../../src/server/derived-subject-state.js';
import { loadSubjectState } from '../../src/server/subject-state.js';
import { identifierKey } from '../../src/server/subject-identities.js';
import { storeKinds } from '../support/store-kinds.js';

const RECEIVER_KIDS = ['receiver-kid-now', 'receiver-kid-before-rotation'];
const PHONES = ['+4915112345601', '+4915112345602', '+4915112345603', '+4915112345604', '+4915112345605'];
const BSUIDS = ['US.1000000000000001', 'US.1000000000000002', 'US.ENT.1000000000000003'];
const CATEGORIES = ['offers', 'news', 'order-updates'];

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)], chance: (p: number) => next() < p };
}

/** A receipt whose payload says with what authority the record came (as `record-authority.ts` reads it). */
const receiptWith = (authority?: string) => `e30.${base64UrlEncode(utf8Bytes(JSON.stringify({ id: 'x', ...(authority ? { authority } : {}) })))}.c2ln`;

function randomHistory(seed: number, count: number): NewLedgerEntry[] {
  const r = random(seed);
  const entries: NewLedgerEntry[] = [];
  const optIns: string[] = [];
  const base = Date.UTC(2026, 10, 1);
  for (let i = 0; i < count; i++) {
    const id = `00000000-0000-4000-8000-${String(seed).padStart(4, '0')}${String(i).padStart(8, '0')}`;
    const byReceiver = r.chance(0.3);
    const subject: RecordSubject = {};
    const shape = r.next();
    if (shape < 0.5) subject.phone = r.pick(PHONES);
    else if (shape < 0.75) subject.bsuid = r.pick(BSUIDS);
    else Object.assign(subject, { phone: r.pick(PHONES), bsuid: r.pick(BSUIDS) });
    const kindRoll = r.next();
    const kind: ConsentRecord['kind'] =
      kindRoll < 0.4 ? 'opt-in' : kindRoll < 0.65 ? 'preferences' : kindRoll < 0.8 ? 'opt-out' : byReceiver && optIns.length > 0 ? 'confirmation' : 'opt-in';
    const categories =
      kind === 'opt-out'
        ? r.chance(0.3)
          ? [{ id: 'all', label: 'All', granted: false }]
          : CATEGORIES.filter(() => r.chance(0.6)).map((c) => ({ id: c, label: c, granted: false }))
        : kind === 'confirmation'
          ? []
          : CATEGORIES.filter(() => r.chance(0.5)).map((c) => ({ id: c, label: c, granted: kind === 'opt-in' ? true : r.chance(0.5) }));
    if (kind !== 'confirmation' && kind !== 'opt-out' && categories.length === 0) categories.push({ id: 'offers', label: 'offers', granted: true });
    // Out of order: a device's outbox may deliver a record made long before others already stored.
    const capturedAt = new Date(base + Math.floor(r.next() * 1000) * 60_000).toISOString();
    const record = {
      id,
      kind,
      capturedAt,
      subject,
      channel: r.chance(0.85) ? 'whatsapp' : 'sms',
      categories,
      policy: { profile: 'test', checks: kind === 'confirmation' ? [{ id: 'sender-is-subject', passed: r.chance(0.8) }] : [] },
      ...(byReceiver
        ? {
            inbound: {
              messageId: `wamid.${id}`,
              ...(r.chance(0.15) ? { previous: r.chance(0.5) ? { phone: r.pick(PHONES) } : { bsuid: r.pick(BSUIDS) } } : {}),
            },
          }
        : {}),
      ...(kind === 'confirmation' ? { confirms: { recordId: r.pick(optIns), code: '123456' } } : {}),
    } as unknown as ConsentRecord;
    if (kind === 'opt-in') optIns.push(id);
    entries.push({
      id,
      record,
      recordHash: id.replaceAll('-', '').padEnd(64, '0'),
      keyThumbprint: byReceiver ? r.pick(RECEIVER_KIDS) : `device-${Math.floor(r.next() * 4)}`,
      receivedAt: new Date(base + 2_000 * 60_000 + i * 1000).toISOString(),
      receipt: receiptWith(!byReceiver && r.chance(0.25) ? 'preference-token' : undefined),
    });
  }
  return entries;
}

/** Every identifier's state as derived from the ledger, in the derived rows' shape. */
async function fromLedger(store: ConsentStore): Promise<DerivedCategoryRow[]> {
  const rows: DerivedCategoryRow[] = [];
  for (const subject of [...PHONES.map((phone) => ({ phone })), ...BSUIDS.map((bsuid) => ({ bsuid }))]) {
    const identifier = identifierKey(subject);
    const state = await loadSubjectState(store, subject, RECEIVER_KIDS);
    for (const c of state.categories) {
      rows.push({ identifier, category: c.id, granted: c.granted, effect: c.effect, since: c.since, recordId: c.recordId, confirmed: c.confirmed });
    }
  }
  return sorted(rows);
}

const sorted = (rows: DerivedCategoryRow[]) =>
  [...rows].sort((a, b) =>
    a.identifier + ' ' + a.category < b.identifier + ' ' + b.category ? -1 : a.identifier + ' ' + a.category > b.identifier + ' ' + b.category ? 1 : 0,
  );

for (const kind of storeKinds('optin-derived-state')) {
  describe(`derived subject state (${kind.name})`, { skip: kind.skip }, () => {
    before(() => kind.setUp());
    after(() => kind.tearDown());

    it('kept by each append, it equals the state derived from the ledger, and rebuilding it gives the same', async () => {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const ledger = await kind.freshLedger();
        const store = await ledger.open();
        try {
          await store.keepDerivedState!(RECEIVER_KIDS);
          const history = randomHistory(seed, 60);
          // Appends in small concurrent groups, as requests arrive: one transaction may hold several.
          for (let i = 0; i < history.length;) {
            const size = 1 + (i % 4);
            await Promise.all(history.slice(i, i + size).map((entry) => store.append(entry)));
            i += size;
          }
          const expected = await fromLedger(store);
          assert.ok(expected.length > 0, `seed ${seed}: the history gives some state`);
          assert.deepEqual(sorted(await store.listDerivedCategories!()), expected, `seed ${seed}: kept incrementally`);
          await store.keepDerivedState!(RECEIVER_KIDS, { rebuild: true });
          assert.deepEqual(sorted(await store.listDerivedCategories!()), expected, `seed ${seed}: rebuilt from the ledger`);
        } finally {
          await store.close();
        }
      }
    });

    it('a ledger appended to without keeping the state is built on the first keep, and caught up by the next append', async () => {
      const ledger = await kind.freshLedger();
      const history = randomHistory(42, 50);
      const writer = await ledger.open();
      for (const entry of history.slice(0, 30)) await writer.append(entry);
      await writer.close();
      const store = await ledger.open();
      try {
        await store.keepDerivedState!(RECEIVER_KIDS);
        assert.deepEqual(sorted(await store.listDerivedCategories!()), await fromLedger(store), 'built on open');
        // Another connection that does not keep the state appends; this store's next append catches up.
        const other = await ledger.open();
        for (const entry of history.slice(30, 45)) await other.append(entry);
        await other.close();
        await store.append(history[45]);
        assert.deepEqual(sorted(await store.listDerivedCategories!()), await fromLedger(store), 'caught up');
      } finally {
        await store.close();
      }
    });
  });
}
