/**
 * English, the source locale: every other locale has exactly these keys. Written in two parts
 * (src/i18n/english/): the script carries en-core.ts, and the preference centre's view carries
 * en-preferences.ts, added when the view arrives.
 */
import core from '../english/en-core.js';
import preferences from '../english/en-preferences.js';

export default { ...core, preferences: { ...core.preferences, ...preferences } };
