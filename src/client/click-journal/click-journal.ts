/**
 * The click journal: one synchronous `localStorage` write in the click handler,
 * so a consent survives the tab closing before signing and IndexedDB are done
 * (tens of ms). One key per click, so tabs never overwrite each other.
 */
import { keysAfter, readJson, removeKey, writeJson } from '../local-storage-json.js';
import { type ClickJournalEntry, isClickJournalEntry } from './click-journal-entry.js';

const PREFIX = 'optin-elements-journal:';

/** The Web Lock a page holds while it turns one journal entry into an outbox entry. */
export const journalLockName = (id: string) => PREFIX + id;

/** Writes the entry; `false` when the browser refuses (private mode, quota, storage disabled). */
export const writeClickJournal = (entry: ClickJournalEntry): boolean => writeJson(PREFIX + entry.input.id, entry);

/** The entry, or `undefined` when gone or not one of ours. */
export function readClickJournal(id: string): ClickJournalEntry | undefined {
  const entry = readJson<ClickJournalEntry>(PREFIX + id);
  return isClickJournalEntry(entry) ? entry : undefined;
}

export const removeClickJournal = (id: string): void => removeKey(PREFIX + id);

/** Ids of the clicks left unfinished by earlier pages (or by a page still working on them). */
export const listClickJournal = (): string[] => keysAfter(PREFIX);
