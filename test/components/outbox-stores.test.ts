import { expect } from '@open-wc/testing';
import type { OutboxEntry } from '../../src/client/outbox/outbox-entry.js';
import { IndexedDbOutboxStore } from '../../src/client/outbox/indexeddb-outbox-store.js';
import { LocalStorageOutboxStore } from '../../src/client/outbox/local-storage-outbox-store.js';
import { MemoryOutboxStore } from '../../src/client/outbox/memory-outbox-store.js';
import type { OutboxStore } from '../../src/client/outbox/outbox-store.js';

const entry = (id: string): OutboxEntry => ({
  id,
  seq: 1,
  subjectKey: 'k',
  url: '/x',
  headers: { 'Content-Type': 'application/json' },
  body: '{"id":"' + id + '"}',
  timeoutMs: 10_000,
  state: 'pending',
  attempts: 0,
  nextAttemptAt: 0,
});

async function storeKeepsEntries(store: OutboxStore) {
  const a = entry(`store-test-a-${Math.random()}`);
  const b = entry(`store-test-b-${Math.random()}`);
  await store.put(a);
  await store.put(b);
  expect(await store.get(a.id)).to.deep.equal(a);
  await store.put({ ...a, attempts: 2 });
  expect((await store.get(a.id))?.attempts).to.equal(2);
  const ids = (await store.list()).map((e) => e.id);
  expect(ids).to.include.members([a.id, b.id]);
  await store.delete(a.id);
  await store.delete(b.id);
  expect(await store.get(a.id)).to.equal(undefined);
  expect((await store.list()).map((e) => e.id)).to.not.include.members([a.id, b.id]);
}

describe('outbox stores', () => {
  it('IndexedDB keeps, updates, lists and removes entries', async () => {
    const store = await IndexedDbOutboxStore.open();
    expect(store?.kind).to.equal('indexeddb');
    await storeKeepsEntries(store!);
  });

  it('the localStorage fallback keeps, updates, lists and removes entries', async () => {
    const store = LocalStorageOutboxStore.open();
    expect(store?.kind).to.equal('local-storage');
    await storeKeepsEntries(store!);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('optin-elements-outbox:'))).to.deep.equal([]);
  });

  it('the memory store, the last resort, keeps copies rather than live objects', async () => {
    const store = new MemoryOutboxStore();
    await storeKeepsEntries(store);
    const e = entry('live');
    await store.put(e);
    e.attempts = 9;
    expect((await store.get('live'))?.attempts).to.equal(0);
  });
});
