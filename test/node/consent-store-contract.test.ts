/**
 * One contract, every store: what the receiver relies on from a ledger, run against SQLite and
 * against a real PostgreSQL server (skipped, with the reason, where PostgreSQL is not installed).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { type ConsentStore, type LedgerEntry, type NewLedgerEntry, NonceReplayedError } from '../../src/server/consent-store.js';
import { chainHash, LEDGER_GENESIS } from '../../src/server/ledger-chain.js';
import { MerkleTree } from '../../src/server/log/merkle-tree.js';
import { receiptLeafHash } from '../../src/server/log/receipt-leaf.js';
import { storeKinds } from '../support/store-kinds.js';

let counter = 0;

/** An entry as the handler would append it; the store checks no signature, so the hashes only need to be distinct. */
function entry(subject: ConsentRecord['subject'] = { phone: '+4915100000001' }, id = `rec-${process.pid}-${++counter}`): NewLedgerEntry {
  const record = { id, kind: 'opt-in', subject } as unknown as ConsentRecord;
  return { id, record, recordHash: id.padEnd(64, 'a'), keyThumbprint: 'thumb', receivedAt: new Date().toISOString(), receipt: `receipt-${id}` };
}

/** Every row, checked as verify-ledger checks the chain: seq 1, 2, 3… each linked to the one before. */
async function assertOneChain(store: ConsentStore): Promise<LedgerEntry[]> {
  const rows = await store.list();
  let prev = LEDGER_GENESIS;
  rows.forEach((row, i) => {
    assert.equal(row.seq, i + 1, 'seq runs 1, 2, 3… without gaps');
    assert.equal(row.prevHash, prev, `row ${row.seq} links to the row before it`);
    assert.equal(row.chainHash, chainHash(prev, row), `row ${row.seq}'s chainHash covers its contents`);
    prev = row.chainHash;
  });
  return rows;
}

/** The store's log is exactly the log of its rows' receipts, leaf seq - 1 for each row: none missing, none extra. */
async function assertLogOfRows(store: ConsentStore, rows: LedgerEntry[]): Promise<void> {
  const log = await store.ledgerLog!();
  assert.equal(log.size, rows.length, 'one leaf per row');
  const expected = new MerkleTree();
  for (const row of rows) expected.append(receiptLeafHash(row.receipt));
  rows.forEach((row, i) => assert.deepEqual(log.leafHash(i), receiptLeafHash(row.receipt), `leaf ${i} is row ${row.seq}'s receipt`));
  assert.deepEqual(log.rootHash(), expected.rootHash());
}

for (const kind of storeKinds('optin-store-contract')) {
  describe(`${kind.name} store contract`, { skip: kind.skip }, () => {
    before(() => kind.setUp());
    after(() => kind.tearDown());

    /** Runs `work` on a store over a fresh ledger, closing it afterwards. */
    async function withStore<T>(work: (store: ConsentStore, ledger: Awaited<ReturnType<typeof kind.freshLedger>>) => Promise<T>): Promise<T> {
      const ledger = await kind.freshLedger();
      const store = await ledger.open();
      try {
        return await work(store, ledger);
      } finally {
        await store.close();
      }
    }

    it('appends an entry chained to the genesis hash and finds it by id', () =>
      withStore(async (store) => {
        const first = entry();
        const { entry: stored, created } = await store.append(first);
        assert.equal(created, true);
        assert.equal(stored.seq, 1);
        assert.equal(stored.prevHash, LEDGER_GENESIS);
        const found = await store.findById(first.id);
        assert.deepEqual(found, stored);
        assert.equal(await store.findById('no-such-id'), undefined);
      }));

    it('answers look-ups by id asked at once each with its own entry (PostgreSQL gathers them into one query)', () =>
      withStore(async (store) => {
        const entries = Array.from({ length: 12 }, () => entry());
        const stored = await Promise.all(entries.map((e) => store.append(e)));
        const ids = [...entries.map((e) => e.id), 'no-such-id', entries[3].id, 'no-such-id-2'];
        const found = await Promise.all(ids.map((id) => store.findById(id)));
        entries.forEach((e, i) => assert.deepEqual(found[i], stored[i].entry, `${e.id} found as stored`));
        assert.equal(found[12], undefined);
        assert.deepEqual(found[13], stored[3].entry, 'the same id asked twice at once');
        assert.equal(found[14], undefined);
      }));

    it('a log read asked after an append committed sees it, with other reads asked at the same time', () =>
      withStore(async (store) => {
        for (let round = 0; round < 5; round++) {
          const earlier = store.ledgerLog!();
          const { entry: appended } = await store.append(entry());
          const [before, after, alongside] = await Promise.all([earlier, store.ledgerLog!(), store.ledgerLog!()]);
          assert.ok(after.size >= appended.seq && alongside.size >= appended.seq, `round ${round}: the reads asked after the commit see row ${appended.seq}`);
          assert.ok(before.size <= after.size);
        }
        await assertLogOfRows(store, await assertOneChain(store));
      }));

    it('stores the same id once and answers the stored entry again', () =>
      withStore(async (store) => {
        const first = entry();
        const a = await store.append(first);
        const b = await store.append(first);
        assert.equal(b.created, false);
        assert.deepEqual(b.entry, a.entry);
        assert.equal((await store.list()).length, 1);
      }));

    it('keeps the first entry when a different record arrives under the same id', () =>
      withStore(async (store) => {
        const first = entry();
        await store.append(first);
        const forged = { ...entry({ phone: '+4915199999999' }, first.id), recordHash: 'f'.repeat(64) };
        const answer = await store.append(forged);
        assert.equal(answer.created, false);
        assert.equal(answer.entry.recordHash, first.recordHash, 'the stored entry is answered, not the new one');
        assert.equal((await store.findById(first.id))?.record.subject.phone, '+4915100000001');
        assert.equal((await store.list()).length, 1);
      }));

    it(
      'fails only the entry the database refuses: the rest of its batch is stored in one chain and log, and appends go on',
      { skip: kind.name === 'SQLite' && 'SQLite stores any text, NUL included: nothing here for it to refuse' },
      () =>
        withStore(async (store) => {
          const good = Array.from({ length: 6 }, () => entry());
          // PostgreSQL's text cannot hold NUL: the batch's write fails in the database, after its reads and with its commit sent.
          const refused = { ...entry(), receivedAt: `${new Date().toISOString()}\u0000` };
          const answers = await Promise.allSettled([...good.slice(0, 3), refused, ...good.slice(3)].map((e) => store.append(e)));
          assert.equal(answers[3].status, 'rejected', 'the refused entry fails');
          assert.equal(answers.filter((a) => a.status === 'fulfilled').length, 6, 'every other entry of the batch is stored');
          const rows = await assertOneChain(store);
          assert.deepEqual(rows.map((row) => row.id).sort(), good.map((e) => e.id).sort());
          await assertLogOfRows(store, rows);
          assert.equal((await store.append(entry())).entry.seq, 7, 'the next append chains on');
        }),
    );

    it(
      'appends on after the database drops every connection of the store, the chain unbroken',
      { skip: kind.name === 'SQLite' && 'a SQLite file has no connections to drop' },
      () =>
        withStore(async (store, ledger) => {
          await store.append(entry());
          // A restart or failover of the server: the append connection (pipelined) and the pool's are gone.
          await ledger.raw('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
          const later = await Promise.all([entry(), entry()].map((e) => store.append(e)));
          assert.deepEqual(
            later.map((answer) => answer.created),
            [true, true],
          );
          assert.equal((await assertOneChain(store)).length, 3);
        }),
    );

    it('chains 200 concurrent appends, with repeats among them, into one unbroken order', () =>
      withStore(async (store) => {
        const entries = Array.from({ length: 150 }, () => entry());
        // 50 of them sent twice at once, as a retrying client would.
        const answers = await Promise.all([...entries, ...entries.slice(0, 50)].map((e) => store.append(e)));
        assert.equal(answers.filter((a) => a.created).length, 150);
        const rows = await assertOneChain(store);
        assert.equal(rows.length, 150);
        for (const e of entries) assert.equal(answers.find((a) => a.entry.id === e.id)?.entry.seq, rows.find((r) => r.id === e.id)?.seq);
      }));

    it('keeps one chain when two connections append to one ledger at once, each id once', () =>
      withStore(async (store, ledger) => {
        const other = await ledger.open();
        try {
          const shared = Array.from({ length: 60 }, () => entry());
          const own = Array.from({ length: 60 }, () => entry());
          const answers = await Promise.all([
            ...shared.map((e) => store.append(e)),
            ...shared.map((e) => other.append(e)),
            ...own.map((e, i) => (i % 2 ? store : other).append(e)),
          ]);
          const rows = await assertOneChain(store);
          assert.equal(rows.length, 120, 'rows equal distinct entries');
          assert.equal(answers.filter((a) => a.created).length, 120, 'each entry created exactly once');
          // Both sides of a shared id answer the same stored row.
          for (const e of shared) {
            const seqs = new Set(answers.filter((a) => a.entry.id === e.id).map((a) => a.entry.seq));
            assert.equal(seqs.size, 1, `${e.id} answered with one seq`);
          }
        } finally {
          await other.close();
        }
      }));

    it("answers a subject's history by phone or by BSUID, in ledger order, and no one else's", () =>
      withStore(async (store) => {
        const phone = '+4915122223333';
        const bsuid = 'US.13491208655302741918';
        const mine = [entry({ phone }), entry({ bsuid }), entry({ phone, bsuid })];
        await store.append(mine[0]);
        await store.append(entry({ phone: '+4915144445555' }));
        await store.append(mine[1]);
        await store.append(mine[2]);
        assert.deepEqual(
          (await store.listBySubject!({ phone })).map((e) => e.id),
          [mine[0].id, mine[2].id],
        );
        assert.deepEqual(
          (await store.listBySubject!({ bsuid })).map((e) => e.id),
          [mine[1].id, mine[2].id],
        );
        assert.deepEqual(
          (await store.listBySubject!({ phone, bsuid })).map((e) => e.id),
          mine.map((e) => e.id),
        );
      }));

    it('reads in ledger order, page by page', () =>
      withStore(async (store) => {
        const entries = Array.from({ length: 7 }, () => entry());
        for (const e of entries) await store.append(e);
        assert.deepEqual(
          (await store.list()).map((e) => e.id),
          entries.map((e) => e.id),
        );
        assert.deepEqual(
          (await store.list({ afterSeq: 2, limit: 3 })).map((e) => e.seq),
          [3, 4, 5],
        );
        assert.deepEqual((await store.list({ afterSeq: 7 })).length, 0);
      }));

    it('lets a nonce be claimed by one record only, a retry of that record included', () =>
      withStore(async (store, ledger) => {
        assert.equal(await store.claimNonce('n-1', 'record-a'), true);
        assert.equal(await store.claimNonce('n-1', 'record-a'), true, 'the same record retrying');
        assert.equal(await store.claimNonce('n-1', 'record-b'), false, 'another record replaying it');
        const other = await ledger.open();
        try {
          const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).claimNonce('n-2', `record-${i}`)));
          assert.equal(claims.filter(Boolean).length, 1, 'exactly one of 20 racing records wins the nonce');
        } finally {
          await other.close();
        }
      }));

    it("claims an entry's nonce in the append itself: one record per nonce, retries of it included, even racing", () =>
      withStore(async (store, ledger) => {
        assert.equal(store.claimsNoncesOnAppend, true);
        const first = { ...entry(), nonce: 'n-append-1' };
        assert.equal((await store.append(first)).created, true);
        assert.equal((await store.append(first)).created, false, 'the same record again is the stored one');
        await assert.rejects(store.append({ ...entry(), nonce: 'n-append-1' }), NonceReplayedError, 'another record replaying the nonce');
        assert.equal(await store.claimNonce('n-append-1', first.id), true, 'the claim is the one claimNonce sees');
        const other = await ledger.open();
        try {
          const racing = Array.from({ length: 20 }, () => ({ ...entry(), nonce: 'n-append-2' }));
          const outcomes = await Promise.allSettled(racing.map((e, i) => (i % 2 ? store : other).append(e)));
          assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1, 'exactly one of 20 racing records is stored');
          assert.ok(outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof NonceReplayedError));
          const rows = await assertOneChain(store);
          assert.equal(rows.length, 2, 'the refused ones left no row and no gap');
          assert.equal('nonce' in rows[0], false, 'the nonce is not part of the stored entry');
          await assertLogOfRows(store, rows);
        } finally {
          await other.close();
        }
      }));

    it('keeps one receiver key when two receivers save theirs at once', () =>
      withStore(async (store, ledger) => {
        assert.equal(await store.loadServerKey(), undefined);
        const other = await ledger.open();
        try {
          const [a, b] = await Promise.all([
            store.saveServerKey({ kty: 'EC', crv: 'P-256', d: 'first' }),
            other.saveServerKey({ kty: 'EC', crv: 'P-256', d: 'second' }),
          ]);
          assert.deepEqual(a, b, 'both answer the key in force');
          assert.deepEqual(await other.loadServerKey(), a);
        } finally {
          await other.close();
        }
      }));

    it('refuses edits and deletions of the ledger at the database itself', () =>
      withStore(async (store, ledger) => {
        await store.append(entry());
        await assert.rejects(ledger.raw(`UPDATE {ledger} SET receipt = 'forged'`), /append-only/);
        await assert.rejects(ledger.raw('DELETE FROM {ledger}'), /append-only/);
        assert.equal((await store.list())[0].receipt.startsWith('receipt-'), true);
      }));

    it("extends the log in the append transaction: another connection's log has each entry as soon as its append resolved", () =>
      withStore(async (store, ledger) => {
        const other = await ledger.open();
        try {
          assert.equal((await other.ledgerLog!()).size, 0);
          const entries = Array.from({ length: 40 }, () => entry());
          // Both connections append at once; after each batch, each connection's log is level with every row.
          await Promise.all(entries.map((e, i) => (i % 2 ? store : other).append(e)));
          const rows = await assertOneChain(store);
          await assertLogOfRows(store, rows);
          await assertLogOfRows(other, rows);
          const last = await store.append(entry());
          assert.equal((await other.ledgerLog!()).size, last.entry.seq, 'the other connection sees the new leaf at once');
          // A repeat adds no leaf.
          await other.append(entries[0]);
          assert.equal((await store.ledgerLog!()).size, last.entry.seq);
        } finally {
          await other.close();
        }
      }));

    it("refuses edits, deletions and replacements of the log's leaves at the database itself", () =>
      withStore(async (store, ledger) => {
        await store.append(entry());
        await store.append(entry());
        const before = (await store.ledgerLog!()).rootHash();
        const forged = kind.name === 'SQLite' ? "x'" + '00'.repeat(32) + "'" : `'\\x${'00'.repeat(32)}'::bytea`;
        await assert.rejects(ledger.raw(`UPDATE {log_leaf} SET hash = ${forged}`), /append-only/);
        await assert.rejects(ledger.raw('DELETE FROM {log_leaf}'), /append-only/);
        const replace =
          kind.name === 'SQLite'
            ? `INSERT OR REPLACE INTO {log_leaf} (idx, hash) VALUES (0, ${forged})`
            : `INSERT INTO {log_leaf} (idx, hash) VALUES (0, ${forged}) ON CONFLICT (idx) DO UPDATE SET hash = EXCLUDED.hash`;
        await assert.rejects(ledger.raw(replace), /append-only/);
        if (kind.name === 'PostgreSQL') await assert.rejects(ledger.raw('TRUNCATE {log_leaf}'), /append-only/);
        const reopened = await ledger.open();
        try {
          assert.deepEqual((await reopened.ledgerLog!()).rootHash(), before, 'the log is as it was');
        } finally {
          await reopened.close();
        }
      }));

    it('keeps every entry and continues the chain after the store is closed and opened again', async () => {
      const ledger = await kind.freshLedger();
      const first = await ledger.open();
      const entries = Array.from({ length: 5 }, () => entry());
      // Not awaited: close() must still commit and answer appends already accepted.
      const pending = entries.map((e) => first.append(e));
      await first.close();
      assert.equal((await Promise.all(pending)).length, 5);
      const second = await ledger.open();
      try {
        await second.append(entry());
        const rows = await assertOneChain(second);
        assert.equal(rows.length, 6);
      } finally {
        await second.close();
      }
    });

    it('loses no acknowledged entry and breaks no link when the writing process is killed mid-stream', async () => {
      const ledger = await kind.freshLedger();
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/store-append-child.ts', ledger.location, `crash-${kind.name}`], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const acked: string[] = [];
      const exited = new Promise((resolve) => child.once('exit', resolve));
      for await (const line of createInterface({ input: child.stdout })) {
        acked.push(line.replace(/^acked /, ''));
        if (acked.length === 300) child.kill('SIGKILL');
      }
      await exited;
      const store = await ledger.open();
      try {
        const rows = await assertOneChain(store);
        const stored = new Set(rows.map((r) => r.id));
        assert.ok(acked.length >= 300);
        for (const id of acked) assert.ok(stored.has(id), `${id} was acknowledged, so it must be in the ledger`);
        // The log was written in the same transactions: no leaf missing or extra after the kill.
        await assertLogOfRows(store, rows);
        // The killed process's last lock is gone with it: the ledger still takes appends.
        assert.equal((await store.append(entry())).entry.seq, rows.length + 1);
      } finally {
        await store.close();
      }
    });
  });
}
