/** The script-tag build: the QR encoder is a hash-checked file beside the script (src/client/load-code-chunk.cdn.ts). */
import { loadCodeChunk } from '../../../client/load-code-chunk.cdn.js';

export const loadQrEncoder = () => loadCodeChunk<typeof import('../../../core/qr-code.js')>('qr');
