/**
 * How a change notification is signed: a detached JWS (RFC 7515 appendix F) over the exact body
 * bytes, by the receiver's receipt key (ES256), sent as `Optin-Signature: <header>..<signature>`.
 * Anyone verifies it with the receiver's `/.well-known/jwks.json` (the header's `kid`), no shared
 * secret to hand out or rotate. The protected header also names the target URL and the event id,
 * so a notification replayed to another endpoint, or under another Idempotency-Key, is refused.
 */
import { base64UrlEncode, utf8Bytes } from '../../core/record/encoding.js';
import { type ReceiverKey, signWithReceiptKey } from '../receiver-key.js';

export const NOTIFICATION_SIGNATURE_HEADER = 'Optin-Signature';
export const NOTIFICATION_JWS_TYPE = 'optin-change+jws';

export interface NotificationHeader {
  alg: 'ES256';
  kid: string;
  typ: typeof NOTIFICATION_JWS_TYPE;
  /** The URL the notification was sent to, exactly as configured (`--notify URL`). */
  url: string;
  /** The event id, also the `Idempotency-Key`. */
  id: string;
}

export async function signChangeNotification(key: ReceiverKey, body: Uint8Array, target: { url: string; id: string }): Promise<string> {
  const header: NotificationHeader = { alg: 'ES256', kid: key.publicJwk.kid, typ: NOTIFICATION_JWS_TYPE, url: target.url, id: target.id };
  const encodedHeader = base64UrlEncode(utf8Bytes(JSON.stringify(header)));
  const signature = await signWithReceiptKey(key, utf8Bytes(`${encodedHeader}.${base64UrlEncode(body)}`));
  return `${encodedHeader}..${base64UrlEncode(signature)}`;
}
