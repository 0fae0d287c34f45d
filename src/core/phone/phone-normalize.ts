/**
 * Turns whatever a person typed, pasted or had autofilled into the characters a phone number is
 * made of: an optional leading "+" and ASCII digits. Pure text work; which reading of the digits
 * is the right number is decided in phone-number.ts.
 */
import { asciiDigits } from './phone-digits.js';

export interface CleanPhoneText {
  /** The text said the number is international: a leading "+", "00" or a `tel:` URI with "+". */
  international: boolean;
  /** The digits, without the "+" and without a leading "00". */
  digits: string;
  /** The text started with "011", the North American international prefix (kept in `digits`). */
  northAmericanPrefix: boolean;
}

/** Drops a `tel:` scheme and everything after the first `;` (parameters such as `;ext=`). */
function withoutTelUri(text: string): string {
  const match = /^\s*tel:\s*([^;]*)/i.exec(text);
  if (!match) return text;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** Plus signs other keyboards and fonts produce (fullwidth, small, heavy). */
const PLUS_SIGNS = /[+\uFF0B\uFE62\u2795]/g;

export function cleanPhoneText(text: string): CleanPhoneText {
  const normalized = asciiDigits(withoutTelUri(text ?? '')).replace(PLUS_SIGNS, '+');
  // Only a "+" before the first digit counts; labels like "Tel.:" or "(mobile)" drop out.
  const firstDigit = normalized.search(/\d/);
  const beforeDigits = firstDigit === -1 ? normalized : normalized.slice(0, firstDigit);
  let digits = normalized.replace(/\D/g, '');
  let international = beforeDigits.includes('+');
  if (!international && digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  return { international, digits, northAmericanPrefix: !international && digits.startsWith('011') };
}

/** The cleaned text as typed characters: "+" and digits. */
export function compactPhoneText(text: string): string {
  const clean = cleanPhoneText(text);
  return (clean.international ? '+' : '') + clean.digits;
}
