/**
 * Checks many receipts against one receiver key, importing the key once: an
 * audit of a large ledger spends most of its time on key imports otherwise.
 * Same rules as `verifyReceipt` in receiver-key.ts.
 */
import type { PublicEcJwk } from '../core/detached-jws.js';
import { base64UrlDecode, utf8Bytes, utf8Text } from '../core/encoding.js';
import type { ReceiptClaims } from './receiver-key.js';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export type ReceiptVerifier = (receipt: string) => Promise<ReceiptClaims | undefined>;

export function createReceiptVerifier(publicJwk: PublicEcJwk): ReceiptVerifier {
  const { kty, crv, x, y } = publicJwk;
  const key = crypto.subtle.importKey('jwk', { kty, crv, x, y, ext: true }, ECDSA_P256, true, ['verify']);
  return async (receipt) => {
    const [header, payload, signature, ...rest] = receipt.split('.');
    const signatureBytes = signature ? base64UrlDecode(signature) : undefined;
    const payloadBytes = payload ? base64UrlDecode(payload) : undefined;
    if (rest.length > 0 || !header || !payloadBytes || !signatureBytes) return undefined;
    try {
      const valid = await crypto.subtle.verify(ES256, await key, signatureBytes, utf8Bytes(`${header}.${payload}`));
      return valid ? (JSON.parse(utf8Text(payloadBytes)) as ReceiptClaims) : undefined;
    } catch {
      return undefined;
    }
  };
}
