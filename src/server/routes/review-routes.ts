/**
 * The review queue of possible opt-outs, behind the admin token (checked by `admin-routes.ts`):
 * - `GET /audit/review[?after=<id>&limit=<n>]` → `{items, next}`: open entries, oldest first;
 *   `next` is the `after` of the following page (absent on the last one);
 * - `POST /audit/review/<id>` `{"decision": "opt-out" | "not-an-opt-out"}` → `{item, created}`.
 */
import { settleReview } from '../review/settle-review.js';
import { errorResponse, jsonResponse, readBodyText } from './json-response.js';
import type { RouteContext } from './route-context.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const ID = /^[1-9][0-9]{0,14}$/;

export function isReviewRoute(route: string): boolean {
  return route === '/audit/review' || route.startsWith('/audit/review/');
}

function wholeNumber(value: string | null, fallback: number, min: number, max: number): number | undefined {
  if (value === null) return fallback;
  if (!/^[0-9]{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

async function listOpen(request: Request, context: RouteContext): Promise<Response> {
  const url = new URL(request.url);
  const after = wholeNumber(url.searchParams.get('after'), 0, 0, Number.MAX_SAFE_INTEGER);
  if (after === undefined) return errorResponse(400, 'after-invalid', 'after must be the id of the last entry of the previous page (a whole number)');
  const limit = wholeNumber(url.searchParams.get('limit'), DEFAULT_PAGE, 1, MAX_PAGE);
  if (limit === undefined) return errorResponse(400, 'limit-invalid', `limit must be a whole number from 1 to ${MAX_PAGE}`);
  // One more than asked: whether there is a next page, without a second query.
  const items = await context.store.listOpenReviewItems!({ afterId: after, limit: limit + 1 });
  const page = items.slice(0, limit);
  return jsonResponse(200, { items: page, ...(items.length > limit ? { next: page.at(-1)!.id } : {}) });
}

async function decide(request: Request, id: string, context: RouteContext): Promise<Response> {
  if (!ID.test(id)) return errorResponse(404, 'review-not-found', 'a review id is a whole number from 1, as listed by GET /audit/review');
  const text = await readBodyText(request, 1024);
  if (text === undefined) return errorResponse(413, 'body-too-large', 'the body is larger than 1024 bytes or not UTF-8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, 'invalid-json', 'send {"decision": "opt-out"} or {"decision": "not-an-opt-out"} as JSON');
  }
  const decision = typeof body === 'object' && body !== null ? (body as { decision?: unknown }).decision : undefined;
  if (decision !== 'opt-out' && decision !== 'not-an-opt-out') {
    return errorResponse(422, 'decision-invalid', 'decision must be "opt-out" or "not-an-opt-out"');
  }
  const outcome = await settleReview(context.store, await context.key(), Number(id), decision, context.now(), {
    ...context.whatsapp,
    categories: context.categories,
  });
  if (!outcome.ok) return errorResponse(outcome.status, outcome.code, outcome.message);
  return jsonResponse(200, { item: outcome.item, created: outcome.created });
}

/** `route` is `/audit/review` or `/audit/review/<id>`; the caller has checked the admin token. */
export async function handleReviewRequest(request: Request, route: string, context: RouteContext): Promise<Response> {
  if (!context.store.listOpenReviewItems) return errorResponse(501, 'review-unsupported', 'this store keeps no review queue');
  if (route === '/audit/review') {
    if (request.method !== 'GET') return errorResponse(405, 'method-not-allowed', 'use GET', { Allow: 'GET' });
    return listOpen(request, context);
  }
  if (request.method !== 'POST') return errorResponse(405, 'method-not-allowed', 'use POST', { Allow: 'POST' });
  return decide(request, route.slice('/audit/review/'.length), context);
}
