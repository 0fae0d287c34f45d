/**
 * Retention (GDPR Art. 5(1)(e), storage limitation): a person's personal data is erased once
 * nothing needs it any more. The rule, per person (an identifier with its checked links):
 * - they hold no current grant (no category granted with effect): while a business relies on a
 *   consent, it must be able to prove it, so a consenting person is never erased by retention;
 * - every record of theirs was received more than `olderThanDays` ago; and
 * - if they ever withdrew anything, their latest record is also older than `keepWithdrawalsDays`
 *   (default six years): a withdrawal must stay provable as long as the business could be asked
 *   about messages sent or not sent around it (limitation periods for claims run three to six
 *   years: six in England and Wales and in Ireland, four for the US TCPA, three from the end of
 *   the year in Germany), so the default covers the longest of them.
 * Someone who withdrew keeps a suppression entry (salted hash) after erasure, so they are not
 * messaged again; someone who never objected (an unconfirmed grant that lapsed) leaves nothing.
 */
import type { RecordSubject } from '../../core/record/consent-record.js';
import type { ConsentStore } from '../consent-store.js';
import { type ReceiverKey, receiverKidsOf } from '../receiver-key.js';
import { deriveSubjectState } from '../subject-state.js';
import { resolvePerson } from '../subject-identities.js';
import { eraseIdentifiedPerson, ErasureUnsupportedError, mentionPattern } from './erase-subject.js';
import { hasErasure } from './erasure-store.js';
import { identifiersOf } from './suppression-hash.js';
import { distinctIdentifiers } from './suppression-list.js';
import { withdrewAnything } from './withdrawals.js';

/** Six years of 365 days and a leap day or two: see the module comment. */
export const DEFAULT_KEEP_WITHDRAWALS_DAYS = 6 * 365 + 2;

export interface RetentionOptions {
  olderThanDays: number;
  keepWithdrawalsDays?: number;
  /** Count only; change nothing. */
  dryRun?: boolean;
  now?: Date;
}

export interface RetentionOutcome {
  /** Persons erased (or, with `dryRun`, to erase). */
  persons: number;
  /** Of them, persons who withdrew and keep a suppression entry. */
  suppressed: number;
  /** Ledger rows erased (with `dryRun`: the persons' rows found now). */
  records: number;
  /** Persons kept because they hold a grant, or a withdrawal still inside its period. */
  keptWithGrant: number;
  keptWithdrawal: number;
}

const DAY_MS = 24 * 3600 * 1000;
const subjectOf = (identifier: string): RecordSubject => (identifier.startsWith('+') ? { phone: identifier } : { bsuid: identifier });

export async function applyRetention(store: ConsentStore, key: ReceiverKey, options: RetentionOptions): Promise<RetentionOutcome> {
  if (!hasErasure(store)) throw new ErasureUnsupportedError();
  const now = options.now ?? new Date();
  const cutoff = now.getTime() - options.olderThanDays * DAY_MS;
  const withdrawalCutoff = now.getTime() - Math.max(options.olderThanDays, options.keepWithdrawalsDays ?? DEFAULT_KEEP_WITHDRAWALS_DAYS) * DAY_MS;
  const kids = receiverKidsOf(key);
  const outcome: RetentionOutcome = { persons: 0, suppressed: 0, records: 0, keptWithGrant: 0, keptWithdrawal: 0 };
  const done = new Set<string>();
  for (const identifier of await distinctIdentifiers(store)) {
    if (done.has(identifier)) continue;
    const subject = subjectOf(identifier);
    const person = await resolvePerson(store, subject, kids);
    const identifiers = [...new Set(person.identities.filter((identity) => identity.evidence !== 'named-together').flatMap(identifiersOf))];
    identifiers.forEach((id) => done.add(id));
    if (person.entries.length === 0) continue;
    const state = deriveSubjectState(subject, person.entries, kids, undefined, person.identities);
    if (state.categories.some((c) => c.granted && c.effect === 'effective')) {
      outcome.keptWithGrant += 1;
      continue;
    }
    const latest = Math.max(...person.entries.map((entry) => Date.parse(entry.receivedAt)));
    if (latest >= cutoff) continue;
    const withdrew = person.entries.some((entry) => withdrewAnything(entry.record));
    if (withdrew && latest >= withdrawalCutoff) {
      outcome.keptWithdrawal += 1;
      continue;
    }
    outcome.persons += 1;
    if (withdrew) outcome.suppressed += 1;
    // The person's own rows, from this pass (a scan of the whole ledger per person would make a
    // nightly run quadratic): their records, not a loosely linked identifier's that names only itself.
    const pattern = mentionPattern(identifiers);
    const seqs = person.entries.filter((entry) => pattern.test(JSON.stringify(entry.record))).map((entry) => entry.seq);
    if (options.dryRun) {
      outcome.records += seqs.length;
      continue;
    }
    const erased = await eraseIdentifiedPerson(store, key, { identifiers, seqs }, subject, { now, reason: 'retention', suppress: withdrew });
    outcome.records += erased.erasedRecords;
  }
  return outcome;
}
