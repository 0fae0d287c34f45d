import type { OutboxEntry } from './outbox-entry.js';
import type { OutboxStore } from './outbox-store.js';

/** The last resort when the browser offers no storage: entries live as long as the page. */
export class MemoryOutboxStore implements OutboxStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, OutboxEntry>();

  async put(entry: OutboxEntry): Promise<void> {
    this.entries.set(entry.id, structuredClone(entry));
  }
  async get(id: string): Promise<OutboxEntry | undefined> {
    const entry = this.entries.get(id);
    return entry && structuredClone(entry);
  }
  async delete(id: string): Promise<void> {
    this.entries.delete(id);
  }
  async list(): Promise<OutboxEntry[]> {
    return [...this.entries.values()].map((entry) => structuredClone(entry));
  }
}
