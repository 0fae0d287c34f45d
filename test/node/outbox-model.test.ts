/**
 * A model test of the outbox: random sequences of submits, network faults,
 * lost answers, refusals, reloads and two tabs, then the network comes back.
 * Nothing is lost, no record is sent again once the outbox heard it was
 * delivered or refused (every POST is counted, as the receiver would see it:
 * its own ledger deduplicates, so its rows could not tell), every attempt
 * re-sends the same bytes, no record is sent by two tabs at once, and one
 * subject's records reach the receiver in the order they were made.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { OutboxEntry } from '../../src/client/outbox/outbox-entry.js';
import type { OutboxStore } from '../../src/client/outbox/outbox-store.js';
import { type AttemptResult, OUTBOX_EVENTS, Outbox, type OutboxLocks } from '../../src/client/outbox/outbox.js';

/** Survives reloads, like IndexedDB. */
class DiskStore implements OutboxStore {
  readonly kind = 'indexeddb' as const;
  constructor(private readonly disk: Map<string, string>) {}
  async put(entry: OutboxEntry) {
    this.disk.set(entry.id, JSON.stringify(entry));
  }
  async get(id: string) {
    const text = this.disk.get(id);
    return text ? (JSON.parse(text) as OutboxEntry) : undefined;
  }
  async delete(id: string) {
    this.disk.delete(id);
  }
  async list() {
    return [...this.disk.values()].map((text) => JSON.parse(text) as OutboxEntry);
  }
}

type Network = 'up' | 'down' | 'error-500' | 'answer-lost' | 'rate-limited';

type Step =
  | { kind: 'submit'; tab: 0 | 1; subject: number; refused: boolean }
  | { kind: 'network'; mode: Network }
  | { kind: 'reload'; tab: 0 | 1 }
  | { kind: 'advance'; ms: number }
  | { kind: 'flush'; tabs: 'one' | 'both' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('submit' as const),
    tab: fc.constantFrom(0 as const, 1 as const),
    subject: fc.integer({ min: 0, max: 2 }),
    refused: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  }),
  fc.record({ kind: fc.constant('network' as const), mode: fc.constantFrom<Network>('up', 'down', 'error-500', 'answer-lost', 'rate-limited') }),
  fc.record({ kind: fc.constant('reload' as const), tab: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
  fc.record({ kind: fc.constant('flush' as const), tabs: fc.constantFrom('one' as const, 'both' as const) }),
);

async function runModel(steps: Step[]): Promise<void> {
  const disk = new Map<string, string>();
  let clock = 1_000_000;
  let network: Network = 'up';
  const held = new Set<string>();
  const locks: OutboxLocks = async (name, task) => {
    if (held.has(name)) return 'busy';
    held.add(name);
    try {
      return await task();
    } finally {
      held.delete(name);
    }
  };
  // The receiver: one row per id; a body differing under a known id would be a 409.
  const ledger = new Map<string, string>();
  const arrivals: string[] = [];
  const refusedIds = new Set<string>();
  const inFlight = new Set<string>();
  const bodiesSeen = new Map<string, string>();
  // Ids whose final answer (2xx, or a refusal) reached the outbox: sending one again is a double.
  const settled = new Set<string>();

  const transport = async (entry: OutboxEntry): Promise<AttemptResult> => {
    assert.ok(!settled.has(entry.id), `record ${entry.id} sent again after the outbox heard it was delivered or refused`);
    assert.ok(!inFlight.has(entry.id), `record ${entry.id} sent by two tabs at once`);
    inFlight.add(entry.id);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight.delete(entry.id);
    const earlier = bodiesSeen.get(entry.id);
    assert.ok(earlier === undefined || earlier === entry.body, 'a record is re-sent byte-for-byte');
    bodiesSeen.set(entry.id, entry.body);
    if (network === 'down') return { status: 0, message: 'network error' };
    if (network === 'error-500') return { status: 500, message: 'server error' };
    if (network === 'rate-limited') return { status: 429, retryAfter: '30', message: 'slow down' };
    if (refusedIds.has(entry.id)) {
      settled.add(entry.id);
      return { status: 422, message: 'refused' };
    }
    const known = ledger.get(entry.id);
    if (known !== undefined && known !== entry.body) return { status: 409, message: 'id conflict' };
    if (known === undefined) {
      ledger.set(entry.id, entry.body);
      arrivals.push(entry.id);
    }
    if (network === 'answer-lost') return { status: 0, message: 'answer lost' };
    settled.add(entry.id);
    return { status: known ? 200 : 201, message: 'ok' };
  };

  const told = new Map<string, 'delivered' | 'dead'>();
  const open = () => {
    const outbox = new Outbox({ store: new DiskStore(disk), transport, locks, now: () => clock, random: () => 0.5, schedule: () => () => undefined });
    outbox.addEventListener(OUTBOX_EVENTS.delivered, (e) => told.set((e as CustomEvent).detail.entry.id, 'delivered'));
    outbox.addEventListener(OUTBOX_EVENTS.dead, (e) => told.set((e as CustomEvent).detail.entry.id, 'dead'));
    return outbox;
  };
  const tabs = [open(), open()];
  const submitted: Array<{ id: string; subject: number; refused: boolean }> = [];
  let counter = 0;

  for (const s of steps) {
    switch (s.kind) {
      case 'submit': {
        const id = `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
        if (s.refused) refusedIds.add(id);
        submitted.push({ id, subject: s.subject, refused: s.refused });
        clock += 1;
        await tabs[s.tab].enqueue(
          id,
          { url: 'https://receiver.test/consents', headers: {}, body: JSON.stringify({ id, subject: s.subject }) },
          { subjectKey: `subject-${s.subject}` },
        );
        break;
      }
      case 'network':
        network = s.mode;
        break;
      case 'reload':
        tabs[s.tab].stop();
        tabs[s.tab] = open();
        await tabs[s.tab].flush(true);
        break;
      case 'advance':
        clock += s.ms;
        break;
      case 'flush':
        await Promise.all(s.tabs === 'both' ? tabs.map((tab) => tab.flush()) : [tabs[0].flush()]);
        break;
    }
  }
  // The network comes back; time passes; both tabs keep going until nothing is pending.
  network = 'up';
  for (let round = 0; round < 50 && (await tabs[0].pending()).length > 0; round++) {
    // Let attempts started by closed tabs finish: they still hold their locks.
    await new Promise((resolve) => setImmediate(resolve));
    clock += 10 * 60_000;
    await Promise.all(tabs.map((tab) => tab.flush(true)));
  }

  assert.deepEqual(await tabs[0].pending(), [], 'nothing is left pending');
  for (const { id, refused } of submitted) {
    if (refused && !ledger.has(id)) {
      assert.equal(told.get(id), 'dead', 'a refused record is reported, not dropped');
      assert.ok(disk.has(id), 'a refused record stays as a dead letter');
    } else {
      assert.ok(ledger.has(id), `record ${id} reached the receiver`);
      assert.ok(!disk.has(id), 'a delivered record is removed from storage');
    }
  }
  for (const subject of [0, 1, 2]) {
    const made = submitted.filter((r) => r.subject === subject && ledger.has(r.id)).map((r) => r.id);
    const arrived = arrivals.filter((id) => made.includes(id));
    assert.deepEqual(arrived, made, `subject ${subject}'s records arrive in the order they were made`);
  }
}

describe('the outbox model', () => {
  it('loses nothing, doubles nothing and keeps each subject in order under random faults, reloads and two tabs', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), runModel), { numRuns: 300 });
  });
});
