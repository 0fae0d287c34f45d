/**
 * Checks many receipts against one receiver key, preparing the key once: an
 * audit of a large ledger spends most of its time on key imports otherwise.
 * On Node the check is `node:crypto`'s synchronous verify with a cached key
 * (platform-crypto.ts); elsewhere one WebCrypto key serves every receipt.
 * Same rules as `verifyReceipt` in receiver-key.ts.
 */
import type { PublicEcJwk } from '../core/detached-jws.js';
import { base64UrlDecode, utf8Bytes, utf8Text } from '../core/encoding.js';
import type { VerificationCrypto } from '../core/verification-crypto.js';
import { platformVerificationCrypto } from './platform-crypto.js';
import type { ReceiptClaims } from './receiver-key.js';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export type ReceiptVerifier = (receipt: string) => Promise<ReceiptClaims | undefined>;

/** `primitives`: the platform's verification (the default where there is one), or `null` for WebCrypto with the key imported once. */
export function createReceiptVerifier(publicJwk: PublicEcJwk, primitives: VerificationCrypto | null = platformVerificationCrypto ?? null): ReceiptVerifier {
  const { kty, crv, x, y } = publicJwk;
  const key = { kty, crv, x, y };
  const webKey = primitives ? undefined : crypto.subtle.importKey('jwk', { ...key, ext: true }, ECDSA_P256, true, ['verify']);
  return async (receipt) => {
    const [header, payload, signature, ...rest] = receipt.split('.');
    const signatureBytes = signature ? base64UrlDecode(signature) : undefined;
    const payloadBytes = payload ? base64UrlDecode(payload) : undefined;
    if (rest.length > 0 || !header || !payloadBytes || !signatureBytes) return undefined;
    try {
      const data = utf8Bytes(`${header}.${payload}`);
      const valid = webKey ? await crypto.subtle.verify(ES256, await webKey, signatureBytes, data) : await primitives!.verifyEs256(key, signatureBytes, data);
      return valid ? (JSON.parse(utf8Text(payloadBytes)) as ReceiptClaims) : undefined;
    } catch {
      return undefined;
    }
  };
}
