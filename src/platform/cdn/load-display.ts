/** `#platform/load-display`, script-tag build: the display code is a hash-checked file beside the script (load-code-chunk.ts). */
import { loadCodeChunk } from './load-code-chunk.js';

export const loadDisplay = () => loadCodeChunk<typeof import('../../components/optin-form/display/display-behaviour.js')>('display');
