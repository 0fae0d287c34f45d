import type { OutboxEntry } from './outbox-entry.js';
import type { OutboxStore } from './outbox-store.js';

// A database of its own, so the outbox never needs a version bump of the device-key database.
const DB_NAME = 'optin-elements-outbox';
const STORE = 'entries';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export class IndexedDbOutboxStore implements OutboxStore {
  readonly kind = 'indexeddb' as const;

  private constructor(private readonly db: IDBDatabase) {}

  /** Opens the database, or `undefined` when IndexedDB is missing or refused (some private modes). */
  static async open(): Promise<IndexedDbOutboxStore | undefined> {
    try {
      if (typeof indexedDB === 'undefined') return undefined;
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => {
        if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE, { keyPath: 'id' });
      };
      const db = await request(open);
      // Another tab upgrading later must not be blocked by this connection.
      db.onversionchange = () => db.close();
      return new IndexedDbOutboxStore(db);
    } catch {
      return undefined;
    }
  }

  async put(entry: OutboxEntry): Promise<void> {
    // 'strict' durability where supported: the write is on disk before we send.
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    tx.objectStore(STORE).put(entry);
    await done(tx);
  }
  async get(id: string): Promise<OutboxEntry | undefined> {
    return (await request(this.db.transaction(STORE).objectStore(STORE).get(id))) as OutboxEntry | undefined;
  }
  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(id);
    await done(tx);
  }
  async list(): Promise<OutboxEntry[]> {
    return (await request(this.db.transaction(STORE).objectStore(STORE).getAll())) as OutboxEntry[];
  }
}
