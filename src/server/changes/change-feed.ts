/**
 * The change feed: the ledger read in order (`seq`, the same on every store and every receiver of
 * one database), each record that changed a person's effective consent turned into a change event.
 *
 * A record's change is judged on the ledger as it stood when the record arrived: the person's
 * state from their entries before it, and with it. A later record never rewrites an earlier
 * event, so a consumer that resumes from a cursor sees each change once.
 */
import { buildChangeEvent, type ChangeEvent, type ChangeKind, changedCategories } from '../../core/record/change-event.js';
import type { CategoryRegistry } from '../category-registry.js';
import type { ConsentStore, LedgerEntry } from '../consent-store.js';
import type { ReceiverKids } from '../record-authority.js';
import { deriveSubjectState } from '../subject-state.js';
import { type ResolvedPerson, resolvePerson } from '../subject-identities.js';

export const DEFAULT_CHANGES_LIMIT = 100;
export const MAX_CHANGES_LIMIT = 1000;
/** Records read per page at most, events or not: a page answers in bounded time even across a long stretch of non-changes. */
const MAX_SCANNED = 2000;

export interface ChangePage {
  events: ChangeEvent[];
  /** Pass as `after` for the next page. Moves past records that changed nothing too. */
  next: string;
  /** More of the ledger is already there to read now. */
  more: boolean;
}

export interface ReadChangesOptions {
  /** Ledger position to read after (0: from the start). */
  after: number;
  limit?: number;
  categories?: CategoryRegistry;
}

/** The reason a cursor or limit is refused: a 400 code and message. */
export interface ChangeQueryProblem {
  code: 'cursor-invalid' | 'limit-invalid' | 'cursor-ahead';
  message: string;
}

/** Parses `after` (absent: from the start); cursors are decimal ledger positions. */
export function parseChangeCursor(value: string | null): number | ChangeQueryProblem {
  if (value === null || value === '') return 0;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(value) || !Number.isSafeInteger(Number(value))) {
    return { code: 'cursor-invalid', message: 'after must be a cursor from this feed (the "next" or an event\'s "cursor"), or 0 to start from the beginning' };
  }
  return Number(value);
}

export function parseChangeLimit(value: string | null): number | ChangeQueryProblem {
  if (value === null) return DEFAULT_CHANGES_LIMIT;
  if (!/^[1-9][0-9]{0,3}$/.test(value) || Number(value) > MAX_CHANGES_LIMIT) {
    return { code: 'limit-invalid', message: `limit must be a whole number from 1 to ${MAX_CHANGES_LIMIT} (default ${DEFAULT_CHANGES_LIMIT})` };
  }
  return Number(value);
}

const subjectKey = (entry: LedgerEntry) => `${entry.record.subject.phone ?? ''}|${entry.record.subject.bsuid ?? ''}`;

/** The change one entry made, judged on the person's entries up to it; `undefined` when it changed nothing. */
export function changeOfEntry(entry: LedgerEntry, person: ResolvedPerson, receiverKids: ReceiverKids, categories?: CategoryRegistry): ChangeEvent | undefined {
  const { record } = entry;
  const earlier = person.entries.filter((e) => e.seq < entry.seq);
  const before = deriveSubjectState(record.subject, earlier, receiverKids, categories);
  const after = deriveSubjectState(record.subject, [...earlier, entry], receiverKids, categories);
  const outcome = after.records.find((r) => r.id === record.id);
  const changed = changedCategories(
    record,
    before.categories,
    after.categories,
    (id) => outcome?.categories.some((c) => c.id === id && c.effect === 'effective') ?? false,
  );
  if (!changed) return undefined;
  const stops = changed.some((c) => !c.granted);
  const own = (i: { phone?: string; bsuid?: string }) =>
    (i.phone !== undefined && i.phone === record.subject.phone) || (i.bsuid !== undefined && i.bsuid === record.subject.bsuid);
  const linked = person.identities.filter((i) => !own(i) && (i.evidence === 'meta-webhook' || (stops && i.evidence === 'named-together')));
  return buildChangeEvent({
    source: 'record',
    sourceId: record.id,
    seq: entry.seq,
    at: entry.receivedAt,
    kind: record.kind as ChangeKind,
    subject: record.subject,
    linked,
    categories: changed,
    recordId: record.id,
    capturedAt: record.capturedAt,
  });
}

/**
 * One page of the feed after `after`. An `after` beyond the end of the ledger is refused
 * (`cursor-ahead`): it comes from another ledger, or from this one before it was restored from a
 * backup, and reading on would silently skip changes.
 */
export async function readChanges(store: ConsentStore, receiverKids: ReceiverKids, options: ReadChangesOptions): Promise<ChangePage | ChangeQueryProblem> {
  const limit = options.limit ?? DEFAULT_CHANGES_LIMIT;
  const entries = await store.list({ afterSeq: options.after, limit: MAX_SCANNED + 1 });
  if (entries.length === 0 && options.after > 0 && (await store.list({ afterSeq: options.after - 1, limit: 1 })).length === 0) {
    return {
      code: 'cursor-ahead',
      message: `the ledger has no position ${options.after}: this cursor is from another ledger (or one restored from an older backup); read again from after=0 and skip the event ids you have`,
    };
  }
  // One look-up per person per page: a burst from one person (a STOP, then HELP) costs one.
  const people = new Map<string, Promise<ResolvedPerson>>();
  const events: ChangeEvent[] = [];
  let next = options.after;
  let scanned = 0;
  for (const entry of entries.slice(0, MAX_SCANNED)) {
    let person = people.get(subjectKey(entry));
    if (!person) {
      person = resolvePerson(store, entry.record.subject, receiverKids);
      people.set(subjectKey(entry), person);
    }
    const event = changeOfEntry(entry, await person, receiverKids, options.categories);
    if (event) events.push(event);
    next = entry.seq;
    scanned += 1;
    if (events.length === limit) break;
  }
  return { events, next: String(next), more: entries.length > scanned };
}
