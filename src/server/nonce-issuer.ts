/**
 * Single-use, short-lived challenges for `GET /consents/nonce`.
 *
 * A nonce is self-describing (issue time + randomness + HMAC), so the receiver
 * needs no table of issued nonces and a restart does not invalidate the ones
 * handed out before it; only *used* nonces are remembered (`ConsentStore.claimNonce`).
 * The HMAC key is derived from the receiver's persistent private key.
 */
import { base64UrlDecode, base64UrlEncode, utf8Bytes } from '../core/record/encoding.js';
import { platformHmacSha256 } from './platform-crypto.js';

const ISSUED_AT_BYTES = 8;
const RANDOM_BYTES = 16;
const MAC_BYTES = 16;
const NONCE_BYTES = ISSUED_AT_BYTES + RANDOM_BYTES + MAC_BYTES;

export interface IssuedNonce {
  nonce: string;
  /** ISO 8601: the record must be signed (captured) before this. */
  expiresAt: string;
}

export type NonceCheck = { ok: true; issuedAt: number; expiresAt: number } | { ok: false; code: 'nonce-invalid' | 'nonce-expired'; message: string };

export interface NonceIssuer {
  issue(): Promise<IssuedNonce>;
  /** Checks that the nonce is ours and that the record was captured while it was fresh. */
  check(nonce: string, capturedAt: Date): Promise<NonceCheck>;
  readonly ttlMs: number;
}

export interface NonceIssuerOptions {
  /** How long a nonce may be used for signing. Default 10 minutes. */
  ttlMs?: number;
  /** Device clocks drift: tolerance when comparing `capturedAt` to the issue time. Default 5 minutes. */
  skewMs?: number;
  now?: () => Date;
}

/**
 * The nonce MAC: HMAC-SHA256 keyed with SHA-256 of a label and the secret, the first 16 bytes.
 * Synchronous through `node:crypto` where the platform has it (a nonce is checked on every record,
 * in the receiver's main thread); WebCrypto elsewhere. Both give the same bytes.
 */
function nonceMac(secret: Uint8Array<ArrayBuffer>): (body: Uint8Array<ArrayBuffer>) => Promise<Uint8Array> {
  const label = new Uint8Array([...utf8Bytes('optin-elements nonce v1\n'), ...secret]);
  const material = crypto.subtle.digest('SHA-256', label);
  const key = material.then((bytes) => crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  const platform = material.then((bytes) => platformHmacSha256(new Uint8Array(bytes)));
  return async (body) => {
    const sync = await platform;
    const mac = sync ? sync(body) : new Uint8Array(await crypto.subtle.sign('HMAC', await key, body));
    return mac.slice(0, MAC_BYTES);
  };
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** `secret`: stable secret bytes (the receiver key's private scalar). */
export function createNonceIssuer(secret: Uint8Array<ArrayBuffer>, options: NonceIssuerOptions = {}): NonceIssuer {
  const ttlMs = options.ttlMs ?? 10 * 60 * 1000;
  const skewMs = options.skewMs ?? 5 * 60 * 1000;
  const now = options.now ?? (() => new Date());
  const mac = nonceMac(secret);

  return {
    ttlMs,
    async issue() {
      const issuedAt = now().getTime();
      const body = new Uint8Array(ISSUED_AT_BYTES + RANDOM_BYTES);
      new DataView(body.buffer).setBigUint64(0, BigInt(issuedAt));
      crypto.getRandomValues(body.subarray(ISSUED_AT_BYTES));
      const nonce = new Uint8Array(NONCE_BYTES);
      nonce.set(body);
      nonce.set(await mac(body), body.length);
      return { nonce: base64UrlEncode(nonce), expiresAt: new Date(issuedAt + ttlMs).toISOString() };
    },
    async check(nonce, capturedAt) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = base64UrlDecode(nonce);
      } catch {
        bytes = undefined;
      }
      if (!bytes || bytes.length !== NONCE_BYTES) {
        return { ok: false, code: 'nonce-invalid', message: 'the nonce was not issued by this receiver' };
      }
      const body = new Uint8Array(bytes.subarray(0, ISSUED_AT_BYTES + RANDOM_BYTES));
      if (!constantTimeEqual(await mac(body), bytes.subarray(body.length))) {
        return { ok: false, code: 'nonce-invalid', message: 'the nonce was not issued by this receiver' };
      }
      const issuedAt = Number(new DataView(body.buffer).getBigUint64(0));
      const captured = capturedAt.getTime();
      // Judged on capturedAt, not on arrival: a record signed in time and queued offline must still be accepted.
      if (captured < issuedAt - skewMs || captured > issuedAt + ttlMs + skewMs) {
        return { ok: false, code: 'nonce-expired', message: `the record was not signed within ${Math.round(ttlMs / 1000)} s of the nonce being issued` };
      }
      return { ok: true, issuedAt, expiresAt: issuedAt + ttlMs };
    },
  };
}
