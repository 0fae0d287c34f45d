/**
 * Checks a change notification from `optin-elements serve --notify URL` before trusting it. Needs
 * nothing but Node (WebCrypto and Buffer): copy it into the service that receives the pushes.
 *
 * The receiver signs the exact body bytes with its receipt key: `Optin-Signature` is a detached JWS
 * (ES256) whose protected header names the key (`kid`, published at `/.well-known/jwks.json`), the
 * URL it was sent to and the event id (also the `Idempotency-Key`). Check all three, on the raw
 * body, before parsing it.
 */

export interface ReceiverJwks {
  keys: Array<{ kty: string; crv?: string; x?: string; y?: string; kid?: string }>;
}

export interface ChangeNotification {
  id: string;
  cursor: string;
  at: string;
  kind: string;
  subject: { phone?: string; bsuid?: string };
  /** The person's other identifiers the change also applies to. */
  linked?: Array<{ phone?: string; bsuid?: string }>;
  categories: Array<{ id: string; granted: boolean }>;
  recordId?: string;
  capturedAt?: string;
}

export type NotificationCheck = { ok: true; event: ChangeNotification } | { ok: false; reason: string };

export async function verifyChangeNotification(
  /** The body exactly as received, before any JSON parsing. */
  body: Uint8Array,
  headers: { signature: string | null; idempotencyKey: string | null },
  /** The receiver's `/.well-known/jwks.json`. */
  jwks: ReceiverJwks,
  /** This endpoint's URL exactly as given to `--notify`. */
  ownUrl: string,
): Promise<NotificationCheck> {
  const [encodedHeader, detached, encodedSignature, ...rest] = (headers.signature ?? '').split('.');
  if (!encodedHeader || detached !== '' || !encodedSignature || rest.length > 0) return { ok: false, reason: 'no detached JWS in Optin-Signature' };
  let header: { alg?: unknown; typ?: unknown; kid?: unknown; url?: unknown; id?: unknown };
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'the signature header is not JSON' };
  }
  if (header.alg !== 'ES256' || header.typ !== 'optin-change+jws') return { ok: false, reason: 'not an ES256 change notification' };
  if (header.url !== ownUrl) return { ok: false, reason: `signed for ${String(header.url)}, not for this endpoint` };
  if (typeof header.id !== 'string' || header.id !== headers.idempotencyKey) return { ok: false, reason: 'the Idempotency-Key is not the signed event id' };
  const jwk = jwks.keys.find((k) => k.kid === header.kid && k.kty === 'EC' && k.crv === 'P-256');
  if (!jwk) return { ok: false, reason: `no key ${String(header.kid)} in the receiver's JWKS` };
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const signingInput = new TextEncoder().encode(`${encodedHeader}.${Buffer.from(body).toString('base64url')}`);
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (!(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signingInput)))
    return { ok: false, reason: 'the signature does not match the body' };
  const event = JSON.parse(Buffer.from(body).toString('utf8')) as ChangeNotification;
  if (event.id !== header.id) return { ok: false, reason: 'the body is another event than the signed id' };
  return { ok: true, event };
}
