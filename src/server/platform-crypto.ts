/**
 * `node:crypto` where the platform has it (Node, Deno, Bun), found at run time
 * through `process.getBuiltinModule`, so the Web-standard handler still loads
 * in workers and falls back to WebCrypto there. On Node a one-shot synchronous
 * ES256 verify with a cached key costs a fraction of WebCrypto's import, digest
 * and verify jobs, each of which is a round trip through the thread pool.
 */
import type * as NodeCrypto from 'node:crypto';
import type { PublicEcJwk } from '../core/record/detached-jws.js';
import { type VerificationCrypto, webVerificationCrypto } from '../core/record/verification-crypto.js';

type BuiltinLookup = { process?: { getBuiltinModule?: (id: string) => unknown } };

function loadNodeCrypto(): typeof NodeCrypto | undefined {
  try {
    const found = (globalThis as BuiltinLookup).process?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined;
    return typeof found?.verify === 'function' && typeof found.createPublicKey === 'function' ? found : undefined;
  } catch {
    return undefined;
  }
}

const nodeCrypto = loadNodeCrypto();

/** Device keys recently seen: a device signs its later opt-outs and preference changes with the same key. */
const MAX_CACHED_KEYS = 1024;

function publicKeyCache(node: typeof NodeCrypto) {
  const keys = new Map<string, NodeCrypto.KeyObject>();
  return (jwk: PublicEcJwk): NodeCrypto.KeyObject => {
    const id = `${jwk.x}.${jwk.y}`;
    let key = keys.get(id);
    if (key) return key;
    // Throws for a point that is not on P-256, which the caller reports as an invalid key.
    key = node.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    keys.set(id, key);
    return key;
  };
}

function nodeVerificationCrypto(node: typeof NodeCrypto): VerificationCrypto {
  const publicKey = publicKeyCache(node);
  return {
    sha256: (bytes) => node.createHash('sha256').update(bytes).digest(),
    verifyEs256: (jwk, signature, data) => node.verify('sha256', data, { key: publicKey(jwk), dsaEncoding: 'ieee-p1363' }, signature),
  };
}

/** Verification primitives backed by `node:crypto`, or `undefined` where only WebCrypto exists. */
export const platformVerificationCrypto: VerificationCrypto | undefined = nodeCrypto && nodeVerificationCrypto(nodeCrypto);

/** The platform's primitives where it has them, else WebCrypto's. */
export const serverVerificationCrypto: VerificationCrypto = platformVerificationCrypto ?? webVerificationCrypto;

/** A synchronous ES256 signer (`r || s`) for a WebCrypto private key, or `undefined` where only WebCrypto exists. */
export function platformEs256Signer(privateKey: CryptoKey): ((data: Uint8Array) => Uint8Array) | undefined {
  if (!nodeCrypto) return undefined;
  try {
    const key = nodeCrypto.KeyObject.from(privateKey);
    return (data) => nodeCrypto.sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
  } catch {
    return undefined;
  }
}

/**
 * HMAC-SHA256 keyed with `key`, synchronous through `node:crypto`, or `undefined` where only
 * WebCrypto exists. The same MAC as WebCrypto's `HMAC`/`SHA-256` with that raw key, without a
 * round trip through the thread pool for each one.
 */
export function platformHmacSha256(key: Uint8Array): ((data: Uint8Array) => Uint8Array) | undefined {
  if (!nodeCrypto) return undefined;
  const node = nodeCrypto;
  const secret = node.createSecretKey(key);
  return (data) => node.createHmac('sha256', secret).update(data).digest();
}
