/** `#platform/load-funnel-report`, script-tag build: the funnel counter is a hash-checked file beside the script (load-code-chunk.ts). */
import { loadCodeChunk } from './load-code-chunk.js';

export const loadFunnelReport = () => loadCodeChunk<typeof import('../../client/funnel-beacon.js')>('funnel');
