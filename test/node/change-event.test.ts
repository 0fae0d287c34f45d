/** Which records make a change event, and the event's shape: the pure rules of `src/core/record/change-event.ts`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildChangeEvent, changedCategories, changeEventId } from '../../src/core/record/change-event.js';

const on = (id: string) => ({ id, granted: true });
const off = (id: string) => ({ id, granted: false });
const always = () => true;

describe('change events', () => {
  it('lists what an opt-in turned on, not its unticked boxes that were already off', () => {
    assert.deepEqual(changedCategories({ kind: 'opt-in', categories: [on('offers'), off('news')] }, [off('news')], [on('offers'), off('news')], always), [
      on('offers'),
    ]);
  });

  it('makes no event of a grant that waits for confirmation or of a grant already in force', () => {
    assert.equal(
      changedCategories({ kind: 'opt-in', categories: [on('offers')] }, [off('offers')], [off('offers')], () => false),
      undefined,
    );
    assert.equal(changedCategories({ kind: 'preferences', categories: [on('offers')] }, [on('offers')], [on('offers')], always), undefined);
  });

  it('always makes an event of an opt-out, ending with "all", even for a person the ledger never had', () => {
    assert.deepEqual(changedCategories({ kind: 'opt-out', categories: [] }, [], [], always), [off('all')]);
    assert.deepEqual(changedCategories({ kind: 'opt-out', categories: [off('all')] }, [on('offers')], [off('offers')], always), [off('offers'), off('all')]);
  });

  it('lists a stop of a category already off (the sending system may not know), unless it was evidence only', () => {
    assert.deepEqual(changedCategories({ kind: 'preferences', categories: [off('offers')] }, [off('offers')], [off('offers')], always), [off('offers')]);
    assert.equal(
      changedCategories({ kind: 'preferences', categories: [off('unknown')] }, [], [], () => false),
      undefined,
    );
  });

  it('lists what a confirmation released, and nothing for a kind it does not know', () => {
    assert.deepEqual(changedCategories({ kind: 'confirmation', categories: [] }, [off('offers')], [on('offers')], always), [on('offers')]);
    assert.equal(changedCategories({ kind: 'inbound-message', categories: [] }, [off('offers')], [on('offers')], always), undefined);
  });

  it('gives each source its own ids, a cursor per ledger position, and no empty optional fields', () => {
    assert.equal(changeEventId('record', 'abc'), 'record:abc');
    assert.notEqual(changeEventId('record', 'abc'), changeEventId('erasure', 'abc'));
    const event = buildChangeEvent({
      source: 'record',
      sourceId: 'r1',
      seq: 7,
      at: '2026-12-03T09:00:00.000Z',
      kind: 'opt-out',
      subject: { bsuid: 'US.1' },
      linked: [],
      categories: [off('all')],
    });
    assert.deepEqual(event, {
      id: 'record:r1',
      cursor: '7',
      at: '2026-12-03T09:00:00.000Z',
      kind: 'opt-out',
      subject: { bsuid: 'US.1' },
      categories: [off('all')],
    });
  });
});
