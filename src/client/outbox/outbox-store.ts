import type { OutboxEntry } from './outbox-entry.js';

/** Where outbox entries live: IndexedDB, else localStorage, else memory (lost with the page). */
export type OutboxStorageKind = 'indexeddb' | 'local-storage' | 'memory';

export interface OutboxStore {
  readonly kind: OutboxStorageKind;
  /** Resolves once the entry is durably written (for durable kinds). */
  put(entry: OutboxEntry): Promise<void>;
  get(id: string): Promise<OutboxEntry | undefined>;
  delete(id: string): Promise<void>;
  list(): Promise<OutboxEntry[]>;
}
