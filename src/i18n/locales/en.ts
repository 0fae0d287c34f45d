/**
 * English, the source locale: every other locale has exactly these keys. Written in three parts
 * (src/i18n/english/): the script carries en-core.ts; the preference centre's view carries
 * en-preferences.ts and the double opt-in step's QR chunk en-confirm.ts, each added when its code arrives.
 */
import confirm from '../english/en-confirm.js';
import core from '../english/en-core.js';
import preferences from '../english/en-preferences.js';

export default { ...core, preferences: { ...core.preferences, ...preferences }, confirm };
