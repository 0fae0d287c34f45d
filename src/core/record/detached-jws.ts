/**
 * Detached compact JWS (RFC 7515 appendix F) with ES256 and the signer's
 * public key embedded as `jwk` in the protected header.
 */
import { base64UrlDecode, base64UrlEncode, utf8Bytes, utf8Text } from './encoding.js';
import { canonicalize } from './canonical-json.js';
import { type VerificationCrypto, webVerificationCrypto } from './verification-crypto.js';

export interface PublicEcJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface ProtectedHeader {
  alg: 'ES256';
  jwk: PublicEcJwk;
}

const ES256_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export type JwsFailure =
  'jws-malformed' | 'jws-header-invalid' | 'jws-alg-not-allowed' | 'jws-jwk-invalid' | 'jws-jwk-has-private-key' | 'jws-signature-invalid';

export type JwsVerification = { ok: true; header: ProtectedHeader; thumbprint: string } | { ok: false; reason: JwsFailure; message: string };

/** Only the public members, so a private `d` can never leak into a header. */
export async function exportPublicJwk(publicKey: CryptoKey): Promise<PublicEcJwk> {
  const jwk = await crypto.subtle.exportKey('jwk', publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new TypeError('The signing key must be an ECDSA P-256 key');
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** RFC 7638 JWK thumbprint: a stable id of the signing key (here: of the device). */
export async function jwkThumbprint(jwk: PublicEcJwk, primitives: VerificationCrypto = webVerificationCrypto): Promise<string> {
  const members = canonicalize({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return base64UrlEncode(await primitives.sha256(utf8Bytes(members)));
}

export async function signDetached(payload: Uint8Array, keyPair: CryptoKeyPair): Promise<string> {
  const header: ProtectedHeader = { alg: 'ES256', jwk: await exportPublicJwk(keyPair.publicKey) };
  const encodedHeader = base64UrlEncode(utf8Bytes(JSON.stringify(header)));
  const signingInput = utf8Bytes(`${encodedHeader}.${base64UrlEncode(payload)}`);
  const signature = new Uint8Array(await crypto.subtle.sign(ES256_SIGN, keyPair.privateKey, signingInput));
  return `${encodedHeader}..${base64UrlEncode(signature)}`;
}

function fail(reason: JwsFailure, message: string): JwsVerification {
  return { ok: false, reason, message };
}

function parseHeader(encoded: string): unknown {
  const bytes = base64UrlDecode(encoded);
  if (!bytes) return undefined;
  try {
    return JSON.parse(utf8Text(bytes));
  } catch {
    return undefined;
  }
}

const isBase64UrlString = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

/** Verifies a detached JWS over `payload`. Never throws on bad input. */
export async function verifyDetached(jws: unknown, payload: Uint8Array, primitives: VerificationCrypto = webVerificationCrypto): Promise<JwsVerification> {
  if (typeof jws !== 'string') return fail('jws-malformed', 'proof.jws must be a string');
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '' || !parts[0] || !parts[2]) {
    return fail('jws-malformed', 'proof.jws must be a detached compact JWS: "<header>..<signature>"');
  }
  const [encodedHeader, , encodedSignature] = parts;
  const header = parseHeader(encodedHeader);
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return fail('jws-header-invalid', 'the protected header is not base64url-encoded JSON');
  }
  const { alg, jwk, crit } = header as Record<string, unknown>;
  if (alg !== 'ES256') {
    return fail('jws-alg-not-allowed', `alg ${JSON.stringify(alg)} is not allowed: only ES256 is accepted`);
  }
  if (crit !== undefined) return fail('jws-header-invalid', 'the protected header must not carry "crit"');
  if (typeof jwk !== 'object' || jwk === null) return fail('jws-jwk-invalid', 'the protected header must carry the public key as "jwk"');
  const key = jwk as Record<string, unknown>;
  if ('d' in key) {
    return fail('jws-jwk-has-private-key', 'the header\'s jwk contains a private key ("d"): refused, the key is compromised');
  }
  if (key.kty !== 'EC' || key.crv !== 'P-256' || !isBase64UrlString(key.x) || !isBase64UrlString(key.y)) {
    return fail('jws-jwk-invalid', "the header's jwk must be a P-256 EC public key");
  }
  const signature = base64UrlDecode(encodedSignature);
  if (!signature || signature.length !== 64) {
    return fail('jws-signature-invalid', 'the signature must be 64 bytes (r || s) in base64url');
  }
  const publicJwk: PublicEcJwk = { kty: 'EC', crv: 'P-256', x: key.x, y: key.y };
  const signingInput = utf8Bytes(`${encodedHeader}.${base64UrlEncode(payload)}`);
  let valid: boolean;
  try {
    valid = await primitives.verifyEs256(publicJwk, signature, signingInput);
  } catch {
    return fail('jws-jwk-invalid', "the header's jwk is not a point on P-256");
  }
  if (!valid) return fail('jws-signature-invalid', 'the signature does not match the record');
  return { ok: true, header: { alg: 'ES256', jwk: publicJwk }, thumbprint: await jwkThumbprint(publicJwk, primitives) };
}
