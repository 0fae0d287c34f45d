/** `#platform/load-qr-encoder`, script-tag build: the double opt-in step (code, link, QR encoder) is a hash-checked file beside the script (load-code-chunk.ts). */
import { loadCodeChunk } from './load-code-chunk.js';

export const loadQrEncoder = () => loadCodeChunk<typeof import('../../components/optin-form/qr/confirmation-step.js')>('qr');
