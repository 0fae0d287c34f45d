/**
 * Erasing one person (GDPR Art. 17): every ledger row that names any of their identifiers loses
 * its body (see `erased-entry.ts`), their review items and inbound journal units go, and a salted
 * hash of each identifier stays as a suppression entry, so they are not messaged again.
 *
 * Whose identifiers: the ones asked for, and those linked to them on evidence the receiver checked
 * (a Meta-signed webhook naming both, a number-change system message: `subject-identities.ts`).
 * A link "named together" by some device's record is not evidence (a stranger can post one), so
 * it does not widen the erasure; the record that named both is erased all the same, as it names
 * the person. Found by the identifier appearing anywhere in a stored record (subject, a previous
 * number, an attestation), not only through the subject index.
 */
import type { RecordSubject } from '../../core/record/consent-record.js';
import type { ConsentStore, LedgerEntry } from '../consent-store.js';
import { type ReceiverKey, receiverKidsOf } from '../receiver-key.js';
import { isReceiverInbound } from '../record-authority.js';
import { resolvePerson } from '../subject-identities.js';
import type { ErasureReason } from './erased-entry.js';
import { type ErasureCounts, type ErasureStore, hasErasure, journalNeedles } from './erasure-store.js';
import { identifiersOf, subjectHashes, suppressionHash, suppressionSalt } from './suppression-hash.js';

export interface SubjectErasure extends ErasureCounts {
  /** When the person was first erased: this call, or an earlier one (erasing again changes nothing else). */
  erasedAt: string;
  /** Ledger rows erased by this call. */
  erasedRecords: number;
  /** How many identifiers (phone numbers, BSUIDs) were erased: the one asked for and the linked ones. */
  identifiers: number;
}

export class ErasureUnsupportedError extends Error {
  constructor() {
    super('this store cannot erase (it has no eraseSubjectData): use the SQLite or PostgreSQL store');
  }
}

/** A person has a few identifiers, not hundreds. */
const MAX_IDENTIFIERS = 16;

const subjectOf = (identifier: string): RecordSubject => (identifier.startsWith('+') ? { phone: identifier } : { bsuid: identifier });

async function entryAt(store: ConsentStore, seq: number): Promise<LedgerEntry | undefined> {
  return (await store.list({ afterSeq: seq - 1, limit: 1 }))[0];
}

/** The person's identifiers, closed over checked links, and the rows that mention any of them. */
export async function personToErase(
  store: ConsentStore & ErasureStore,
  key: ReceiverKey,
  subject: RecordSubject,
): Promise<{ identifiers: string[]; seqs: number[] }> {
  const kids = receiverKidsOf(key);
  const identifiers = new Set(identifiersOf(subject));
  const resolved = new Set<string>();
  let seqs: number[] = [];
  for (;;) {
    for (const identifier of [...identifiers]) {
      if (resolved.has(identifier)) continue;
      resolved.add(identifier);
      const person = await resolvePerson(store, subjectOf(identifier), kids);
      for (const identity of person.identities) {
        if (identity.evidence === 'named-together' || identifiers.size >= MAX_IDENTIFIERS) continue;
        for (const linked of identifiersOf(identity)) identifiers.add(linked);
      }
    }
    // Anywhere in a record (a page URL, a previous number, wa_id digits), but whole: +491512345678 is not in +4915123456789.
    const pattern = mentionPattern([...identifiers]);
    seqs = [];
    for (const seq of await store.seqsMentioning(journalNeedles([...identifiers]))) {
      const entry = await entryAt(store, seq);
      if (!entry || !pattern.test(JSON.stringify(entry.record))) continue;
      seqs.push(seq);
      // A number change is told on the new number's record: seen from the old number, only the scan finds it.
      const previous = entry && isReceiverInbound(entry, kids) ? entry.record.inbound?.previous : undefined;
      if (!previous || !identifiersOf(previous).some((id) => identifiers.has(id))) continue;
      for (const linked of identifiersOf(entry.record.subject)) if (identifiers.size < MAX_IDENTIFIERS) identifiers.add(linked);
    }
    if ([...identifiers].every((identifier) => resolved.has(identifier))) return { identifiers: [...identifiers], seqs };
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each identifier, not inside a longer number or id: a phone with its `+`, URL-encoded (`%2B`) or as bare digits (WhatsApp's `wa_id`). */
export function mentionPattern(identifiers: readonly string[]): RegExp {
  const alternatives = identifiers.map((id) =>
    id.startsWith('+') ? `(?:\\+|%2[Bb]|(?<![0-9A-Za-z]))${escape(id.slice(1))}(?![0-9])` : `(?<![0-9A-Za-z])${escape(id)}(?![0-9A-Za-z])`,
  );
  return new RegExp(alternatives.join('|'));
}

export async function eraseSubject(
  store: ConsentStore,
  key: ReceiverKey,
  subject: RecordSubject,
  /** `suppress: false` (retention of someone who never objected): no suppression entry stays, nothing at all. */
  options: ErasureOptions = {},
): Promise<SubjectErasure> {
  if (!hasErasure(store)) throw new ErasureUnsupportedError();
  return eraseIdentifiedPerson(store, key, await personToErase(store, key, subject), subject, options);
}

export interface ErasureOptions {
  now?: Date;
  reason?: ErasureReason;
  suppress?: boolean;
}

/** Erases the rows and identifiers already found (retention finds them in its own pass over the ledger). */
export async function eraseIdentifiedPerson(
  store: ConsentStore & ErasureStore,
  key: ReceiverKey,
  person: { identifiers: string[]; seqs: number[] },
  asked: RecordSubject,
  options: ErasureOptions = {},
): Promise<SubjectErasure> {
  const at = (options.now ?? new Date()).toISOString();
  const reason = options.reason ?? 'request';
  const salt = await suppressionSalt(key);
  const hashes = await Promise.all(person.identifiers.map((identifier) => suppressionHash(salt, identifier)));
  const counts = await store.eraseSubjectData({
    seqs: person.seqs,
    identifiers: person.identifiers,
    suppressions: options.suppress === false ? [] : hashes.map((hash) => ({ hash, erasedAt: at, reason })),
    mark: { at, reason },
  });
  const found = await store.findSuppressions(await subjectHashes(salt, asked));
  const erasedAt = found.map((entry) => entry.erasedAt).sort()[0] ?? at;
  return { ...counts, erasedAt, identifiers: person.identifiers.length };
}
