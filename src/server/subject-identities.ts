/**
 * One person, several identifiers. Identifiers are linked *for everything* only
 * on evidence the receiver can check: a record it made from a Meta-signed
 * webhook whose sender carries both a phone number (`wa_id`) and a BSUID
 * (`user_id`). Any other record naming two identifiers (a device's own record,
 * signed by whoever holds that device) links them *for withdrawals only*: a
 * stop reaches further, a grant never does. So a stranger who posts a record
 * naming a victim's phone and their own BSUID can at most stop the victim's
 * messages (which any verified source may do anyway), never restart them.
 */
import type { RecordSubject } from '../core/record/consent-record.js';
import type { ConsentStore, LedgerEntry } from './consent-store.js';
import { isWithdrawal } from './record-admission.js';
import { isReceiverInbound, type ReceiverKids } from './record-authority.js';

export interface LinkedIdentity {
  phone?: string;
  bsuid?: string;
  /** `asked`: the identifier looked up; `meta-webhook`: linked by a signed webhook; `named-together`: a record named both (stops only). */
  evidence: 'asked' | 'meta-webhook' | 'named-together';
  /** The record that links it. */
  recordId?: string;
}

export interface ResolvedPerson {
  identities: LinkedIdentity[];
  /** The person's entries in ledger order: all of their checked identifiers, and the withdrawals of loosely linked ones. */
  entries: LedgerEntry[];
}

/** Bounds the walk: a person has a few identifiers, not hundreds. */
const MAX_IDENTITIES = 16;

const keyOf = (identity: { phone?: string; bsuid?: string }) => (identity.phone ? `phone:${identity.phone}` : `bsuid:${identity.bsuid}`);

export function matchesSubject(record: { subject: RecordSubject }, subject: RecordSubject): boolean {
  return (subject.phone !== undefined && record.subject.phone === subject.phone) || (subject.bsuid !== undefined && record.subject.bsuid === subject.bsuid);
}

/** The entries naming this phone or BSUID in ledger order, through the store's index when it has one. */
export async function subjectEntries(store: ConsentStore, subject: RecordSubject): Promise<LedgerEntry[]> {
  if (store.listBySubject) return store.listBySubject(subject);
  return (await store.list()).filter((entry) => matchesSubject(entry.record, subject));
}

function identifiersOf(subject: RecordSubject): Array<{ phone?: string; bsuid?: string }> {
  return [...(subject.phone ? [{ phone: subject.phone }] : []), ...(subject.bsuid ? [{ bsuid: subject.bsuid }] : [])];
}

/** One lookup the walk needs: the entries naming this phone or BSUID, in ledger order. */
export type SubjectLookup = RecordSubject;

/**
 * The walk itself, as a generator that yields each lookup it needs, so the same rules run over an
 * async store (`resolvePerson`) and inside a store's synchronous transaction (`resolvePersonSync`,
 * used by the derived state that the append keeps: see `derived-subject-state.ts`).
 */
export function* personWalk(subject: RecordSubject, receiverKid: ReceiverKids): Generator<SubjectLookup, ResolvedPerson, LedgerEntry[]> {
  const identities = new Map<string, LinkedIdentity>();
  const strict = new Set<string>();
  const queue: string[] = [];
  const add = (identity: LinkedIdentity, isStrict: boolean) => {
    const key = keyOf(identity);
    const known = identities.get(key);
    if (known && (strict.has(key) || !isStrict)) return;
    if (!known && identities.size >= MAX_IDENTITIES) return;
    identities.set(key, known && !isStrict ? known : identity);
    if (isStrict) strict.add(key);
    queue.push(key);
  };
  for (const id of identifiersOf(subject)) add({ ...id, evidence: 'asked' }, true);
  const seen = new Map<number, LedgerEntry>();
  const reachedBy = new Map<number, boolean>();
  while (queue.length > 0) {
    const key = queue.shift()!;
    const identity = identities.get(key)!;
    const fromStrict = strict.has(key);
    const found: LedgerEntry[] = yield { phone: identity.phone, bsuid: identity.bsuid };
    for (const entry of found) {
      seen.set(entry.seq, entry);
      reachedBy.set(entry.seq, (reachedBy.get(entry.seq) ?? false) || fromStrict);
      const { phone, bsuid } = entry.record.subject;
      const checked = fromStrict && isReceiverInbound(entry, receiverKid) && entry.record.channel === 'whatsapp';
      // Meta's system message that the number or BSUID changed: the previous identifiers are the same person.
      const previous = isReceiverInbound(entry, receiverKid) ? entry.record.inbound?.previous : undefined;
      for (const other of previous ? identifiersOf(previous) : [])
        add({ ...other, evidence: fromStrict ? 'meta-webhook' : 'named-together', recordId: entry.id }, fromStrict);
      if (!phone || !bsuid) continue;
      for (const other of identifiersOf(entry.record.subject)) {
        add({ ...other, evidence: checked ? 'meta-webhook' : 'named-together', recordId: entry.id }, checked);
      }
    }
  }
  const entries = [...seen.values()].filter((entry) => reachedBy.get(entry.seq) || isWithdrawal(entry.record)).sort((a, b) => a.seq - b.seq);
  return { identities: [...identities.values()], entries };
}

export async function resolvePerson(store: ConsentStore, subject: RecordSubject, receiverKid: ReceiverKids): Promise<ResolvedPerson> {
  const walk = personWalk(subject, receiverKid);
  let step = walk.next();
  while (!step.done) step = walk.next(await subjectEntries(store, step.value));
  return step.value;
}

/** The same walk over a synchronous lookup (a store's own statements, inside its transaction). */
export function resolvePersonSync(subject: RecordSubject, receiverKid: ReceiverKids, lookup: (subject: RecordSubject) => LedgerEntry[]): ResolvedPerson {
  const walk = personWalk(subject, receiverKid);
  let step = walk.next();
  while (!step.done) step = walk.next(lookup(step.value));
  return step.value;
}

/** The key the derived state files an identifier under: `phone:+4915…` or `bsuid:US.…`. */
export function identifierKey(identity: { phone?: string; bsuid?: string }): string {
  return keyOf(identity);
}
