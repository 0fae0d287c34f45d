/**
 * A subject's current state, derived from the append-only ledger: records are
 * replayed in ledger order (the receiver's order of arrival) and the latest
 * signed event for each category wins. Nothing is ever rewritten; the state is
 * a view, recomputed from history on every read.
 */
import type { ConsentRecord, RecordSubject } from '../core/consent-record.js';
import type { ConsentStore, LedgerEntry } from './consent-store.js';

export interface CategoryState {
  id: string;
  /** The label as last shown to the person. */
  label: string;
  granted: boolean;
  /** `receivedAt` of the record that set it. */
  since: string;
  /** The record that set it. */
  recordId: string;
}

export interface SubjectState {
  subject: RecordSubject;
  categories: CategoryState[];
  /** True when an opt-in of this subject was confirmed by a message from WhatsApp (double opt-in). */
  confirmed: boolean;
  /** `receivedAt` of the latest record, if any. */
  updatedAt?: string;
  /** Categories granted just before the latest opt-out: what a "resume" reply restores. */
  grantedBeforeLastOptOut: Array<{ id: string; label: string }>;
}

/**
 * The category an opt-out names when nothing is known about the person (a STOP
 * from a number with no records): it stands for "everything", never becomes a
 * category of its own in the state.
 */
export const ALL_CATEGORIES_ID = 'all';

export function matchesSubject(record: ConsentRecord, subject: RecordSubject): boolean {
  return (
    (subject.phone !== undefined && record.subject.phone === subject.phone) ||
    (subject.bsuid !== undefined && record.subject.bsuid === subject.bsuid)
  );
}

/** The subject's entries in ledger order, through the store's index when it has one. */
export async function subjectEntries(store: ConsentStore, subject: RecordSubject): Promise<LedgerEntry[]> {
  if (store.listBySubject) return store.listBySubject(subject);
  return (await store.list()).filter((entry) => matchesSubject(entry.record, subject));
}

/**
 * `receiverKid` is the receiver key's thumbprint (or every published one, so a
 * confirmation signed before a key rotation still counts): only a confirmation
 * signed by that key (made by the receiver from its signed webhook) counts as one.
 */
export function deriveSubjectState(subject: RecordSubject, entries: readonly LedgerEntry[], receiverKid: string | readonly string[]): SubjectState {
  const receiverKids: readonly string[] = typeof receiverKid === 'string' ? [receiverKid] : receiverKid;
  const categories = new Map<string, CategoryState>();
  let confirmed = false;
  let grantedBeforeLastOptOut: SubjectState['grantedBeforeLastOptOut'] = [];
  let updatedAt: string | undefined;
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const { record } = entry;
    updatedAt = entry.receivedAt;
    if (record.kind === 'confirmation') {
      if (receiverKids.includes(entry.keyThumbprint)) confirmed = true;
      continue;
    }
    const set = (id: string, label: string, granted: boolean) =>
      categories.set(id, { id, label, granted, since: entry.receivedAt, recordId: record.id });
    if (record.kind === 'opt-out') {
      grantedBeforeLastOptOut = [...categories.values()].filter((c) => c.granted).map(({ id, label }) => ({ id, label }));
      // Stop everything: every category known so far, and any the record names.
      for (const category of categories.values()) set(category.id, category.label, false);
    }
    for (const category of record.categories) {
      if (record.kind === 'opt-out' && category.id === ALL_CATEGORIES_ID) continue;
      set(category.id, category.label, category.granted);
    }
  }
  return { subject, categories: [...categories.values()], confirmed, updatedAt, grantedBeforeLastOptOut };
}

export async function loadSubjectState(store: ConsentStore, subject: RecordSubject, receiverKid: string | readonly string[]): Promise<SubjectState> {
  return deriveSubjectState(subject, await subjectEntries(store, subject), receiverKid);
}
