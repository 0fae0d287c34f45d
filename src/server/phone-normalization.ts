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
