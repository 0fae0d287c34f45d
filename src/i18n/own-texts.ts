/**
 * A business's own, lawyer-approved wording (`<optin-form>`'s `texts`): per locale, the same
 * resource shape as a bundled locale file (src/i18n/locales/), holding only the keys it changes.
 * Its sentences are composed and checked by the same rules as the bundled ones, so approved
 * wording never bypasses a rule, and the record stores what was shown.
 */
import type { LocaleResource } from './supported-locales.js';

/** `{ "en": { "notice": { "optOut": "…" } }, "de": { … } }`. */
export type OwnTexts = Record<string, LocaleResource>;

function isResource(value: unknown): value is LocaleResource {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string' || isResource(entry))
  );
}

/** Reads the property (an object) or the attribute (the same as JSON); a malformed value is a problem to report, never thrown. */
export function readOwnTexts(value: unknown): { texts?: OwnTexts; problem?: string } {
  if (value === undefined || value === null || value === '') return {};
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { problem: 'texts is not valid JSON: give it as {"en": {"notice": {"lead": "…"}}}.' };
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every(isResource)
    ? { texts: parsed as OwnTexts }
    : { problem: 'texts must map a locale to texts shaped like a locale file, e.g. {"en": {"notice": {"lead": "…"}}}; every text a string.' };
}
