/**
 * The business's own routes, behind `Authorization: Bearer <adminToken>`:
 * - `POST /preference-tokens` `{phone?, bsuid?, ttlSeconds?}` → `{token, expiresAt}` for a preference link;
 * - `GET /audit/ledger[?format=csv]` → the whole ledger, each record re-verified, and the chain check, streamed;
 * - `GET /audit/subject?phone=…|bsuid=…[&format=csv]` → one person's full history, the same way;
 * - `POST /inbound-messages` `{channel, messageId, phone?, bsuid?, text, sentAt?}` → a reply that
 *   reached the business another way (an SMS provider's webhook): STOP and resume words, confirmation codes;
 * - `GET /audit/review`, `POST /audit/review/<id>` → possible opt-outs to decide (`review-routes.ts`);
 * - `GET /may-send`, `POST /may-send` → may this person get this message now, and why (`may-send-route.ts`).
 * - `GET /changes?after=CURSOR&limit=N` → the ordered feed of consent changes (`changes-route.ts`).
 * - `POST /subjects/erase` `{phone?, bsuid?}` → erases a person, keeping a suppression entry (`erasure-route.ts`).
 * - `POST /thread-prompts` → a WhatsApp thread opt-in prompt, issued and kept (`thread-prompt-route.ts`).
 * Off (403) when the receiver has no admin token configured. The token must be at least 32
 * characters; wrong tokens from one address are slowed (see `admin-auth-throttle.ts`).
 */
import type { RecordSubject } from '../../core/record/consent-record.js';
import { auditCsv, type AuditExport, exportSubjectHistory } from '../audit-export.js';
import { ledgerAuditResponse } from '../audit-ledger-response.js';
import { DEFAULT_TOKEN_TTL_SECONDS, issuePreferenceToken, subjectProblem } from '../preference-tokens.js';
import { normalizeSubjectPhone } from '../phone-normalization.js';
import { processInboundMessage } from '../process-inbound-message.js';
import { bearerToken, secretsEqual } from './bearer-secret.js';
import { funnelReport } from '../../core/notice/funnel-events.js';
import { errorResponse, jsonResponse, readBodyText } from './json-response.js';
import type { RouteContext } from './route-context.js';
import { handleReviewRequest, isReviewRoute } from './review-routes.js';
import { handleMaySendRequest } from './may-send-route.js';
import { handleChangesRequest } from './changes-route.js';
import { issueThreadPrompt } from './thread-prompt-route.js';
import { CHANNEL_PATTERN } from '../../core/phone/identifier-patterns.js';
import { handleErasureRequest } from './erasure-route.js';

const MAX_TTL_SECONDS = 366 * 24 * 3600;
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** Why an admin token is too weak to start with, or `undefined`. */
export function adminTokenProblem(token: string): string | undefined {
  if (token.length >= MIN_ADMIN_TOKEN_LENGTH) return undefined;
  return (
    `the admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (this one has ${token.length}): ` +
    `make one with  openssl rand -hex 32  or  node -e "console.log(require('node:crypto').randomBytes(32).toString('hex'))"`
  );
}

async function authorized(request: Request, context: RouteContext): Promise<Response | undefined> {
  if (!context.adminToken) {
    return errorResponse(403, 'admin-not-configured', 'start the receiver with an admin token (adminToken / --admin-token) to use this route');
  }
  const throttle = context.routeState.adminThrottle;
  const address = context.clientAddress ?? 'unknown';
  const nowMs = context.now().getTime();
  const wait = throttle.retryAfterSeconds(address, nowMs);
  if (wait > 0) {
    // Answered before the token is compared: a guess made while locked out learns nothing.
    return errorResponse(429, 'admin-auth-throttled', `too many wrong admin tokens from this address; retry after ${wait} s`, {
      'Retry-After': String(wait),
    });
  }
  const given = bearerToken(request);
  if (!given || !(await secretsEqual(given, context.adminToken))) {
    // A request with no token at all guesses nothing, so only wrong tokens count.
    if (given) throttle.failed(address, nowMs);
    return errorResponse(401, 'admin-token-required', 'send the admin token as Authorization: Bearer <token>', {
      'WWW-Authenticate': 'Bearer',
    });
  }
  throttle.succeeded(address);
  return undefined;
}

function auditAnswer(audit: AuditExport, format: string | null, filename: string): Response {
  if (format === 'csv') {
    return new Response(auditCsv(audit), {
      status: 200,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}.csv"`,
        'Cache-Control': 'no-store',
        'X-Optin-Chain-Ok': String(audit.chain.ok),
      },
    });
  }
  return jsonResponse(200, audit);
}

async function issueToken(request: Request, context: RouteContext): Promise<Response> {
  const text = await readBodyText(request, 4096);
  if (text === undefined) return errorResponse(413, 'body-too-large', 'the body is larger than 4096 bytes or not UTF-8');
  let body: { phone?: unknown; bsuid?: unknown; ttlSeconds?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, 'invalid-json', 'send {"phone": "+4915123456789"} or {"bsuid": "US.1349…"} as JSON');
  }
  if (typeof body !== 'object' || body === null) return errorResponse(400, 'invalid-json', 'the body must be a JSON object');
  const subject: RecordSubject = {};
  if (body.phone !== undefined) subject.phone = String(body.phone);
  if (body.bsuid !== undefined) subject.bsuid = String(body.bsuid);
  const problem = subjectProblem(subject);
  if (problem) return errorResponse(422, 'subject-invalid', problem);
  const normalized = normalizeSubjectPhone(subject);
  if (!normalized.ok) return errorResponse(422, 'phone-invalid', normalized.message);
  const ttlSeconds = body.ttlSeconds === undefined ? DEFAULT_TOKEN_TTL_SECONDS : Number(body.ttlSeconds);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > MAX_TTL_SECONDS) {
    return errorResponse(422, 'ttl-invalid', `ttlSeconds must be a whole number from 60 to ${MAX_TTL_SECONDS}`);
  }
  const now = context.now();
  const token = await issuePreferenceToken(await context.key(), normalized.subject, { ttlSeconds, now });
  return jsonResponse(201, { token, subject: normalized.subject, expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString() });
}

const CHANNEL = CHANNEL_PATTERN;

async function receiveInboundMessage(request: Request, context: RouteContext): Promise<Response> {
  const text = await readBodyText(request, 16 * 1024);
  if (text === undefined) return errorResponse(413, 'body-too-large', 'the body is larger than 16 KiB or not UTF-8');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, 'invalid-json', 'send {"channel": "sms", "messageId": "…", "phone": "+49…", "text": "STOP"} as JSON');
  }
  if (typeof body !== 'object' || body === null) return errorResponse(400, 'invalid-json', 'the body must be a JSON object');
  const { channel = 'sms', messageId, text: message, sentAt } = body;
  const subject: RecordSubject = {};
  if (body.phone !== undefined) subject.phone = String(body.phone);
  if (body.bsuid !== undefined) subject.bsuid = String(body.bsuid);
  const problem =
    subjectProblem(subject) ??
    (typeof channel !== 'string' || !CHANNEL.test(channel) ? 'channel must be a name such as "sms"' : undefined) ??
    (typeof messageId !== 'string' || !messageId || messageId.length > 256 ? "messageId must be the provider's message id (1 to 256 characters)" : undefined) ??
    (typeof message !== 'string' || !message || message.length > 4096 ? 'text must be the message as received (1 to 4096 characters)' : undefined) ??
    (sentAt !== undefined && (typeof sentAt !== 'string' || Number.isNaN(Date.parse(sentAt))) ? 'sentAt must be an ISO 8601 time' : undefined);
  if (problem) return errorResponse(422, 'inbound-invalid', problem);
  const normalized = normalizeSubjectPhone(subject);
  if (!normalized.ok) return errorResponse(422, 'phone-invalid', normalized.message);
  const outcome = await processInboundMessage(
    context.store,
    await context.key(),
    {
      channel: channel as string,
      messageId: messageId as string,
      subject: normalized.subject,
      text: message as string,
      ...(typeof sentAt === 'string' ? { sentAt: new Date(sentAt).toISOString() } : {}),
    },
    context.now(),
    { ...context.whatsapp, codeIndex: context.routeState.codeIndex, categories: context.categories, stopWords: context.stopWords },
  );
  return jsonResponse(200, { messageId, ...outcome });
}

/** `route` is the path after the base path. */
export async function handleAdminRequest(request: Request, route: string, context: RouteContext): Promise<Response> {
  const refused = await authorized(request, context);
  if (refused) return refused;
  if (isReviewRoute(route)) return handleReviewRequest(request, route, context);
  if (route === '/may-send') return handleMaySendRequest(request, context);
  if (route === '/changes') return handleChangesRequest(request, context);
  if (route === '/subjects/erase') return handleErasureRequest(request, context);
  const url = new URL(request.url);
  const format = url.searchParams.get('format');
  if (format !== null && format !== 'json' && format !== 'csv') {
    return errorResponse(400, 'format-invalid', 'format must be json or csv');
  }
  if (route === '/preference-tokens' || route === '/inbound-messages' || route === '/thread-prompts') {
    if (request.method !== 'POST') return errorResponse(405, 'method-not-allowed', 'use POST', { Allow: 'POST' });
    if (route === '/thread-prompts') return issueThreadPrompt(request, context);
    return route === '/preference-tokens' ? issueToken(request, context) : receiveInboundMessage(request, context);
  }
  if (request.method !== 'GET') return errorResponse(405, 'method-not-allowed', 'use GET', { Allow: 'GET' });
  if (route === '/audit/funnel') {
    // The funnel report as `optin-elements report --format json` prints it.
    const since = url.searchParams.get('since') ?? undefined;
    if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) return errorResponse(400, 'since-invalid', 'since must be a day, YYYY-MM-DD');
    return jsonResponse(200, { rows: funnelReport((await context.store.listFunnelCounts?.()) ?? [], since) });
  }
  const key = await context.key();
  // Streamed page by page, off the request path where the platform allows (audit-ledger-response.ts).
  if (route === '/audit/ledger') return ledgerAuditResponse(context.store, key, format === 'csv' ? 'csv' : 'json', context.now(), context.auditExports);
  const subject: RecordSubject = {};
  const phone = url.searchParams.get('phone');
  const bsuid = url.searchParams.get('bsuid');
  if (phone !== null) subject.phone = phone.replace(/^ /, '+').trim(); // an unencoded + arrives as a space
  if (bsuid !== null) subject.bsuid = bsuid.trim();
  const problem = subjectProblem(subject);
  if (problem) return errorResponse(422, 'subject-invalid', `${problem} (query: ?phone=%2B4915123456789 or ?bsuid=…)`);
  const normalized = normalizeSubjectPhone(subject);
  if (!normalized.ok) return errorResponse(422, 'phone-invalid', normalized.message);
  return auditAnswer(
    await exportSubjectHistory(context.store, key, normalized.subject, context.now(), { ...(context.categories ? { categories: context.categories } : {}) }),
    format,
    'consent-history',
  );
}
