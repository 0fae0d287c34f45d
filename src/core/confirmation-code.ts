/**
 * The short code of double opt-in: derived from the opt-in record's id, so the
 * form can show it with any endpoint and the receiver can recompute it, with
 * nothing extra stored or sent. 8 characters of Crockford base32 (40 bits),
 * shown as `XXXX-XXXX`; no I, L, O or U, so it survives being read aloud or retyped.
 */
import { utf8Bytes } from './encoding.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export async function confirmationCodeFor(recordId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8Bytes(`optin-confirmation:${recordId}`)));
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 7; i >= 0; i--) code += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Codes found in an inbound message, normalised to `XXXX-XXXX`: tolerant of
 * case, a missing or different separator, and the letters people confuse (O→0, I/L→1).
 */
export function findConfirmationCodes(text: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:^|[^0-9A-Za-z])([0-9A-Za-z]{4})[\s\-–.]?([0-9A-Za-z]{4})(?![0-9A-Za-z])/g;
  for (const match of text.matchAll(pattern)) {
    const raw = `${match[1]}${match[2]}`.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
    if (/^[0-9A-HJKMNP-TV-Z]{8}$/.test(raw)) found.add(`${raw.slice(0, 4)}-${raw.slice(4)}`);
  }
  return [...found];
}

/** The WhatsApp "click to chat" link that opens a chat with the business, the confirmation message typed in. */
export function whatsappConfirmationLink(businessNumber: string, message: string): string {
  return `https://wa.me/${businessNumber.replace(/\D/g, '')}?text=${encodeURIComponent(message)}`;
}

/** The business's WhatsApp number as digits with country code (`+49 151 2345…` → `491512345…`), or `undefined` if it cannot be one. */
export function whatsappNumberDigits(value: string): string | undefined {
  const digits = value.replace(/[\s()+.-]/g, '');
  return /^[1-9][0-9]{6,14}$/.test(digits) ? digits : undefined;
}
