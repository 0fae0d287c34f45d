/**
 * SMS double opt-in by keyword: the business texts "Reply YES to confirm" after an opt-in, and a
 * YES relayed through `POST /inbound-messages` confirms it. A YES names no record, so it is bound
 * by who sends it: the sender's own newest opt-in on the same channel, received within the
 * confirmation window and not yet confirmed. The confirmation record names that opt-in and its
 * code (the code the form would have shown), exactly as a typed code does on WhatsApp. With no
 * such opt-in, a YES does nothing.
 */
import { confirmationCodeFor } from '../core/messages/confirmation-code.js';
import { matchesSubject, subjectEntries } from './subject-identities.js';
import { type AppendOutcome, appendVerifiedRecord } from './append-verified-record.js';
import type { ConsentStore, LedgerEntry } from './consent-store.js';
import { buildInboundRecord, inboundRecordId } from './inbound-records.js';
import type { ReceiverKey } from './receiver-key.js';
import type { InboundMessage } from './whatsapp-inbound.js';

const PURPOSE = 'keyword-confirmation';

/** The confirmation this very message already made (the provider relayed it again), if any. */
export async function storedKeywordConfirmation(store: ConsentStore, message: InboundMessage): Promise<LedgerEntry | undefined> {
  return store.findById(await inboundRecordId(message.messageId, `${message.channel ?? 'whatsapp'}:${PURPOSE}`, message.subject));
}

/** The opt-in a keyword from this sender confirms, or `undefined` when none waits. */
export async function pendingOptInOf(store: ConsentStore, message: InboundMessage, since: number): Promise<LedgerEntry | undefined> {
  const entries = await subjectEntries(store, message.subject);
  const confirmed = new Set(
    entries.flatMap((entry) => (entry.record.kind === 'confirmation' && entry.record.confirms ? [entry.record.confirms.recordId] : [])),
  );
  const channel = message.channel ?? 'whatsapp';
  return [...entries].reverse().find(
    (entry) =>
      entry.record.kind === 'opt-in' &&
      entry.record.channel === channel &&
      Date.parse(entry.receivedAt) >= since &&
      !confirmed.has(entry.id) &&
      // Its own subject, not only a shared identifier: the sender is the person who opted in.
      matchesSubject({ subject: message.subject }, entry.record.subject),
  );
}

export async function confirmByKeyword(
  store: ConsentStore,
  key: ReceiverKey,
  message: InboundMessage,
  optIn: LedgerEntry,
  receivedAt: Date,
): Promise<AppendOutcome> {
  const record = await buildInboundRecord({
    key,
    message,
    kind: 'confirmation',
    purpose: PURPOSE,
    business: optIn.record.business,
    categories: optIn.record.categories,
    locale: optIn.record.notice.locale,
    policy: {
      profile: 'double-opt-in',
      checks: [
        { id: 'sender-is-subject', passed: true },
        { id: 'confirmation-keyword', passed: true },
      ],
    },
    receivedAt,
    confirms: { recordId: optIn.id, code: await confirmationCodeFor(optIn.id) },
  });
  return appendVerifiedRecord(store, key, record, receivedAt);
}
