/**
 * Whose word a stored record is. A grant that turns a stopped category back on
 * counts only when it comes from the person: sent with a preference token for
 * its subject (the receipt says so, signed by the receiver), or made by the
 * receiver from the person's own message (Meta-signed webhook, or a reply the
 * business relayed with its admin token).
 */
import type { RecordSubject } from '../core/record/consent-record.js';
import { base64UrlDecode, utf8Text } from '../core/record/encoding.js';
import type { LedgerEntry } from './consent-store.js';
import type { ReceiptClaims } from './receiver-key.js';

export function bearerTokenOf(authorization: string | null | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** A token covers a record when they name the same phone or the same BSUID. */
export function tokenCoversSubject(tokenSubject: RecordSubject, recordSubject: RecordSubject): boolean {
  return (
    (tokenSubject.phone !== undefined && tokenSubject.phone === recordSubject.phone) ||
    (tokenSubject.bsuid !== undefined && tokenSubject.bsuid === recordSubject.bsuid)
  );
}

/**
 * The receipt's claims as stored. Read, not re-verified: the receipt is the
 * receiver's own signature in its own ledger, and `verify-ledger` checks every one.
 */
function receiptClaims(entry: LedgerEntry): Partial<ReceiptClaims> {
  const payload = base64UrlDecode(entry.receipt.split('.')[1] ?? '');
  if (!payload) return {};
  try {
    return JSON.parse(utf8Text(payload)) as Partial<ReceiptClaims>;
  } catch {
    return {};
  }
}

/**
 * The receiver's key ids: the one signing now, or every one it still publishes, so a record the
 * receiver signed before a key rotation (`rotate-key`) keeps its authority.
 */
export type ReceiverKids = string | readonly string[];

/** Whether `kid` is one of the receiver's own key ids. */
export function isReceiverKid(kid: string, receiverKids: ReceiverKids): boolean {
  return typeof receiverKids === 'string' ? kid === receiverKids : receiverKids.includes(kid);
}

/** Made by this receiver (signed with its key) from an inbound message. */
export function isReceiverInbound(entry: LedgerEntry, receiverKid: ReceiverKids): boolean {
  return isReceiverKid(entry.keyThumbprint, receiverKid) && entry.record.inbound !== undefined;
}

/** Whether the record carries the person's own authority. */
export function carriesPersonAuthority(entry: LedgerEntry, receiverKid: ReceiverKids): boolean {
  if (isReceiverInbound(entry, receiverKid) && entry.record.kind !== 'confirmation') return true;
  return receiptClaims(entry).authority === 'preference-token';
}

/**
 * The opt-in a confirmation confirms, when it counts: made by this receiver,
 * and sent from the opt-in's own subject (a stranger who learnt a code cannot
 * confirm someone else's number).
 */
export function confirmedRecordId(entry: LedgerEntry, receiverKid: ReceiverKids): string | undefined {
  const { record } = entry;
  if (record.kind !== 'confirmation' || !isReceiverKid(entry.keyThumbprint, receiverKid) || !record.confirms) return undefined;
  const senderIsSubject = record.policy.checks.find((c) => c.id === 'sender-is-subject')?.passed === true;
  return senderIsSubject ? record.confirms.recordId : undefined;
}
