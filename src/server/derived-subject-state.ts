/**
 * The derived state: what `loadSubjectState` answers for each identifier (a phone number or a
 * BSUID, with the identities linked to it), kept in tables that the append updates in the same
 * transaction, so "may I send?" never rescans a person's history.
 *
 * Correct by construction rather than by incremental rules: when an entry arrives, every
 * identifier it could change (the ones it names, and every identifier already linked to one of
 * them) is recomputed from that person's history with the very rules `loadSubjectState` uses
 * (`personWalk`, `deriveSubjectState`). So records apply in `capturedAt` order, not arrival order,
 * and a late-flushed grant never undoes a later stop. The cost is one walk of the person's
 * (usually short) history per append; a new person's walk finds one entry.
 *
 * The rows are derived without the business's category registry: a configured category's state
 * does not depend on which other categories are configured, and the reader checks the category.
 * They do depend on the receiver's key ids (which records are the receiver's own, made from a
 * person's message), so the store keeps the ids they were built with and rebuilds on a change.
 */
import type { RecordSubject } from '../core/record/consent-record.js';
import type { LedgerEntry } from './consent-store.js';
import type { ReceiverKids } from './record-authority.js';
import { deriveSubjectState } from './subject-state.js';
import { identifierKey, personWalk } from './subject-identities.js';

export interface DerivedCategoryRow {
  /** `phone:+4915…` or `bsuid:US.…` (see `identifierKey`). */
  identifier: string;
  category: string;
  granted: boolean;
  effect: 'effective' | 'needs-confirmation';
  since: string;
  recordId: string;
  confirmed: boolean;
}

/** An identifier this one's walk reached: `strict` when linked for everything, not for withdrawals only. */
export interface DerivedLinkRow {
  identifier: string;
  member: string;
  strict: boolean;
}

/** The rows that replace an identifier's rows. */
export interface DerivedIdentifierState {
  identifier: string;
  /** No rows were kept for it before (its first entry): nothing to replace. */
  fresh?: boolean;
  categories: DerivedCategoryRow[];
  links: DerivedLinkRow[];
}

/** What the rules ask the store for while deriving, answered in batches. */
export type DerivationRequest =
  /** The identifiers whose stored links reach any of these: their state may change too. */
  | { kind: 'linked-to'; identifiers: string[] }
  /** The entries naming each of these subjects, in ledger order (one list per subject). */
  | { kind: 'entries'; subjects: RecordSubject[] };

export type DerivationAnswer = string[] | LedgerEntry[][];

export function subjectOfIdentifier(identifier: string): RecordSubject {
  return identifier.startsWith('phone:') ? { phone: identifier.slice(6) } : { bsuid: identifier.slice(6) };
}

/** The identifiers a record names: its subject, and the previous identifiers of an identity change. */
export function namedIdentifiers(entry: Pick<LedgerEntry, 'record'>): string[] {
  const { subject, inbound } = entry.record;
  const previous = inbound?.previous;
  const named = [subject, ...(previous ? [previous] : [])].flatMap((s) => [
    ...(s.phone ? [identifierKey({ phone: s.phone })] : []),
    ...(s.bsuid ? [identifierKey({ bsuid: s.bsuid })] : []),
  ]);
  return [...new Set(named)];
}

/** One identifier's state, from its person's history, as `loadSubjectState` derives it (without a registry). */
export function* deriveIdentifierState(identifier: string, receiverKids: ReceiverKids): Generator<RecordSubject, DerivedIdentifierState, LedgerEntry[]> {
  const subject = subjectOfIdentifier(identifier);
  const person = yield* personWalk(subject, receiverKids);
  const state = deriveSubjectState(subject, person.entries, receiverKids, undefined, person.identities);
  return {
    identifier,
    categories: state.categories.map((c) => ({
      identifier,
      category: c.id,
      granted: c.granted,
      effect: c.effect,
      since: c.since,
      recordId: c.recordId,
      confirmed: c.confirmed,
    })),
    links: person.identities.map((identity) => ({
      identifier,
      member: identifierKey(identity),
      strict: identity.evidence !== 'named-together',
    })),
  };
}

/**
 * The new state of every identifier that `entries` (just appended, in ledger order) may change.
 * Lookups are batched: every identifier's walk advances one step per `entries` request.
 */
export function* refreshDerivedState(
  entries: readonly LedgerEntry[],
  receiverKids: ReceiverKids,
): Generator<DerivationRequest, DerivedIdentifierState[], DerivationAnswer> {
  const named = [...new Set(entries.flatMap(namedIdentifiers))];
  if (named.length === 0) return [];
  const linked = (yield { kind: 'linked-to', identifiers: named }) as string[];
  // Every identifier the ledger named before has a link row to itself: one without is new, and
  // its entries are all in `entries` (the default path, a new person's first opt-in, asks nothing more).
  const known = new Set(linked);
  const byIdentifier = new Map<string, LedgerEntry[]>();
  for (const entry of entries) {
    for (const subject of [{ phone: entry.record.subject.phone }, { bsuid: entry.record.subject.bsuid }]) {
      if (!subject.phone && !subject.bsuid) continue;
      const key = identifierKey(subject);
      byIdentifier.set(key, [...(byIdentifier.get(key) ?? []), entry]);
    }
  }
  const namedSet = new Set(named);
  const isNew = (subject: RecordSubject) => !known.has(identifierKey(subject)) && namedSet.has(identifierKey(subject));
  const affected = [...new Set([...named, ...linked])];
  const walks = affected.map((identifier) => deriveIdentifierState(identifier, receiverKids));
  const steps = walks.map((walk) => walk.next());
  for (;;) {
    const waiting = steps.flatMap((step, i) => (step.done ? [] : [i]));
    if (waiting.length === 0) break;
    const local = waiting.filter((i) => isNew(steps[i].value as RecordSubject));
    for (const i of local) steps[i] = walks[i].next(byIdentifier.get(identifierKey(steps[i].value as RecordSubject)) ?? []);
    const asked = waiting.filter((i) => !local.includes(i));
    if (asked.length === 0) continue;
    const found = (yield { kind: 'entries', subjects: asked.map((i) => steps[i].value as RecordSubject) }) as LedgerEntry[][];
    asked.forEach((i, n) => (steps[i] = walks[i].next(found[n])));
  }
  return steps.map((step) => {
    const state = step.value as DerivedIdentifierState;
    return known.has(state.identifier) ? state : { ...state, fresh: true };
  });
}

/** Runs `refreshDerivedState` against a synchronous store (SQLite, inside its transaction). */
export function runDerivationSync<T>(work: Generator<DerivationRequest, T, DerivationAnswer>, answer: (request: DerivationRequest) => DerivationAnswer): T {
  let step = work.next();
  while (!step.done) step = work.next(answer(step.value));
  return step.value;
}

/** Runs `refreshDerivedState` against an asynchronous store (PostgreSQL, on the transaction's connection). */
export async function runDerivation<T>(
  work: Generator<DerivationRequest, T, DerivationAnswer>,
  answer: (request: DerivationRequest) => Promise<DerivationAnswer>,
): Promise<T> {
  let step = work.next();
  while (!step.done) step = work.next(await answer(step.value));
  return step.value;
}

/** Entries naming a subject, picked from the union a store fetched for many subjects at once. */
export function entriesNaming(all: readonly LedgerEntry[], subject: RecordSubject): LedgerEntry[] {
  return all.filter(
    (entry) =>
      (subject.phone !== undefined && entry.record.subject.phone === subject.phone) ||
      (subject.bsuid !== undefined && entry.record.subject.bsuid === subject.bsuid),
  );
}

/** What a store keeps per identifier and answers to `readDerivedStates`. */
export interface DerivedAnswer {
  /** The identifier's row for the category asked about, if any. */
  category?: Omit<DerivedCategoryRow, 'identifier'>;
  /** The latest end of a service window opened by this identifier or one linked to it for everything. */
  windowUntil?: string;
  /** The ledger or a message named this identifier (so a phone is in E.164 and valid: the receiver checked it then). */
  known?: boolean;
}

/**
 * The part of a store that keeps the derived state. Optional on `ConsentStore`: a store without
 * it answers "may I send?" from the ledger (`loadSubjectState`), slower but the same.
 */
export interface DerivedStateStore {
  /**
   * Keeps the derived state from now on for a receiver with these key ids: builds it from the
   * ledger when it is missing or was built with other ids, catches it up when another writer
   * appended without keeping it. Appends after this call keep it in their own transaction.
   * `rebuild`: throw away what is kept and build it again (the rebuild test, a repair).
   */
  keepDerivedState(receiverKids: readonly string[], options?: { rebuild?: boolean }): Promise<void>;
  /** Each identifier's state for one category, level with the ledger (caught up first when behind). */
  readDerivedStates(identifiers: readonly string[], category: string): Promise<Map<string, DerivedAnswer>>;
  /** Opens or extends an identifier's service window to `until` (never shortens it). */
  openServiceWindow(identifier: string, until: string): Promise<void>;
  /** Every identifier's kept category rows (for the rebuild test and audits), sorted. */
  listDerivedCategories(): Promise<DerivedCategoryRow[]>;
}

/** The kept ids as one comparable string. */
export function receiverKidsStamp(receiverKids: readonly string[]): string {
  return JSON.stringify([...new Set(receiverKids)].sort());
}
