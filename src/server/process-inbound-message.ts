/**
 * What an inbound WhatsApp message does to the ledger: a "yes" button reply to
 * a thread prompt the receiver issued → an attested `opt-in` (see
 * `thread-prompts/thread-opt-in-reply.ts`); a confirmation code of a stored
 * opt-in, or a YES relayed from SMS → a `confirmation` record linked to it; a STOP-type reply →
 * an `opt-out` record; a resume reply → a `preferences` record restoring what
 * the last opt-out stopped; anything else → nothing (a message from the person
 * is never an opt-in by itself).
 */
import { confirmationCodeFor, findConfirmationCodes } from '../core/messages/confirmation-code.js';
import { isConfirmationKeyword } from '../core/messages/confirmation-keyword.js';
import type { ConversationReferral } from './conversation-referral.js';
import { confirmByKeyword, pendingOptInOf, storedKeywordConfirmation } from './keyword-confirmation.js';
import { answerThreadPrompt } from './thread-prompts/thread-opt-in-reply.js';
import type { ConsentRecord } from '../core/record/consent-record.js';
import { recognizeReply } from '../core/messages/opt-out-keywords.js';
import { type AppendOutcome, appendVerifiedRecord } from './append-verified-record.js';
import { ConfirmationCodeIndex } from './confirmation-code-index.js';
import type { ConsentStore, LedgerEntry } from './consent-store.js';
import { buildInboundRecord } from './inbound-records.js';
import { type ReceiverKey, receiverKidsOf } from './receiver-key.js';
import type { CategoryRegistry } from './category-registry.js';
import { ALL_CATEGORIES_ID, deriveSubjectState } from './subject-state.js';
import { identifierKey, resolvePerson, subjectEntries } from './subject-identities.js';
import { serviceWindowUntil } from './may-send.js';
import type { InboundMessage } from './whatsapp-inbound.js';

export type InboundOutcome = (
  | { action: 'confirmed' | 'opted-out' | 'resumed' | 'marketing-stopped' | 'identity-changed'; recordId: string; created: boolean; confirms?: string }
  /** A "yes" to a thread prompt: the attested opt-in stored. */
  | { action: 'opted-in'; promptId: string; recordId: string; created: boolean }
  /** A "no" to a thread prompt: nothing stored; this outcome (in the webhook journal) is the only trace. */
  | { action: 'declined'; promptId: string }
  | { action: 'help'; keyword: string }
  /** `reviewId`: the entry kept for review (absent when the store keeps none); `created: false` on redelivery. */
  | { action: 'possible-opt-out'; keyword: string; reviewId?: number; created?: boolean }
  | { action: 'ignored'; reason: string; promptId?: string }
) & {
  /** The ad or post that opened the conversation (Click-to-WhatsApp), when the message carried one: where it came from, never an opt-in. */
  referral?: ConversationReferral;
};

export interface InboundOptions {
  /** Reused across messages so each opt-in is hashed once; one is made per call when absent. */
  codeIndex?: ConfirmationCodeIndex;
  /** Business name for a STOP from someone with no record here. */
  businessName?: string;
  /** How far back the code of an opt-in from another number is searched. Default 30 days. */
  confirmationWindowMs?: number;
  /** The business's categories: the labels written into records the receiver makes. */
  categories?: CategoryRegistry;
  /** The business's own stop keywords (`serve --stop-word`), conclusive like STOP. */
  stopWords?: readonly string[];
  /** How long after it was issued a thread prompt can be answered. Default 7 days (`DEFAULT_THREAD_PROMPT_MAX_AGE_MS`). */
  threadPromptMaxAgeMs?: number;
}

const THIRTY_DAYS = 30 * 24 * 3600 * 1000;

/** The opt-in whose code the message carries: the sender's own first, then recent opt-ins of anyone (the number may differ). */
async function findConfirmedOptIn(
  store: ConsentStore,
  codeIndex: ConfirmationCodeIndex,
  message: InboundMessage,
  codes: string[],
  since: number,
): Promise<{ entry: LedgerEntry; code: string } | undefined> {
  const matching = async (entries: LedgerEntry[]) => {
    for (const entry of [...entries].reverse()) {
      if (entry.record.kind !== 'opt-in') continue;
      const code = await confirmationCodeFor(entry.id);
      if (codes.includes(code)) return { entry, code };
    }
    return undefined;
  };
  const own = await matching(await subjectEntries(store, message.subject));
  if (own) return own;
  for (const seq of await codeIndex.find(codes, since)) {
    const found = await matching(await store.list({ afterSeq: seq - 1, limit: 1 }));
    if (found) return found;
  }
  return undefined;
}

function outcome(
  action: 'confirmed' | 'opted-out' | 'resumed' | 'marketing-stopped' | 'identity-changed',
  result: AppendOutcome,
  confirms?: string,
): InboundOutcome {
  if (!result.ok) return { action: 'ignored', reason: result.errors.map((e) => e.message).join('; ') };
  return { action, recordId: result.entry.id, created: result.created, ...(confirms ? { confirms } : {}) };
}

export async function processInboundMessage(
  store: ConsentStore,
  key: ReceiverKey,
  message: InboundMessage,
  receivedAt: Date,
  options: InboundOptions = {},
): Promise<InboundOutcome> {
  // Every message the person writes opens (or extends) their 24-hour service window; Meta's own signals are not messages.
  if (!message.signal) await openServiceWindow(store, message, receivedAt);
  const outcome = await processMessage(store, key, message, receivedAt, options);
  // Where the conversation came from goes with whatever the message did (most often: nothing).
  return message.referral ? { ...outcome, referral: message.referral } : outcome;
}

async function processMessage(
  store: ConsentStore,
  key: ReceiverKey,
  message: InboundMessage,
  receivedAt: Date,
  options: InboundOptions,
): Promise<InboundOutcome> {
  if (message.signal === 'marketing-stop') return stopMarketing(store, key, message, receivedAt, options);
  if (message.signal === 'identity-change') return carryToNewIdentity(store, key, message, receivedAt, options);
  const threadReply = await answerThreadPrompt(store, key, message, receivedAt, options);
  if (threadReply) return threadReply;
  const codes = findConfirmationCodes(message.text);
  if (codes.length > 0) {
    const since = receivedAt.getTime() - (options.confirmationWindowMs ?? THIRTY_DAYS);
    const found = await findConfirmedOptIn(store, options.codeIndex ?? new ConfirmationCodeIndex(store), message, codes, since);
    if (found) {
      const optIn = found.entry.record;
      const sameNumber = optIn.subject.phone !== undefined && optIn.subject.phone === message.subject.phone;
      const sameBsuid = optIn.subject.bsuid !== undefined && optIn.subject.bsuid === message.subject.bsuid;
      const record = await buildInboundRecord({
        key,
        message,
        kind: 'confirmation',
        purpose: 'confirmation',
        business: optIn.business,
        categories: optIn.categories,
        locale: optIn.notice.locale,
        policy: {
          profile: 'double-opt-in',
          // Whether the confirming sender is the subject of the opt-in: the point of confirming.
          checks: [{ id: 'sender-is-subject', passed: sameNumber || sameBsuid }],
        },
        receivedAt,
        confirms: { recordId: optIn.id, code: found.code },
      });
      return outcome('confirmed', await appendVerifiedRecord(store, key, record, receivedAt), optIn.id);
    }
  }

  // SMS double opt-in ("Reply YES"): on WhatsApp a bare "yes" is ordinary conversation, and the thread prompt's buttons ask instead.
  if ((message.channel ?? 'whatsapp') !== 'whatsapp' && isConfirmationKeyword(message.text)) {
    // Relayed again: once confirmed, the opt-in no longer waits, so the record is found by the message's id.
    const stored = await storedKeywordConfirmation(store, message);
    if (stored) return outcome('confirmed', { ok: true, entry: stored, created: false }, stored.record.confirms?.recordId);
    const since = receivedAt.getTime() - (options.confirmationWindowMs ?? THIRTY_DAYS);
    const optIn = await pendingOptInOf(store, message, since);
    if (!optIn) return { action: 'ignored', reason: `"${message.text.trim()}", but no opt-in of this sender on ${message.channel} waits for confirmation` };
    return outcome('confirmed', await confirmByKeyword(store, key, message, optIn, receivedAt), optIn.id);
  }

  const person = await resolvePerson(store, message.subject, receiverKidsOf(key));
  const history = person.entries;
  const latest: ConsentRecord | undefined = history.at(-1)?.record;
  // Stop words count in every language; the person's last locale only decides words that are
  // ordinary in another language ("fine") and resume words. With no history every language counts.
  const reply = recognizeReply(message.text, { locale: latest?.notice.locale, stopWords: options.stopWords });
  if (!reply) return { action: 'ignored', reason: 'neither a confirmation code nor a stop or resume keyword' };
  // Answered to the business for its HELP reply; nothing changes in the ledger.
  if (reply.intent === 'help') return { action: reply.intent, keyword: reply.keyword };
  // Kept for a person to decide (see review/review-queue.ts); nothing changes in the ledger.
  if (reply.intent === 'possible-opt-out') return keepForReview(store, message, receivedAt, reply.keyword);
  if (reply.intent === 'stop') {
    const locale = reply.locale === 'business' ? undefined : reply.locale;
    return outcome('opted-out', await storeOptOut(store, key, message, receivedAt, options, { purpose: 'reply', check: 'opt-out-keyword', locale }, person));
  }
  const state = deriveSubjectState(message.subject, history, receiverKidsOf(key), options.categories, person.identities);
  const business = latest?.business ?? { name: options.businessName ?? 'unknown', privacyUrl: null };
  const locale = reply.locale === 'business' ? (latest?.notice.locale ?? 'en') : reply.locale;
  const restore = state.grantedBeforeLastOptOut;
  if (restore.length === 0) return { action: 'ignored', reason: 'resume reply, but nothing was stopped by an opt-out' };
  const record = await buildInboundRecord({
    key,
    message,
    kind: 'preferences',
    purpose: 'reply',
    business,
    categories: restore.map(({ id, label }) => ({ id, label: label ?? id, granted: true })),
    locale,
    policy: { profile: 'inbound-reply', checks: [{ id: 'resume-keyword', passed: true }] },
    receivedAt,
  });
  return outcome('resumed', await appendVerifiedRecord(store, key, record, receivedAt));
}

/** The window is kept per identifier; "may I send?" joins those linked to the person for everything. */
async function openServiceWindow(store: ConsentStore, message: InboundMessage, receivedAt: Date): Promise<void> {
  if (!store.openServiceWindow) return;
  const until = serviceWindowUntil(message.sentAt, receivedAt);
  if (message.subject.phone) await store.openServiceWindow(identifierKey({ phone: message.subject.phone }), until);
  if (message.subject.bsuid) await store.openServiceWindow(identifierKey({ bsuid: message.subject.bsuid }), until);
}

async function keepForReview(store: ConsentStore, message: InboundMessage, receivedAt: Date, keyword: string): Promise<InboundOutcome> {
  if (!store.addReviewItem) return { action: 'possible-opt-out', keyword };
  const { item, created } = await store.addReviewItem({
    channel: message.channel ?? 'whatsapp',
    messageId: message.messageId,
    subject: message.subject,
    receivedAt: receivedAt.toISOString(),
    ...(message.sentAt ? { sentAt: message.sentAt } : {}),
    keyword,
    text: message.text,
  });
  return { action: 'possible-opt-out', keyword, reviewId: item.id, created };
}

/**
 * Stores an opt-out made by the receiver for the message's sender, of every category known for
 * the person (all messages when none is): for a STOP reply, and for a possible opt-out a reviewer
 * decided was one. `purpose` keeps the two records' ids apart; `check` says why it was made.
 */
export async function storeOptOut(
  store: ConsentStore,
  key: ReceiverKey,
  message: InboundMessage,
  receivedAt: Date,
  options: InboundOptions,
  reason: { purpose: string; check: string; locale?: string },
  /** The sender as already resolved by the caller: resolved here when absent. */
  resolved?: Awaited<ReturnType<typeof resolvePerson>>,
): Promise<AppendOutcome> {
  const person = resolved ?? (await resolvePerson(store, message.subject, receiverKidsOf(key)));
  const latest = person.entries.at(-1)?.record;
  const state = deriveSubjectState(message.subject, person.entries, receiverKidsOf(key), options.categories, person.identities);
  const known = state.categories.map(({ id, label }) => ({ id, label: label ?? id, granted: false }));
  const record = await buildInboundRecord({
    key,
    message,
    kind: 'opt-out',
    purpose: reason.purpose,
    business: latest?.business ?? { name: options.businessName ?? 'unknown', privacyUrl: null },
    categories: known.length > 0 ? known : [{ id: ALL_CATEGORIES_ID, label: 'All messages', granted: false }],
    locale: reason.locale ?? latest?.notice.locale ?? 'en',
    policy: { profile: 'inbound-reply', checks: [{ id: reason.check, passed: true }] },
    receivedAt,
  });
  return appendVerifiedRecord(store, key, record, receivedAt);
}

/**
 * Meta says the person stopped marketing messages (their WhatsApp setting, or a
 * send that failed with 131050): every granted category not known to be
 * utility or authentication is withdrawn. Known from the business's registry,
 * or from the person's own records; unknown counts as marketing (when in doubt, stop).
 */
async function stopMarketing(
  store: ConsentStore,
  key: ReceiverKey,
  message: InboundMessage,
  receivedAt: Date,
  options: InboundOptions,
): Promise<InboundOutcome> {
  const person = await resolvePerson(store, message.subject, receiverKidsOf(key));
  const state = deriveSubjectState(message.subject, person.entries, receiverKidsOf(key), options.categories, person.identities);
  const templateOf = new Map<string, string>();
  for (const entry of person.entries) for (const c of entry.record.categories) if (c.templateCategory) templateOf.set(c.id, c.templateCategory);
  for (const c of options.categories ?? []) if (c.templateCategory) templateOf.set(c.id, c.templateCategory);
  const marketing = state.categories.filter((c) => c.granted && (templateOf.get(c.id) ?? 'marketing') === 'marketing');
  const latest = person.entries.at(-1)?.record;
  const record = await buildInboundRecord({
    key,
    message,
    kind: 'preferences',
    purpose: 'marketing-stop',
    business: latest?.business ?? { name: options.businessName ?? 'unknown', privacyUrl: null },
    categories:
      marketing.length > 0
        ? marketing.map(({ id, label }) => ({ id, label: label ?? id, granted: false }))
        : [{ id: 'marketing', label: 'Marketing messages', granted: false }],
    locale: latest?.notice.locale ?? 'en',
    policy: { profile: 'inbound-reply', checks: [{ id: 'meta-marketing-stop', passed: true }] },
    receivedAt,
  });
  return outcome('marketing-stopped', await appendVerifiedRecord(store, key, record, receivedAt));
}

/**
 * Meta says the person's number or BSUID changed: their state, stops included,
 * is restated under the new identifiers in one record that names the previous
 * ones (`inbound.previous`), which links them (see `subject-identities.ts`).
 * Nothing known about the previous identifiers: nothing to carry, nothing stored.
 */
async function carryToNewIdentity(
  store: ConsentStore,
  key: ReceiverKey,
  message: InboundMessage,
  receivedAt: Date,
  options: InboundOptions,
): Promise<InboundOutcome> {
  const previous = message.previous ?? {};
  const person = await resolvePerson(store, previous, receiverKidsOf(key));
  const state = deriveSubjectState(previous, person.entries, receiverKidsOf(key), options.categories, person.identities);
  if (state.categories.length === 0) return { action: 'ignored', reason: 'identity change of someone with no consent here' };
  const latest = person.entries.at(-1)?.record;
  const record = await buildInboundRecord({
    key,
    message,
    kind: 'preferences',
    purpose: 'identity-change',
    business: latest?.business ?? { name: options.businessName ?? 'unknown', privacyUrl: null },
    categories: state.categories.map(({ id, label, granted }) => ({ id, label: label ?? id, granted })),
    locale: latest?.notice.locale ?? 'en',
    policy: { profile: 'inbound-reply', checks: [{ id: 'meta-identity-change', passed: true }] },
    receivedAt,
  });
  return outcome('identity-changed', await appendVerifiedRecord(store, key, record, receivedAt));
}
