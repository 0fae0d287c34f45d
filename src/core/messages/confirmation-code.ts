/**
 * The short code of double opt-in: derived from the opt-in record's id, so the
 * form can show it with any endpoint and the receiver can recompute it, with
 * nothing extra stored or sent. 8 characters of Crockford base32 (40 bits),
 * shown as `XXXX-XXXX`; no I, L, O or U, so it survives being read aloud or retyped.
 */
import { utf8Bytes } from '../record/encoding.js';

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
 * Codes found in an inbound message, normalised to `XXXX-XXXX`, as people type
 * them: any case, with or without the hyphen, a space or a dot between the
 * halves, beside words like "Code:" or "my code is", and with the letters
 * people confuse (O→0, I/L→1). Every reading is returned, overlapping ones
 * included ("Code ECKW-E151" gives both C0DE-ECKW and ECKW-E151): the receiver
 * keeps only a code that belongs to a stored opt-in, so an extra reading costs nothing.
 */
export function findConfirmationCodes(text: string): string[] {
  const found = new Set<string>();
  const add = (raw: string) => {
    const code = raw.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
    if (/^[0-9A-HJKMNP-TV-Z]{8}$/.test(code)) found.add(`${code.slice(0, 4)}-${code.slice(4)}`);
  };
  // Alphanumeric runs and what separates them; a code is one run of 8, or two runs of 4 with one separator between.
  const runs = [...text.matchAll(/[0-9A-Za-z]+/g)];
  runs.forEach((run, i) => {
    if (run[0].length === 8) add(run[0]);
    const next = runs[i + 1];
    if (run[0].length !== 4 || !next || next[0].length !== 4) return;
    const between = text.slice(run.index! + 4, next.index);
    if (/^(?:[\s\-–.]?|\s*[-–]\s*)$/.test(between)) add(run[0] + next[0]);
  });
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
