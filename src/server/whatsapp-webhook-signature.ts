/**
 * The `X-Hub-Signature-256` of a WhatsApp Cloud API delivery: `sha256=` and the hex HMAC-SHA256 of
 * the raw body with the app secret. WebCrypto only, so a relay, a test page or an edge function can
 * sign or check a delivery without loading the receiver.
 */
import { hex, utf8Bytes } from '../core/record/encoding.js';

export async function webhookSignature(appSecret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8Bytes(appSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return `sha256=${hex(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8Bytes(body))))}`;
}
