/**
 * "May I send?": may this person get this kind of message now, and on what basis. Answered from the
 * derived state the append keeps (`derived-subject-state.ts`), never by rescanning a history.
 *
 * The rules (docs/may-send.md says the same to the business):
 * - `marketing`, `utility`, `authentication` templates need the person's opt-in for the category:
 *   WhatsApp's Business Messaging Policy asks for an opt-in before any business-initiated message,
 *   whatever its template category, so one rule serves all three.
 * - `service` (a free-form reply) is allowed inside the 24-hour window that the person's latest
 *   message opened (`until`), unless they withdrew the category after that message; outside the
 *   window it needs what a template needs.
 * - An erased person is `erased` before anything else; a person the ledger does not know is `no-consent`.
 */
import type { RecordSubject } from '../core/record/consent-record.js';
import type { CategoryRegistry } from './category-registry.js';
import type { ConsentStore } from './consent-store.js';
import type { DerivedAnswer } from './derived-subject-state.js';
import { normalizeSubjectPhone } from './phone-normalization.js';
import { subjectProblem } from './preference-tokens.js';
import type { ReceiverKids } from './record-authority.js';
import { loadSubjectState } from './subject-state.js';
import { identifierKey } from './subject-identities.js';
import type { ReceiverKey } from './receiver-key.js';
import { subjectHashes, suppressionSalt } from './erasure/suppression-hash.js';

export type MessageTemplate = 'marketing' | 'utility' | 'authentication' | 'service';
export const MESSAGE_TEMPLATES: readonly MessageTemplate[] = ['marketing', 'utility', 'authentication', 'service'];

export type MaySendBasis = 'opt-in' | 'service-window' | 'opted-out' | 'no-consent' | 'needs-confirmation' | 'erased';

export interface MaySendAnswer {
  allowed: boolean;
  basis: MaySendBasis;
  /** The record the answer rests on: the opt-in, or the stop; absent for `no-consent`, `service-window`, `erased`. */
  recordId?: string;
  /** On `service-window`: when the window closes (ISO 8601), unless the person writes again. */
  until?: string;
}

export interface MaySendRequest {
  /** A category id; with a registry it must be one of the business's categories. */
  category: string;
  /** Default `marketing`. */
  template?: MessageTemplate;
  /** One identifier each: `{phone}` (E.164) or `{bsuid}`. At most `MAX_MAY_SEND_SUBJECTS`. */
  subjects: readonly RecordSubject[];
}

export interface MaySendOptions {
  /** The business's categories: an id outside them is refused. */
  categories?: CategoryRegistry;
  now?: Date;
  /** For a store without a derived state only: the receiver's key ids, to derive from the ledger. */
  receiverKids?: ReceiverKids;
  /** The receiver's key (`loadReceiverKey`): with it, an erased person is answered `erased` (else `no-consent`). */
  key?: Pick<ReceiverKey, 'secret'>;
}

export const MAX_MAY_SEND_SUBJECTS = 10_000;
/** The customer service window a person's message opens (WhatsApp's 24 hours). */
export const SERVICE_WINDOW_MS = 24 * 3600 * 1000;
const CATEGORY_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A request that cannot be answered: `code` as the HTTP routes answer it (422, or 413 for too many subjects). */
export class MaySendInputError extends Error {
  constructor(
    readonly code:
      'category-invalid' | 'category-unknown' | 'template-invalid' | 'subjects-invalid' | 'too-many-subjects' | 'subject-invalid' | 'phone-invalid',
    message: string,
    /** The index of the subject at fault, for a batch. */
    readonly index?: number,
  ) {
    super(message);
    this.name = 'MaySendInputError';
  }
}

/**
 * Checks a request's shape (each phone matching E.164, each BSUID its pattern); throws
 * `MaySendInputError` naming what is wrong. Whether a phone is a valid number is checked by
 * `maySend` only for numbers the ledger does not know (those it knows were checked when stored).
 */
export function checkMaySendRequest(
  request: MaySendRequest,
  categories?: CategoryRegistry,
): { category: string; template: MessageTemplate; subjects: RecordSubject[] } {
  const { category, template = 'marketing', subjects } = request;
  if (typeof category !== 'string' || !CATEGORY_ID.test(category))
    throw new MaySendInputError('category-invalid', 'category must be a category id such as "offers"');
  if (categories && !categories.some((c) => c.id === category)) {
    throw new MaySendInputError(
      'category-unknown',
      `category "${category}" is not one of the business's categories (${categories.map((c) => c.id).join(', ')})`,
    );
  }
  if (!MESSAGE_TEMPLATES.includes(template)) throw new MaySendInputError('template-invalid', `template must be one of ${MESSAGE_TEMPLATES.join(', ')}`);
  if (!Array.isArray(subjects) || subjects.length === 0)
    throw new MaySendInputError('subjects-invalid', 'subjects must be a non-empty array of {"phone": …} or {"bsuid": …}');
  if (subjects.length > MAX_MAY_SEND_SUBJECTS) {
    throw new MaySendInputError(
      'too-many-subjects',
      `at most ${MAX_MAY_SEND_SUBJECTS} subjects per request (this one has ${subjects.length}): split the batch`,
    );
  }
  const checked = subjects.map((subject, index) => {
    const at = ` (subjects[${index}])`;
    if (typeof subject !== 'object' || subject === null || Array.isArray(subject))
      throw new MaySendInputError('subject-invalid', `each subject must be {"phone": …} or {"bsuid": …}${at}`, index);
    const keys = Object.keys(subject);
    if (keys.length !== 1 || (keys[0] !== 'phone' && keys[0] !== 'bsuid') || typeof (subject as Record<string, unknown>)[keys[0]] !== 'string') {
      throw new MaySendInputError('subject-invalid', `each subject names exactly one identifier: {"phone": "+4915…"} or {"bsuid": "US.…"}${at}`, index);
    }
    const problem = subjectProblem(subject);
    if (problem) throw new MaySendInputError('subject-invalid', `${problem}${at}`, index);
    return keys[0] === 'phone' ? { phone: subject.phone! } : { bsuid: subject.bsuid! };
  });
  return { category, template, subjects: checked };
}

/**
 * THE place erasure enters the answer: a subject with a suppression entry (the salted hash that
 * erasure leaves, `erasure/find-erasure.ts`) is `erased`, unless the ledger knows them again (they
 * came back after the erasure, which removed everything derived from their old records). Needs the
 * receiver's key (the salt comes from it); without it an erased person is answered `no-consent`,
 * which allows nothing either.
 */
async function erasedIndexes(
  store: ConsentStore,
  key: Pick<ReceiverKey, 'secret'> | undefined,
  subjects: readonly RecordSubject[],
  states: Map<string, DerivedAnswer>,
): Promise<Set<number>> {
  if (!key || typeof store.findSuppressions !== 'function') return new Set();
  const salt = await suppressionSalt(key);
  const hashes = await Promise.all(subjects.map((subject) => subjectHashes(salt, subject)));
  const found = new Set((await store.findSuppressions([...new Set(hashes.flat())])).map((entry) => entry.hash));
  if (found.size === 0) return new Set();
  return new Set(subjects.flatMap((subject, i) => (hashes[i].some((hash) => found.has(hash)) && !states.get(identifierKey(subject))?.known ? [i] : [])));
}

/** The answer for one person from their derived state (pure: the rules above). */
export function answerFromState(state: DerivedAnswer | undefined, template: MessageTemplate, now: Date): MaySendAnswer {
  const row = state?.category;
  const consent: MaySendAnswer = !row
    ? { allowed: false, basis: 'no-consent' }
    : row.granted
      ? { allowed: true, basis: 'opt-in', recordId: row.recordId }
      : { allowed: false, basis: row.effect === 'needs-confirmation' ? 'needs-confirmation' : 'opted-out', recordId: row.recordId };
  const until = state?.windowUntil;
  if (template !== 'service' || !until || until <= now.toISOString()) return consent;
  // A withdrawal always wins: a stop the person made after their message closes the window for this category.
  const openedAt = new Date(Date.parse(until) - SERVICE_WINDOW_MS).toISOString();
  if (row && !row.granted && row.since >= openedAt) return consent;
  return { allowed: true, basis: 'service-window', until };
}

/** Without a derived state (a store that keeps none): the same answer, derived from the ledger; no window is known. */
async function statesFromLedger(
  store: ConsentStore,
  subjects: readonly RecordSubject[],
  category: string,
  receiverKids: ReceiverKids,
): Promise<Map<string, DerivedAnswer>> {
  const answers = new Map<string, DerivedAnswer>();
  for (const subject of subjects) {
    const state = await loadSubjectState(store, subject, receiverKids);
    const row = state.categories.find((c) => c.id === category);
    answers.set(
      identifierKey(subject),
      row
        ? { category: { category: row.id, granted: row.granted, effect: row.effect, since: row.since, recordId: row.recordId, confirmed: row.confirmed } }
        : {},
    );
  }
  return answers;
}

/**
 * Answers "may I send?" for each subject, in order. Throws `MaySendInputError` for a request
 * that cannot be answered. For a Node sender that opens the ledger itself:
 * `await maySend(store, {category: 'offers', subjects: [{phone: '+4915…'}]})`.
 */
export async function maySend(store: ConsentStore, request: MaySendRequest, options: MaySendOptions = {}): Promise<MaySendAnswer[]> {
  const { category, template, subjects } = checkMaySendRequest(request, options.categories);
  const now = options.now ?? new Date();
  const read = async (asked: readonly RecordSubject[]): Promise<Map<string, DerivedAnswer>> => {
    if (store.readDerivedStates) return store.readDerivedStates([...new Set(asked.map(identifierKey))], category);
    if (options.receiverKids) return statesFromLedger(store, asked, category, options.receiverKids);
    throw new TypeError('this store keeps no derived state: pass receiverKids (the receiver key ids) to derive answers from the ledger');
  };
  const states = await read(subjects);
  // A number the ledger knows was normalised and found valid when stored; only the others are
  // checked (libphonenumber's max metadata, the costly part of a batch) and looked up again in E.164.
  const renamed = new Map<number, RecordSubject>();
  subjects.forEach((subject, index) => {
    if (!subject.phone || states.get(identifierKey(subject))?.known) return;
    const normalized = normalizeSubjectPhone(subject);
    if (!normalized.ok) throw new MaySendInputError('phone-invalid', `${normalized.message} (subjects[${index}])`, index);
    if (normalized.subject.phone !== subject.phone) renamed.set(index, normalized.subject);
  });
  const final = subjects.map((subject, index) => renamed.get(index) ?? subject);
  if (renamed.size > 0) for (const [identifier, state] of await read([...renamed.values()])) states.set(identifier, state);
  const erased = await erasedIndexes(store, options.key, final, states);
  return final.map((subject, i) => (erased.has(i) ? { allowed: false, basis: 'erased' } : answerFromState(states.get(identifierKey(subject)), template, now)));
}

/** The window a message opens: from its platform time (never later than its arrival), for 24 hours. */
export function serviceWindowUntil(sentAt: string | undefined, receivedAt: Date): string {
  const sent = sentAt ? Date.parse(sentAt) : Number.NaN;
  const at = Number.isFinite(sent) ? Math.min(sent, receivedAt.getTime()) : receivedAt.getTime();
  return new Date(at + SERVICE_WINDOW_MS).toISOString();
}
