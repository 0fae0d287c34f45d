import type { OutboxEntry } from './outbox-entry.js';
import type { OutboxStore } from './outbox-store.js';

const PREFIX = 'optin-elements-outbox:';

/** For browsers without IndexedDB: one key per entry, so tabs never overwrite each other's entries. */
export class LocalStorageOutboxStore implements OutboxStore {
  readonly kind = 'local-storage' as const;

  constructor(private readonly storage: Storage) {}

  /** A store when localStorage works here (it throws in some private modes or when disabled). */
  static open(): LocalStorageOutboxStore | undefined {
    try {
      const storage = globalThis.localStorage;
      const probe = `${PREFIX}probe`;
      storage.setItem(probe, '1');
      storage.removeItem(probe);
      return new LocalStorageOutboxStore(storage);
    } catch {
      return undefined;
    }
  }

  async put(entry: OutboxEntry): Promise<void> {
    this.storage.setItem(PREFIX + entry.id, JSON.stringify(entry));
  }
  async get(id: string): Promise<OutboxEntry | undefined> {
    const text = this.storage.getItem(PREFIX + id);
    return text ? (JSON.parse(text) as OutboxEntry) : undefined;
  }
  async delete(id: string): Promise<void> {
    this.storage.removeItem(PREFIX + id);
  }
  async list(): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(PREFIX) || key === `${PREFIX}probe`) continue;
      try {
        entries.push(JSON.parse(this.storage.getItem(key) ?? '') as OutboxEntry);
      } catch {
        // A value someone else wrote under our prefix: not ours to send.
      }
    }
    return entries;
  }
}
