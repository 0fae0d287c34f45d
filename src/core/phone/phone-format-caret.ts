/**
 * As-you-type formatting that computes the text and the caret together, so the caret stays after
 * the same digit it followed before the formatter added or removed spaces, dashes or brackets.
 */
import { asciiDigits } from './phone-digits.js';
import { compactPhoneText } from './phone-normalize.js';
import { type CountryCode, formatPhoneText } from './phone-number.js';

export interface PhoneTextWithCaret {
  text: string;
  /** Caret offset in `text` (UTF-16 code units, as `selectionStart`). */
  caret: number;
  /** The country the formatter recognised from the digits, if any. */
  country?: CountryCode;
}

/** Digits (of any script) and "+" carry meaning; everything else is formatting. */
function isSignificant(char: string): boolean {
  return char === '+' || char === '\uFF0B' || /^\d$/.test(asciiDigits(char));
}

function significantCount(text: string): number {
  let count = 0;
  for (const char of text) if (isSignificant(char)) count++;
  return count;
}

/** Offset just after the `count`-th significant character (0 when `count` is 0). */
function offsetAfterSignificant(text: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let index = 0; index < text.length; index++) {
    if (isSignificant(text[index])) seen++;
    if (seen === count) return index + 1;
  }
  return text.length;
}

/** Formats `text` and moves the caret with the digit it followed. */
export function formatWithCaret(text: string, caret: number, country?: CountryCode, repair = true): PhoneTextWithCaret {
  const safeCaret = Math.max(0, Math.min(caret, text.length));
  const formatted = formatPhoneText(text, country, { repair });
  const sameDigits = compactPhoneText(formatted.text) === compactPhoneText(text);
  // When the number was rewritten (a "00" became "+", a trunk "0" went away), no digit maps to
  // its old place: the caret goes to the end, which is where a paste leaves it anyway.
  const nextCaret = sameDigits ? offsetAfterSignificant(formatted.text, significantCount(text.slice(0, safeCaret))) : formatted.text.length;
  return { text: formatted.text, caret: nextCaret, ...(formatted.country ? { country: formatted.country } : {}) };
}

/**
 * Input types after which the whole text is cleaned up (a "00" becomes "+", a trunk "0" goes):
 * pastes, drops and autofill. Key-by-key typing and deleting keep every digit where it is.
 */
function isWholeTextChange(inputType: string | undefined): boolean {
  return (
    inputType === undefined || inputType === '' || inputType === 'insertFromPaste' || inputType === 'insertFromDrop' || inputType === 'insertReplacementText'
  );
}

/**
 * Applies one edit of the field (the browser's value after an `input` event) and formats it.
 * Deleting only a formatting character (Backspace just after a space) deletes the digit beyond
 * it as well, so deleting never gets stuck on a space the formatter would put back.
 */
export function applyPhoneEdit(before: string, after: string, caret: number, inputType: string | undefined, country?: CountryCode): PhoneTextWithCaret {
  let text = after;
  let at = Math.max(0, Math.min(caret, after.length));
  const onlyFormattingRemoved = after.length < before.length && compactPhoneText(after) === compactPhoneText(before);
  if (onlyFormattingRemoved && inputType === 'deleteContentBackward') {
    let index = at - 1;
    while (index >= 0 && !isSignificant(text[index])) index--;
    if (index >= 0) {
      text = text.slice(0, index) + text.slice(index + 1);
      at = index;
    }
  } else if (onlyFormattingRemoved && inputType === 'deleteContentForward') {
    let index = at;
    while (index < text.length && !isSignificant(text[index])) index++;
    if (index < text.length) text = text.slice(0, index) + text.slice(index + 1);
  }
  return formatWithCaret(text, at, country, isWholeTextChange(inputType));
}
