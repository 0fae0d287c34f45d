/** `#platform/load-preferences`, script-tag build: `<optin-preferences>`'s view is a hash-checked file beside the script (load-code-chunk.ts). */
import { loadCodeChunk } from './load-code-chunk.js';

export const loadPreferencesView = () => loadCodeChunk<typeof import('../../components/optin-preferences/preferences-view.js')>('preferences');
