/** `GET /changes?after=CURSOR&limit=N` (admin bearer): one page of the change feed (`changes/change-feed.ts`). */
import { parseChangeCursor, parseChangeLimit, readChanges } from '../changes/change-feed.js';
import { receiverKidsOf } from '../receiver-key.js';
import { errorResponse, jsonResponse } from './json-response.js';
import type { RouteContext } from './route-context.js';

const KNOWN_PARAMETERS = new Set(['after', 'limit']);

export async function handleChangesRequest(request: Request, context: RouteContext): Promise<Response> {
  if (request.method !== 'GET') return errorResponse(405, 'method-not-allowed', 'use GET', { Allow: 'GET' });
  const query = new URL(request.url).searchParams;
  for (const name of query.keys()) {
    // A misspelt "afer" would silently read from the start.
    if (!KNOWN_PARAMETERS.has(name)) return errorResponse(400, 'parameter-unknown', `unknown query parameter "${name.slice(0, 40)}": use after and limit`);
  }
  if (query.getAll('after').length > 1 || query.getAll('limit').length > 1)
    return errorResponse(400, 'parameter-repeated', 'give after and limit at most once each');
  const after = parseChangeCursor(query.get('after'));
  if (typeof after !== 'number') return errorResponse(400, after.code, after.message);
  const limit = parseChangeLimit(query.get('limit'));
  if (typeof limit !== 'number') return errorResponse(400, limit.code, limit.message);
  const page = await readChanges(context.store, receiverKidsOf(await context.key()), {
    after,
    limit,
    ...(context.categories ? { categories: context.categories } : {}),
  });
  if ('code' in page) return errorResponse(400, page.code, page.message);
  return jsonResponse(200, page);
}
