/** The script-tag build: the display code is a hash-checked file beside the script (src/client/load-code-chunk.cdn.ts). */
import { loadCodeChunk } from '../../../client/load-code-chunk.cdn.js';

export const loadDisplay = () => loadCodeChunk<typeof import('./display-behaviour.js')>('display');
