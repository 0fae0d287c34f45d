/**
 * What a store needs for erasure (optional on `ConsentStore` as a whole; both shipped stores have
 * it). Each method is durable before it resolves; `eraseSubjectData` is one transaction.
 */
import type { ErasureMark, ErasureReason } from './erased-entry.js';
import { identifierKey } from '../subject-identities.js';

export interface SuppressionEntry {
  /** `suppressionHash` of one identifier (see `suppression-hash.ts`). */
  hash: string;
  /** When that identifier was first erased. */
  erasedAt: string;
  reason: ErasureReason;
}

export interface ErasureRequest {
  /** Ledger rows whose body becomes an erased stub; rows already erased stay as they are. */
  seqs: number[];
  /**
   * The person's identifiers as stored (E.164, BSUID): review items naming them are deleted, and
   * inbound journal entries mentioning them (a phone also as its digits without `+`, WhatsApp's
   * `wa_id`) lose those units: settled outcomes become `rejected: erased`, pending bodies are scrubbed.
   */
  identifiers: string[];
  /** Kept after the data is gone; the first entry for a hash stays (erasing twice changes nothing). */
  suppressions: SuppressionEntry[];
  mark: ErasureMark;
}

export interface ErasureCounts {
  /** Ledger rows erased by this call. */
  erasedRecords: number;
  reviewItems: number;
  journalEntries: number;
}

export interface ErasureStore {
  eraseSubjectData(request: ErasureRequest): Promise<ErasureCounts>;
  /** Ledger positions of rows (not yet erased) whose stored record contains any of these strings, exactly. */
  seqsMentioning(needles: string[]): Promise<number[]>;
  findSuppressions(hashes: string[]): Promise<SuppressionEntry[]>;
  /** Every suppression entry, oldest first. */
  listSuppressions(): Promise<SuppressionEntry[]>;
}

export function hasErasure<T extends Partial<ErasureStore>>(store: T): store is T & ErasureStore {
  return (
    typeof store.eraseSubjectData === 'function' &&
    typeof store.seqsMentioning === 'function' &&
    typeof store.findSuppressions === 'function' &&
    typeof store.listSuppressions === 'function'
  );
}

/** The strings a person's data is found by in the journal: each identifier, and a phone's digits as WhatsApp's `wa_id` carries them. */
export function journalNeedles(identifiers: readonly string[]): string[] {
  return [...new Set(identifiers.flatMap((id) => (id.startsWith('+') ? [id, id.slice(1)] : [id])))];
}

/** The same, as JSON strings: how they appear in a stored record, so `+491512345678` never matches `+4915123456789`. */
export function recordNeedles(identifiers: readonly string[]): string[] {
  return journalNeedles(identifiers).map((needle) => JSON.stringify(needle));
}

/** The keys the derived state (`derived-subject-state.ts`) files these identifiers under. */
export function derivedStateKeys(identifiers: readonly string[]): string[] {
  return identifiers.map((id) => identifierKey(id.startsWith('+') ? { phone: id } : { bsuid: id }));
}

/** What a journal unit that mentioned an erased person becomes. */
export const ERASED_UNIT_OUTCOME = JSON.stringify({ status: 'rejected', reason: 'erased', unit: '' });
