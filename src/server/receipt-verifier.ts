/**
 * Checks many receipts against one receiver key, preparing the key once: an
 * audit of a large ledger spends most of its time on key imports otherwise.
 * On Node the check is `node:crypto`'s synchronous verify with a cached key
 * (platform-crypto.ts); elsewhere one WebCrypto key serves every receipt.
 * Same rules as `verifyReceipt` in receiver-key.ts.
 */
import type { PublicEcJwk } from '../core/record/detached-jws.js';
import { base64UrlDecode, utf8Bytes, utf8Text } from '../core/record/encoding.js';
import type { VerificationCrypto } from '../core/record/verification-crypto.js';
import { type ReceiptInLog, receiptInclusionProblem } from './log/receipt-inclusion.js';
import { platformVerificationCrypto } from './platform-crypto.js';
import type { ReceiptClaims } from './receiver-key.js';

export type ReceiptVerification = ReceiptInLog;

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** With `inLog`, the receipt must also be in the log under that checkpoint (see receipt-inclusion.ts). */
export type ReceiptVerifier = (receipt: string, inLog?: ReceiptInLog) => Promise<ReceiptClaims | undefined>;

interface PreparedKey {
  key: { kty: string; crv: string; x: string; y: string };
  webKey?: Promise<CryptoKey>;
}

/**
 * `keys`: one public JWK, or every published one (a JWKS's `keys`): then the receipt's
 * `kid` picks the key, so receipts signed before a rotation still verify.
 * `primitives`: the platform's verification (the default where there is one), or `null` for WebCrypto with each key imported once.
 */
export function createReceiptVerifier(
  keys: PublicEcJwk | readonly (PublicEcJwk & { kid?: string })[],
  primitives: VerificationCrypto | null = platformVerificationCrypto ?? null,
): ReceiptVerifier {
  const prepare = ({ kty, crv, x, y }: PublicEcJwk): PreparedKey => {
    const key = { kty, crv, x, y };
    return { key, webKey: primitives ? undefined : crypto.subtle.importKey('jwk', { ...key, ext: true }, ECDSA_P256, true, ['verify']) };
  };
  const list = (Array.isArray(keys) ? keys : [keys]) as Array<PublicEcJwk & { kid?: string }>;
  const byKid = new Map(list.filter((k) => k.kid).map((k) => [k.kid!, prepare(k)]));
  // A lone key verifies whatever kid the receipt names, as before key ids were used.
  const only = list.length === 1 ? prepare(list[0]) : undefined;
  return async (receipt, inLog) => {
    const [header, payload, signature, ...rest] = receipt.split('.');
    const signatureBytes = signature ? base64UrlDecode(signature) : undefined;
    const payloadBytes = payload ? base64UrlDecode(payload) : undefined;
    if (rest.length > 0 || !header || !payloadBytes || !signatureBytes) return undefined;
    try {
      const headerBytes = base64UrlDecode(header);
      const kid = headerBytes ? (JSON.parse(utf8Text(headerBytes)) as { kid?: unknown }).kid : undefined;
      const { key, webKey } = (typeof kid === 'string' ? byKid.get(kid) : undefined) ?? only ?? ({} as Partial<PreparedKey>);
      if (!key) return undefined;
      if (inLog && receiptInclusionProblem(receipt, inLog) !== undefined) return undefined;
      const data = utf8Bytes(`${header}.${payload}`);
      const valid = webKey
        ? await crypto.subtle.verify(ES256, await webKey, signatureBytes, data)
        : await primitives!.verifyEs256(key as PublicEcJwk, signatureBytes, data);
      return valid ? (JSON.parse(utf8Text(payloadBytes)) as ReceiptClaims) : undefined;
    } catch {
      return undefined;
    }
  };
}
