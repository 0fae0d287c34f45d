/**
 * `/webhooks/whatsapp`: the callback URL for a WhatsApp Cloud API app.
 * - `GET` answers Meta's subscription handshake (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`).
 * - `POST` takes message notifications signed with the app secret
 *   (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`); each inbound
 *   text is checked for a double opt-in code, then for a STOP or resume keyword.
 * A verified delivery is journalled as received, then each message in it is processed on its own
 * (`inbound-journal.ts`): a malformed message is answered `action: "rejected"` with its reason
 * beside the others' results. Answers 200 for every well-formed, correctly signed notification,
 * even one it ignores or partly rejects, so the platform does not retry it; 500 only when a
 * message failed inside the receiver, so the platform's redelivery processes it again. A
 * re-delivered message finds its record stored.
 */
import { receiveDelivery } from '../inbound-journal.js';
import { webhookSignature } from '../whatsapp-webhook-signature.js';
import { secretsEqual } from './bearer-secret.js';
import { errorResponse, jsonResponse, readBodyText } from './json-response.js';
import type { RouteContext, WhatsAppWebhookOptions } from './route-context.js';

const MAX_WEBHOOK_BYTES = 1024 * 1024;

function handshake(request: Request, options: WhatsAppWebhookOptions): Response {
  const params = new URL(request.url).searchParams;
  const challenge = params.get('hub.challenge');
  if (params.get('hub.mode') !== 'subscribe' || !challenge || !options.verifyToken || params.get('hub.verify_token') !== options.verifyToken) {
    return errorResponse(403, 'verify-token-mismatch', 'hub.verify_token does not match the configured verify token');
  }
  return new Response(challenge, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export async function handleWhatsAppWebhook(request: Request, context: RouteContext): Promise<Response> {
  const options = context.whatsapp;
  if (!options?.appSecret) {
    return errorResponse(404, 'not-found', 'the WhatsApp webhook is off: configure whatsapp.appSecret (--whatsapp-app-secret)');
  }
  if (request.method === 'GET') return handshake(request, options);
  if (request.method !== 'POST') return errorResponse(405, 'method-not-allowed', 'use GET or POST', { Allow: 'GET, POST' });
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  const body = declared > MAX_WEBHOOK_BYTES ? undefined : await readBodyText(request, MAX_WEBHOOK_BYTES);
  if (body === undefined) return errorResponse(413, 'body-too-large', `the body is larger than ${MAX_WEBHOOK_BYTES} bytes or not UTF-8`);
  const signature = request.headers.get('X-Hub-Signature-256') ?? '';
  if (!(await secretsEqual(signature.toLowerCase(), await webhookSignature(options.appSecret, body)))) {
    return errorResponse(401, 'signature-invalid', 'X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body with the app secret');
  }
  try {
    JSON.parse(body);
  } catch {
    return errorResponse(400, 'invalid-json', 'the body is not JSON');
  }
  const key = await context.key();
  const { results, pending } = await receiveDelivery(context.store, key, 'whatsapp', body, context.now(), {
    ...options,
    codeIndex: context.routeState.codeIndex,
    categories: context.categories,
    stopWords: context.stopWords,
  });
  if (pending > 0) {
    // Not a client error: the platform retries a non-200, and its redelivery finds the journal entry.
    return errorResponse(
      500,
      'internal-error',
      `the delivery is journalled; ${pending} of its messages failed inside the receiver and will be processed again (on redelivery, at restart, or by optin-elements reprocess-inbound)`,
    );
  }
  return jsonResponse(200, { received: results.length, results });
}
