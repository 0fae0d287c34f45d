/** `#platform/load-qr-encoder`, script-tag build: the QR encoder is a hash-checked file beside the script (load-code-chunk.ts). */
import { loadCodeChunk } from './load-code-chunk.js';

export const loadQrEncoder = () => loadCodeChunk<typeof import('../../core/qr-code.js')>('qr');
