/**
 * A person's current state, derived from the append-only ledger by the rules
 * of `core/record/effective-consent-state.ts`: their records (every linked identifier,
 * see `subject-identities.ts`) are applied in the order the person acted, and
 * each record's authority is read from the ledger itself (receipt, signer).
 * Nothing is rewritten; the state is recomputed from history on every read.
 */
import type { RecordSubject } from '../core/record/consent-record.js';
import { ALL_CATEGORIES_ID, type ConsentEvent, deriveEffectiveState, type RecordOutcome } from '../core/record/effective-consent-state.js';
import { parseRfc3339 } from '../core/record/rfc3339-time.js';
import type { ConsentStore, LedgerEntry } from './consent-store.js';
import { type CategoryRegistry, categoryLabel } from './category-registry.js';
import { carriesPersonAuthority, confirmedRecordId, isReceiverInbound, type ReceiverKids } from './record-authority.js';
import { type LinkedIdentity, resolvePerson } from './subject-identities.js';

export { ALL_CATEGORIES_ID };
export { matchesSubject, subjectEntries } from './subject-identities.js';

export interface CategoryState {
  id: string;
  /** From the business's category registry, never from a posted record; absent when the registry does not name it. */
  label?: string;
  granted: boolean;
  effect: 'effective' | 'needs-confirmation';
  /** When the person made the current state (`capturedAt` of the record, ISO 8601). */
  since: string;
  /** The record that made it. */
  recordId: string;
  /** A confirmation named a record that granted this category (double opt-in), since it was last stopped. */
  confirmed: boolean;
}

export interface SubjectState {
  subject: RecordSubject;
  categories: CategoryState[];
  /** The identifiers of this person and the evidence linking them. */
  identities: LinkedIdentity[];
  /** True when at least one category is granted and every granted category is confirmed. */
  confirmed: boolean;
  /** `receivedAt` of the latest record, if any. */
  updatedAt?: string;
  /** Categories granted just before the latest opt-out: what a "resume" reply restores. */
  grantedBeforeLastOptOut: Array<{ id: string; label?: string }>;
  /** Each record's effect, by id. */
  records: Array<{ id: string } & RecordOutcome>;
}

function eventOf(entry: LedgerEntry, receiverKid: ReceiverKids): ConsentEvent {
  const { record } = entry;
  return {
    recordId: record.id,
    kind: record.kind,
    // Records stored before strict times were required fall back to arrival.
    capturedAt: parseRfc3339(record.capturedAt) ?? Date.parse(entry.receivedAt),
    seq: entry.seq,
    categories: record.categories,
    fromPerson: carriesPersonAuthority(entry, receiverKid),
    confirms: confirmedRecordId(entry, receiverKid),
    live: isReceiverInbound(entry, receiverKid),
  };
}

/**
 * `receiverKid` is the receiver key's thumbprint, or every one it publishes (so a record signed
 * before a key rotation still counts): only records signed by that key (made by the receiver from
 * a signed webhook) count as the person's messages.
 */
export function deriveSubjectState(
  subject: RecordSubject,
  entries: readonly LedgerEntry[],
  receiverKid: ReceiverKids,
  registry?: CategoryRegistry,
  identities: LinkedIdentity[] = [],
): SubjectState {
  const state = deriveEffectiveState(
    entries.map((entry) => eventOf(entry, receiverKid)),
    registry ? { configuredCategories: new Set(registry.map((c) => c.id)) } : {},
  );
  const label = (id: string) => categoryLabel(registry, id);
  const categories = state.categories.map((c) => ({ ...c, ...(label(c.id) !== undefined ? { label: label(c.id) } : {}) }));
  const granted = categories.filter((c) => c.granted);
  return {
    subject,
    categories,
    identities,
    confirmed: granted.length > 0 && granted.every((c) => c.confirmed),
    updatedAt: entries.reduce<string | undefined>((latest, e) => (!latest || e.receivedAt > latest ? e.receivedAt : latest), undefined),
    grantedBeforeLastOptOut: state.grantedBeforeLastOptOut.map((id) => ({ id, ...(label(id) !== undefined ? { label: label(id) } : {}) })),
    records: [...state.records.entries()].map(([id, outcome]) => ({ id, ...outcome })),
  };
}

export async function loadSubjectState(
  store: ConsentStore,
  subject: RecordSubject,
  receiverKid: ReceiverKids,
  registry?: CategoryRegistry,
): Promise<SubjectState> {
  const person = await resolvePerson(store, subject, receiverKid);
  return deriveSubjectState(subject, person.entries, receiverKid, registry, person.identities);
}
