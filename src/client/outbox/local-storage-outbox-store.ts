import { keysAfter, readJson, removeKey, writeJson } from '../local-storage-json.js';
import type { OutboxEntry } from './outbox-entry.js';
import type { OutboxStore } from './outbox-store.js';

const PREFIX = 'optin-elements-outbox:';

/** For browsers without IndexedDB: one key per entry, so tabs never overwrite each other's entries. */
export class LocalStorageOutboxStore implements OutboxStore {
  readonly kind = 'local-storage' as const;

  /** A store when localStorage works here (it throws in some private modes or when disabled). */
  static open(): LocalStorageOutboxStore | undefined {
    const probe = `${PREFIX}probe`;
    if (!writeJson(probe, 1)) return undefined;
    removeKey(probe);
    return new LocalStorageOutboxStore();
  }

  async put(entry: OutboxEntry): Promise<void> {
    localStorage.setItem(PREFIX + entry.id, JSON.stringify(entry));
  }
  async get(id: string): Promise<OutboxEntry | undefined> {
    return readJson<OutboxEntry>(PREFIX + id) ?? undefined;
  }
  async delete(id: string): Promise<void> {
    removeKey(PREFIX + id);
  }
  async list(): Promise<OutboxEntry[]> {
    // Only values that look like entries: another script may write under our prefix.
    return keysAfter(PREFIX)
      .flatMap((id) => readJson<OutboxEntry>(PREFIX + id) ?? [])
      .filter((entry) => entry.id);
  }
}
