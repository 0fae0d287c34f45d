import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ConsentEvent, deriveEffectiveState } from '../../src/core/record/effective-consent-state.js';
import { parseRfc3339 } from '../../src/core/record/rfc3339-time.js';

let seq = 0;
const at = (minute: number) => Date.UTC(2026, 2, 1, 9, minute);
function event(kind: ConsentEvent['kind'], minute: number, grants: Record<string, boolean>, extra: Partial<ConsentEvent> = {}): ConsentEvent {
  seq += 1;
  return {
    recordId: `r${seq}`,
    kind,
    capturedAt: at(minute),
    seq,
    categories: Object.entries(grants).map(([id, granted]) => ({ id, granted })),
    fromPerson: false,
    ...extra,
  };
}
const granted = (events: ConsentEvent[], options = {}) => Object.fromEntries(deriveEffectiveState(events, options).categories.map((c) => [c.id, c.granted]));

describe('effective consent state: the rules table', () => {
  it('a first web opt-in is effective and unconfirmed', () => {
    const state = deriveEffectiveState([event('opt-in', 0, { offers: true })]);
    assert.deepEqual(
      state.categories.map(({ id, granted, effect, confirmed }) => ({ id, granted, effect, confirmed })),
      [{ id: 'offers', granted: true, effect: 'effective', confirmed: false }],
    );
  });

  it('a withdrawal from any source stops at once; an opt-out stops categories never named', () => {
    assert.deepEqual(granted([event('opt-in', 0, { offers: true, news: true }), event('preferences', 1, { offers: false })]), { offers: false, news: true });
    const afterStop = [event('opt-out', 0, { all: false }), event('opt-in', 1, { offers: true })];
    assert.deepEqual(granted(afterStop), {}, 'everything was stopped: a new category is turned back on, so it waits');
    assert.equal(deriveEffectiveState(afterStop).records.get(afterStop[1].recordId)?.effect, 'needs-confirmation');
  });

  it('a grant of a stopped category needs the person: without proof it waits, with proof it counts', () => {
    const optIn = event('opt-in', 0, { offers: true });
    const stop = event('opt-out', 1, { offers: false });
    const unproven = event('preferences', 2, { offers: true });
    assert.deepEqual(granted([optIn, stop, unproven]), { offers: false });
    assert.equal(deriveEffectiveState([optIn, stop, unproven]).categories[0].effect, 'needs-confirmation');
    assert.deepEqual(granted([optIn, stop, { ...unproven, fromPerson: true }]), { offers: true });
  });

  it('a confirmation makes a waiting grant effective at its own time, and confirms only the record it names', () => {
    const first = event('opt-in', 0, { updates: true });
    const stop = event('preferences', 1, { offers: false });
    const waiting = event('preferences', 2, { offers: true });
    const confirm = event('confirmation', 3, {}, { confirms: waiting.recordId });
    const state = deriveEffectiveState([first, stop, waiting, confirm]);
    assert.deepEqual(Object.fromEntries(state.categories.map((c) => [c.id, [c.granted, c.confirmed]])), { updates: [true, false], offers: [true, true] });
    assert.equal(state.records.get(waiting.recordId)?.effect, 'effective');
  });

  it('a stop after a waiting grant wins over its later confirmation', () => {
    const events = [event('opt-out', 0, { offers: false }), event('opt-in', 1, { offers: true })];
    events.push(event('preferences', 2, { offers: false }), event('confirmation', 3, {}, { confirms: events[1].recordId }));
    assert.deepEqual(granted(events), { offers: false });
  });

  it('applies records in capturedAt order: a grant delivered late never undoes a later stop', () => {
    const optIn = event('opt-in', 0, { offers: true });
    const stop = event('opt-out', 20, { offers: false });
    const late = event('preferences', 10, { offers: true }, { fromPerson: true });
    assert.deepEqual(granted([optIn, stop, late]), { offers: false });
  });

  it('never applies a withdrawal or a live message before a record that arrived ahead of it, whatever the clocks say', () => {
    const optIn = event('opt-in', 10, { offers: true });
    const slowStop = event('opt-out', 9, { offers: false });
    assert.deepEqual(granted([optIn, slowStop]), { offers: false });
    const resume = event('preferences', 9, { offers: true }, { fromPerson: true, live: true });
    assert.deepEqual(granted([optIn, slowStop, resume]), { offers: true });
  });

  it('keeps categories the business never configured as evidence only', () => {
    const lure = event('opt-in', 0, { offers: true, 'call-us': true });
    const state = deriveEffectiveState([lure], { configuredCategories: new Set(['offers']) });
    assert.deepEqual(
      state.categories.map((c) => c.id),
      ['offers'],
    );
    assert.deepEqual(state.records.get(lure.recordId)?.categories, [
      { id: 'offers', effect: 'effective' },
      { id: 'call-us', effect: 'evidence-only' },
    ]);
  });
});

describe('strict RFC 3339', () => {
  it('reads real date-times and refuses impossible ones', () => {
    assert.equal(parseRfc3339('2026-03-01T09:30:00Z'), Date.UTC(2026, 2, 1, 9, 30));
    assert.equal(parseRfc3339('2026-03-01T10:30:00.123+01:00'), Date.UTC(2026, 2, 1, 9, 30, 0, 123));
    assert.equal(parseRfc3339('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29));
    for (const value of [
      '2026-02-30T10:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T09:30:60Z',
      '2026-03-01 09:30:00',
      '2026-03-01T09:30Z',
      '2026-03-01',
    ]) {
      assert.equal(parseRfc3339(value), undefined, value);
    }
  });
});
