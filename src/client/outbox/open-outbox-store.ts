import { IndexedDbOutboxStore } from './indexeddb-outbox-store.js';
import { LocalStorageOutboxStore } from './local-storage-outbox-store.js';
import { MemoryOutboxStore } from './memory-outbox-store.js';
import type { OutboxStore } from './outbox-store.js';

/** The most durable store this browser offers: IndexedDB, then localStorage, then memory. */
export async function openOutboxStore(): Promise<OutboxStore> {
  return (await IndexedDbOutboxStore.open()) ?? LocalStorageOutboxStore.open() ?? new MemoryOutboxStore();
}
