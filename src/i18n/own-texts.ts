/**
 * A business's own, lawyer-approved wording (`<optin-form>`'s `texts`): per locale, the same
 * resource shape as a bundled locale file (src/i18n/locales/), holding only the keys it changes.
 * Its sentences are composed and checked by the same rules as the bundled ones, so approved
 * wording never bypasses a rule, and the record stores what was shown.
 */
import type { LocaleResource } from './supported-locales.js';

/** `{ "en": { "notice": { "optOut": "…" } }, "de": { … } }`. */
export type OwnTexts = Record<string, LocaleResource>;

/**
 * Reads the property (an object) or the attribute (the same as JSON); a malformed value is a problem
 * to report, never thrown. A text that is not a string is not found (lookups skip it), so the
 * bundled one shows.
 */
export function readOwnTexts(value: unknown): { texts?: OwnTexts; problem?: string } {
  try {
    const texts = typeof value === 'string' ? (value ? JSON.parse(value) : undefined) : value;
    if (texts === undefined || (typeof texts === 'object' && !Array.isArray(texts))) return { texts: texts ?? undefined };
  } catch {
    // Reported below.
  }
  return { problem: 'texts must map locales to texts, as JSON: {"en": {"notice": {"lead": "…"}}}.' };
}
