/**
 * Preference tokens: what a business puts in the preference link of its
 * messages. A compact JWS by the receiver's own key (the one in
 * `/.well-known/jwks.json`), typed `optin-preferences+jws` so a receipt can
 * never pass for one, bound to one subject and expiring. Whoever holds it may
 * read that subject's current state; nobody needs one to stop messages.
 */
import type { RecordSubject } from '../core/record/consent-record.js';
import { base64UrlDecode, base64UrlEncode, utf8Bytes, utf8Text } from '../core/record/encoding.js';
import type { ReceiverKey } from './receiver-key.js';
import { BSUID_PATTERN, E164_PATTERN } from '../core/phone/identifier-patterns.js';

const TOKEN_TYPE = 'optin-preferences+jws';
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** 30 days: long enough for a link in a monthly newsletter. */
export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface PreferenceTokenClaims {
  /** The subject the token lets its holder see and change. */
  sub: RecordSubject;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
}

export type PreferenceTokenCheck = { ok: true; claims: PreferenceTokenClaims } | { ok: false; code: 'token-invalid' | 'token-expired'; message: string };

const PHONE = E164_PATTERN;
const BSUID = BSUID_PATTERN;

/** Checks a subject before a token is issued for it: a token for a malformed subject would match nothing. */
export function subjectProblem(subject: RecordSubject): string | undefined {
  if (!subject.phone && !subject.bsuid) return 'the subject needs a phone (E.164) or a bsuid';
  if (subject.phone !== undefined && !PHONE.test(subject.phone)) return 'phone must be E.164, e.g. +4915123456789';
  if (subject.bsuid !== undefined && !BSUID.test(subject.bsuid)) return 'bsuid must look like US.13491208655302741918';
  return undefined;
}

export async function issuePreferenceToken(key: ReceiverKey, subject: RecordSubject, options: { ttlSeconds?: number; now?: Date } = {}): Promise<string> {
  const problem = subjectProblem(subject);
  if (problem) throw new TypeError(problem);
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const sub: RecordSubject = {};
  if (subject.phone) sub.phone = subject.phone;
  if (subject.bsuid) sub.bsuid = subject.bsuid;
  const claims: PreferenceTokenClaims = { sub, iat, exp: iat + (options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS) };
  const header = base64UrlEncode(utf8Bytes(JSON.stringify({ alg: 'ES256', kid: key.publicJwk.kid, typ: TOKEN_TYPE })));
  const payload = base64UrlEncode(utf8Bytes(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign(ES256, key.privateKey, utf8Bytes(`${header}.${payload}`));
  return `${header}.${payload}.${base64UrlEncode(new Uint8Array(signature))}`;
}

function decodeJson(part: string | undefined): unknown {
  const bytes = part ? base64UrlDecode(part) : undefined;
  if (!bytes) return undefined;
  try {
    return JSON.parse(utf8Text(bytes));
  } catch {
    return undefined;
  }
}

/** Never throws: anything that is not a valid, unexpired token of this receiver is refused with a reason. */
export async function verifyPreferenceToken(key: ReceiverKey, token: unknown, now = new Date()): Promise<PreferenceTokenCheck> {
  const invalid = (message: string): PreferenceTokenCheck => ({ ok: false, code: 'token-invalid', message });
  if (typeof token !== 'string' || token.length > 4096) return invalid('the preference token is missing or too long');
  const [header, payload, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !header || !payload || !signature) return invalid('the preference token is not a compact JWS');
  const parsedHeader = decodeJson(header) as { alg?: unknown; typ?: unknown; kid?: unknown } | undefined;
  // Any key still published: links sent before a key rotation keep working until they expire.
  const issuer = (key.publishedJwks ?? [key.publicJwk]).find((k) => k.kid === parsedHeader?.kid);
  if (parsedHeader?.alg !== 'ES256' || parsedHeader.typ !== TOKEN_TYPE || !issuer) {
    return invalid('the preference token was not issued by this receiver');
  }
  const signatureBytes = base64UrlDecode(signature);
  if (!signatureBytes || signatureBytes.length !== 64) return invalid('the preference token signature is malformed');
  const publicKey = await crypto.subtle.importKey('jwk', { ...issuer, ext: true }, ECDSA_P256, true, ['verify']);
  if (!(await crypto.subtle.verify(ES256, publicKey, signatureBytes, utf8Bytes(`${header}.${payload}`)))) {
    return invalid('the preference token signature does not match');
  }
  const claims = decodeJson(payload) as PreferenceTokenClaims | undefined;
  if (!claims || typeof claims.exp !== 'number' || typeof claims.sub !== 'object' || claims.sub === null || subjectProblem(claims.sub)) {
    return invalid('the preference token claims are malformed');
  }
  if (claims.exp * 1000 <= now.getTime()) {
    return { ok: false, code: 'token-expired', message: 'the preference link has expired: ask for a new one' };
  }
  return { ok: true, claims };
}
