/**
 * The two primitives record verification needs, behind an interface so a
 * platform with a faster implementation (the receiver on Node) can supply its
 * own. The default is WebCrypto, which every target has.
 */
import type { PublicEcJwk } from './detached-jws.js';

export interface VerificationCrypto {
  /** SHA-256 of `bytes`. */
  sha256(bytes: Uint8Array<ArrayBuffer>): Uint8Array | Promise<Uint8Array>;
  /**
   * Checks an ES256 signature (`r || s`, 64 bytes) over `data` with a P-256 public key.
   * Throws when `jwk` is not a point on P-256; answers `false` for a wrong signature.
   */
  verifyEs256(jwk: PublicEcJwk, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): boolean | Promise<boolean>;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export const webVerificationCrypto: VerificationCrypto = {
  async sha256(bytes) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  },
  async verifyEs256(jwk, signature, data) {
    const key = await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, ECDSA_P256, true, ['verify']);
    return crypto.subtle.verify(ES256, key, signature, data);
  },
};
