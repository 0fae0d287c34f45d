/**
 * `GET /preferences` with `Authorization: Bearer <preference token>`: the
 * subject's current state per category, derived from the ledger. Only token
 * holders read state; stopping needs no token (it goes to `POST /consents`).
 */
import { verifyPreferenceToken } from '../preference-tokens.js';
import { loadSubjectState } from '../subject-state.js';
import { bearerToken } from './bearer-secret.js';
import { errorResponse, jsonResponse } from './json-response.js';
import type { RouteContext } from './route-context.js';
import { receiverKidsOf } from '../receiver-key.js';
import { findErasure } from '../erasure/find-erasure.js';

export async function handlePreferencesRequest(request: Request, context: RouteContext): Promise<Response> {
  const { cors } = context;
  if (request.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization',
        'Access-Control-Max-Age': '86400',
      },
    });
  }
  if (request.method !== 'GET') {
    return errorResponse(405, 'method-not-allowed', 'use GET with Authorization: Bearer <preference token>', { ...cors, Allow: 'GET, OPTIONS' });
  }
  const token = bearerToken(request);
  if (!token) {
    return errorResponse(401, 'token-missing', 'send the preference token as Authorization: Bearer <token>', cors);
  }
  const key = await context.key();
  const check = await verifyPreferenceToken(key, token, context.now());
  if (!check.ok) return errorResponse(401, check.code, check.message, cors);
  const state = await loadSubjectState(context.store, check.claims.sub, receiverKidsOf(key), context.categories);
  const erasure = await findErasure(context.store, key, check.claims.sub);
  return jsonResponse(
    200,
    {
      // An erased person with nothing stored since: nothing personal is shown, only that it was erased.
      ...(erasure && state.categories.length === 0 ? {} : { subject: state.subject }),
      ...(erasure ? { erased: { at: erasure.erasedAt } } : {}),
      // Labels from the business's registry only: a posted record's labels are never shown.
      // Linked identities stay in the admin audit: a link "named together" may be a stranger's, never shown to a token holder.
      categories: state.categories.map(({ id, label, granted, effect, since, confirmed }) => ({
        id,
        ...(label !== undefined ? { label } : {}),
        granted,
        effect,
        since,
        confirmed,
      })),
      confirmed: state.confirmed,
      updatedAt: state.updatedAt ?? null,
      tokenExpiresAt: new Date(check.claims.exp * 1000).toISOString(),
    },
    cors,
  );
}
