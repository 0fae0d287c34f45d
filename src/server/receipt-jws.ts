/**
 * The receipt's compact JWS (`header.payload.signature`, ES256), formatted in one place for the
 * two threads that sign receipts: the main thread (receiver-key.ts) and the verification thread,
 * which signs a verified record's receipt beside its verification (verification-worker.ts).
 */
import { base64UrlEncode, utf8Bytes } from '../core/record/encoding.js';
import type { ReceiptClaims } from './receiver-key.js';

/** `header.payload`: the bytes a receipt's signature covers. */
export function receiptSigningInput(kid: string, claims: ReceiptClaims): string {
  const header = base64UrlEncode(utf8Bytes(JSON.stringify({ alg: 'ES256', kid, typ: 'optin-receipt+jws' })));
  return `${header}.${base64UrlEncode(utf8Bytes(JSON.stringify(claims)))}`;
}

/** The whole receipt, from its signing input and that input's ES256 signature (`r || s`). */
export function receiptJws(signingInput: string, signature: Uint8Array): string {
  return `${signingInput}.${base64UrlEncode(signature)}`;
}
