/**
 * Phone numbers as the receiver judges them: libphonenumber-js with its *max*
 * metadata (valid number ranges per country, not only lengths). Server only:
 * the browser bundles keep their small metadata.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; message: string };

/** The number in E.164 when it is a valid number of its country (`+49015100000003` → `+4915100000003`). */
export function normalizePhone(value: string): PhoneCheck {
  const parsed = value.startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
  if (!parsed || !parsed.isValid()) {
    return { ok: false, message: `${JSON.stringify(value)} is not a valid phone number (E.164 with country code, e.g. +4915123456789)` };
  }
  return { ok: true, e164: parsed.number };
}

/**
 * A subject given to the receiver by the business (a query, a relayed SMS, a
 * token request): its phone in E.164, or why it is not a phone number.
 */
export function normalizeSubjectPhone<T extends { phone?: string }>(subject: T): { ok: true; subject: T } | { ok: false; message: string } {
  if (subject.phone === undefined) return { ok: true, subject };
  const phone = normalizePhone(subject.phone);
  return phone.ok ? { ok: true, subject: { ...subject, phone: phone.e164 } } : phone;
}
