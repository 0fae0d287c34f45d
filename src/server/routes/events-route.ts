/**
 * `POST /events`: the funnel report's anonymous counts from `<optin-form events-url>` (views,
 * dismissals, submissions per form and variant). Validated strictly, rate-limited per address
 * like the other public routes (a bucket of its own, so counting never spends a person's budget
 * for sending their consent), and stored as sums per day, form and variant: the address is used
 * for the rate limit in memory only and never stored.
 */
import { countFunnelEvents, readFunnelBatch } from '../../core/notice/funnel-events.js';
import type { ConsentStore } from '../consent-store.js';
import type { RateDecision } from '../rate-limiter.js';
import { errorResponse, readBodyText } from './json-response.js';

/** A page's batch is small; 8 KiB holds 100 events of the longest names. */
export const MAX_EVENTS_BODY_BYTES = 8 * 1024;

export interface EventsRouteContext {
  store: ConsentStore;
  cors: Record<string, string>;
  now: () => Date;
  /** Takes one request from this client's budget (`undefined`: no limit). */
  take: () => RateDecision | undefined;
}

function mediaTypeOf(request: Request): string {
  return (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
}

export async function handleEventsRequest(request: Request, context: EventsRouteContext): Promise<Response> {
  const { cors, store } = context;
  if (request.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: { ...cors, 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '86400' },
    });
  }
  if (request.method !== 'POST') return errorResponse(405, 'method-not-allowed', 'use POST', { ...cors, Allow: 'POST, OPTIONS' });
  if (!store.addFunnelCounts) return errorResponse(404, 'events-off', "this receiver's store keeps no funnel counts", cors);
  const decision = context.take();
  if (decision && !decision.allowed) {
    return errorResponse(429, 'rate-limited', `too many requests from this address; retry after ${decision.retryAfterSeconds} s`, {
      ...cors,
      'Retry-After': String(decision.retryAfterSeconds),
    });
  }
  // text/plain is what navigator.sendBeacon sends without a CORS preflight.
  const type = mediaTypeOf(request);
  if (type !== 'application/json' && type !== 'text/plain') {
    return errorResponse(415, 'unsupported-media-type', 'send the events as Content-Type: application/json (or text/plain)', cors);
  }
  if ((Number(request.headers.get('Content-Length') ?? '0') || 0) > MAX_EVENTS_BODY_BYTES) {
    return errorResponse(413, 'body-too-large', `the body is larger than ${MAX_EVENTS_BODY_BYTES} bytes`, cors);
  }
  const text = await readBodyText(request, MAX_EVENTS_BODY_BYTES).catch(() => undefined);
  if (text === undefined) return errorResponse(413, 'body-too-large', `the body is larger than ${MAX_EVENTS_BODY_BYTES} bytes, or not UTF-8`, cors);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, 'invalid-json', 'the body is not valid JSON', cors);
  }
  const batch = readFunnelBatch(body);
  if ('problem' in batch) return errorResponse(422, 'events-invalid', batch.problem, cors);
  await store.addFunnelCounts(countFunnelEvents(batch.events, context.now().toISOString().slice(0, 10)));
  return new Response(null, { status: 204, headers: { ...cors, 'Cache-Control': 'no-store' } });
}
