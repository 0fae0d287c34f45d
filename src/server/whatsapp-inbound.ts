/**
 * Reads inbound messages out of a WhatsApp Cloud API webhook payload
 * (`{object: 'whatsapp_business_account', entry: [{changes: [{value: {contacts, messages}}]}]}`).
 * A sender may be known by phone number (`from`, digits without `+`), by
 * Business-Scoped User ID (`user_id` / `from_user_id`, for people who use a
 * username), or both. Anything unexpected is skipped, never thrown.
 */
import type { RecordSubject } from '../core/consent-record.js';
import { BSUID_PATTERN, E164_PATTERN } from '../core/identifier-patterns.js';
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
}

const PHONE = E164_PATTERN;
const BSUID = BSUID_PATTERN;

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function messageText(message: Record<string, unknown>): string | undefined {
  return (
    asString(asRecord(message.text)?.body) ??
    asString(asRecord(message.button)?.text) ??
    asString(asRecord(asRecord(message.interactive)?.button_reply)?.title)
  );
}

export function readWhatsAppInbound(payload: unknown): InboundMessage[] {
  const inbound: InboundMessage[] = [];
  for (const entry of asArray(asRecord(payload)?.entry)) {
    for (const change of asArray(asRecord(entry)?.changes)) {
      const value = asRecord(asRecord(change)?.value);
      if (!value) continue;
      const contacts = asArray(value.contacts).map(asRecord).filter((c) => c !== undefined);
      for (const item of asArray(value.messages)) {
        const message = asRecord(item);
        const messageId = asString(message?.id);
        const text = message && messageText(message);
        if (!message || !messageId || !text) continue;
        const from = asString(message.from);
        const contact = contacts.find((c) => from !== undefined && c.wa_id === from) ?? (contacts.length === 1 ? contacts[0] : undefined);
        const phone = from ? `+${from.replace(/\D/g, '')}` : undefined;
        const bsuid = asString(message.from_user_id) ?? asString(message.user_id) ?? asString(contact?.user_id);
        const subject: RecordSubject = {};
        // Meta's wa_id is already E.164 digits; normalised anyway so one person is one key in the ledger.
        const normalized = phone && PHONE.test(phone) ? normalizePhone(phone) : undefined;
        if (normalized?.ok) subject.phone = normalized.e164;
        if (bsuid && BSUID.test(bsuid)) subject.bsuid = bsuid;
        if (!subject.phone && !subject.bsuid) continue;
        const seconds = Number(asString(message.timestamp));
        const sentAt = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
        inbound.push({ messageId, subject, text, ...(sentAt ? { sentAt } : {}) });
      }
    }
  }
  return inbound;
}
