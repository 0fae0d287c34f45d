/**
 * The keyword of an SMS double opt-in: the business texts "Reply YES to confirm" and the person
 * answers with the word alone. Only a message that is nothing but the word counts ("yes, but
 * not on Sundays" is not a confirmation), in the bundled languages, any case, with or without a
 * final "." or "!".
 */
const CONFIRMATION_WORDS = new Set(['yes', 'y', 'si', 'sí', 'oui', 'ja', 'sim', 'tak', 'evet', 'ya', 'ndiyo', 'da', 'да', 'نعم', 'כן', 'हाँ', 'हां', 'haan']);

export function isConfirmationKeyword(text: string): boolean {
  const word = text
    .normalize('NFC')
    .trim()
    .toLocaleLowerCase()
    .replace(/[.!。！]+$/u, '')
    .trim();
  return CONFIRMATION_WORDS.has(word);
}
