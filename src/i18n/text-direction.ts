/** Languages written right to left (Intl.Locale#getTextInfo is not in every engine yet). */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug', 'syr']);

export type TextDirection = 'ltr' | 'rtl';

export function textDirection(locale: string): TextDirection {
  const language = locale.split(/[-_]/)[0].toLowerCase();
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}
