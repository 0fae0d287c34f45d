/**
 * Reads inbound messages out of a WhatsApp Cloud API webhook payload
 * (`{object: 'whatsapp_business_account', entry: [{changes: [{value: {contacts, messages}}]}]}`).
 * A sender may be known by phone number (`from`, digits without `+`), by
 * Business-Scoped User ID (`user_id` / `from_user_id`, for people who use a
 * username), or both. Anything unexpected is skipped, never thrown.
 */
import type { RecordSubject } from '../core/record/consent-record.js';
import { BSUID_PATTERN, E164_PATTERN } from '../core/phone/identifier-patterns.js';
import { type ConversationReferral, readReferral } from './conversation-referral.js';
import { normalizePhone } from './phone-normalization.js';

export interface InboundMessage {
  /** The platform's message id: the same message delivered twice makes one record. */
  messageId: string;
  /** `whatsapp` (the default) or e.g. `sms` for a reply relayed from an SMS provider. */
  channel?: string;
  subject: RecordSubject;
  /** The text the person sent (a text message, or the text of a quick-reply button). */
  text: string;
  /** When the platform says it was sent, ISO 8601. */
  sentAt?: string;
  /** Meta's own signal that the person stopped marketing messages (`user_preferences`, send error 131050), rather than a typed text. */
  signal?: 'marketing-stop' | 'identity-change';
  /** On an `identity-change`: the identifiers the person had before (Meta's system message). */
  previous?: RecordSubject;
  /** The id of the reply button the person tapped (`interactive.button_reply.id`), e.g. a thread prompt's `optin-yes.<id>`. */
  buttonId?: string;
  /** The id of the business's message this one answers (`context.id`): for a button reply, the prompt's message. */
  replyTo?: string;
  /** The ad or post that opened the conversation (Click-to-WhatsApp), as Meta describes it. Never an opt-in. */
  referral?: ConversationReferral;
}

/** Meta's send error: "the user has stopped marketing messages from this business". */
const MARKETING_STOPPED_ERROR = 131050;

const PHONE = E164_PATTERN;
const BSUID = BSUID_PATTERN;

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function messageText(message: Record<string, unknown>): string | undefined {
  return (
    asString(asRecord(message.text)?.body) ?? asString(asRecord(message.button)?.text) ?? asString(asRecord(asRecord(message.interactive)?.button_reply)?.title)
  );
}

/** The sender as the ledger keys people: E.164 phone (normalised with max metadata) and/or a valid BSUID. */
function subjectOf(waId: string | undefined, bsuid: string | undefined): RecordSubject | undefined {
  const subject: RecordSubject = {};
  const phone = waId ? `+${waId.replace(/\D/g, '')}` : undefined;
  const normalized = phone && PHONE.test(phone) ? normalizePhone(phone) : undefined;
  if (normalized?.ok) subject.phone = normalized.e164;
  if (bsuid && BSUID.test(bsuid)) subject.bsuid = bsuid;
  return subject.phone || subject.bsuid ? subject : undefined;
}

/** Meta's Unix seconds as ISO 8601, or `undefined` for a missing or absurd value (never a thrown RangeError). */
function timeOf(value: unknown): string | undefined {
  const seconds = Number(asString(value));
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 8.64e12) return undefined;
  return new Date(seconds * 1000).toISOString();
}

/** Meta's own marketing opt-out signals: the `user_preferences` webhook and send error 131050. */
function marketingSignals(value: Record<string, unknown>): InboundMessage[] {
  const signals: InboundMessage[] = [];
  for (const item of asArray(value.user_preferences)) {
    const preference = asRecord(item);
    if (!preference || preference.category !== 'marketing_messages' || preference.value !== 'stop') continue;
    const subject = subjectOf(asString(preference.wa_id), asString(preference.user_id));
    const sentAt = timeOf(preference.timestamp);
    if (!subject) continue;
    const text = asString(preference.detail) ?? 'User requested to stop marketing messages';
    signals.push({ messageId: `user_preferences:${sentAt ?? 'unknown'}`, subject, text, signal: 'marketing-stop', ...(sentAt ? { sentAt } : {}) });
  }
  for (const item of asArray(value.statuses)) {
    const status = asRecord(item);
    const stopped = asArray(status?.errors).some((e) => Number(asRecord(e)?.code) === MARKETING_STOPPED_ERROR);
    const messageId = asString(status?.id);
    if (!status || !stopped || !messageId) continue;
    const subject = subjectOf(asString(status.recipient_id), asString(status.recipient_user_id));
    if (!subject) continue;
    const sentAt = timeOf(status.timestamp);
    signals.push({
      messageId: `status-131050:${messageId}`,
      subject,
      text: 'Send failed with error 131050: the person stopped marketing messages',
      signal: 'marketing-stop',
      ...(sentAt ? { sentAt } : {}),
    });
  }
  return signals;
}

/**
 * Meta's system message that a person's phone number or BSUID changed: the new
 * identifiers, and the previous ones (`from` and `previous_user_id`).
 */
function identityChange(message: Record<string, unknown> | undefined): InboundMessage | undefined {
  const system = asRecord(message?.system);
  const type = asString(system?.type);
  const messageId = asString(message?.id);
  if (!message || !system || !messageId || (type !== 'user_changed_number' && type !== 'user_changed_user_id')) return undefined;
  const from = asString(message.from);
  const newPhone = type === 'user_changed_number' ? (asString(system.wa_id) ?? asString(system.new_wa_id)) : from;
  const subject = subjectOf(newPhone, asString(system.user_id));
  const previous = subjectOf(type === 'user_changed_number' ? from : undefined, asString(system.previous_user_id) ?? asString(message.from_user_id));
  if (!subject || !previous) return undefined;
  const sentAt = timeOf(message.timestamp);
  return { messageId, subject, previous, text: asString(system.body) ?? type, signal: 'identity-change', ...(sentAt ? { sentAt } : {}) };
}

export function readWhatsAppInbound(payload: unknown): InboundMessage[] {
  const inbound: InboundMessage[] = [];
  for (const entry of asArray(asRecord(payload)?.entry)) {
    for (const change of asArray(asRecord(entry)?.changes)) {
      const value = asRecord(asRecord(change)?.value);
      if (!value) continue;
      const contacts = asArray(value.contacts)
        .map(asRecord)
        .filter((c) => c !== undefined);
      for (const item of asArray(value.messages)) {
        const change = identityChange(asRecord(item));
        if (change) {
          inbound.push(change);
          continue;
        }
        const message = asRecord(item);
        const messageId = asString(message?.id);
        const text = message && messageText(message);
        if (!message || !messageId || !text) continue;
        const from = asString(message.from);
        const contact = contacts.find((c) => from !== undefined && c.wa_id === from) ?? (contacts.length === 1 ? contacts[0] : undefined);
        const subject = subjectOf(from, asString(message.from_user_id) ?? asString(message.user_id) ?? asString(contact?.user_id));
        if (!subject) continue;
        const sentAt = timeOf(message.timestamp);
        const buttonId = asString(asRecord(asRecord(message.interactive)?.button_reply)?.id);
        const replyTo = asString(asRecord(message.context)?.id);
        const referral = readReferral(message.referral);
        inbound.push({
          messageId,
          subject,
          text,
          ...(sentAt ? { sentAt } : {}),
          ...(buttonId ? { buttonId: buttonId.slice(0, 256) } : {}),
          ...(replyTo ? { replyTo: replyTo.slice(0, 256) } : {}),
          ...(referral ? { referral } : {}),
        });
      }
      inbound.push(...marketingSignals(value));
    }
  }
  return inbound;
}
