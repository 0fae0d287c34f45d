import type { OutboxEntry } from './outbox-entry.js';
import type { OutboxStore } from './outbox-store.js';
import { requestResult, transactionDone } from '../indexeddb-promises.js';

// A database of its own, so the outbox never needs a version bump of the device-key database.
const DB_NAME = 'optin-elements-outbox';
const STORE = 'entries';

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
      const db = await requestResult(open);
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
    await transactionDone(tx);
  }
  async get(id: string): Promise<OutboxEntry | undefined> {
    return (await requestResult(this.db.transaction(STORE).objectStore(STORE).get(id))) as OutboxEntry | undefined;
  }
  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(id);
    await transactionDone(tx);
  }
  async list(): Promise<OutboxEntry[]> {
    return (await requestResult(this.db.transaction(STORE).objectStore(STORE).getAll())) as OutboxEntry[];
  }
}
