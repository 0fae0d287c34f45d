/**
 * What the click journal keeps: everything needed to finish a record that
 * was clicked but not yet signed into the outbox. Pure, so Node tests check
 * that an entry read back builds the very record the click would have built.
 */
import type { ConsentRecordInput } from '../../core/record/build-consent-record.js';

export interface ClickJournalEntry {
  v: 1;
  endpoint: string;
  /** The record's inputs as JSON: `id` fixed, `capturedAt` as an ISO string. */
  input: Omit<ConsentRecordInput, 'capturedAt' | 'id'> & { id: string; capturedAt: string };
  /** Headers the request carries beside the defaults (a preference token with a grant: the person's authority). */
  headers?: Record<string, string>;
}

/** The entry for one click; `input.id` and `input.capturedAt` must already be fixed. */
export function clickJournalEntry(
  endpoint: string,
  input: ConsentRecordInput & { id: string; capturedAt: Date },
  headers?: Record<string, string>,
): ClickJournalEntry {
  return { v: 1, endpoint, input: { ...input, capturedAt: input.capturedAt.toISOString() }, ...(headers ? { headers } : {}) };
}

/** Whether a value read back is an entry (not another script's value or an older format). */
export function isClickJournalEntry(value: unknown): value is ClickJournalEntry {
  const entry = value as ClickJournalEntry | undefined;
  return entry?.v === 1 && typeof entry.endpoint === 'string' && typeof entry.input?.id === 'string';
}

/** The inputs `buildConsentRecord` takes to rebuild the clicked record, same id and time. */
export function recordInputOf(entry: ClickJournalEntry): ConsentRecordInput {
  return { ...entry.input, capturedAt: new Date(entry.input.capturedAt) };
}
