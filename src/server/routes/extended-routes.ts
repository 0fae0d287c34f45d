/**
 * Dispatch for the routes beyond `POST /consents`: the preference centre's
 * state, the business's token and audit routes, the WhatsApp webhook.
 * Returns `undefined` for any other path, so the handler goes on.
 */
import { handleAdminRequest } from './admin-routes.js';
import { handleLogRequest } from './log-routes.js';
import { isReviewRoute } from './review-routes.js';
import { handlePreferencesRequest } from './preferences-route.js';
import type { RouteContext } from './route-context.js';
import { handleWhatsAppWebhook } from './whatsapp-webhook-route.js';

export { createRouteState, type RouteContext, type RouteState, type WhatsAppWebhookOptions } from './route-context.js';

/** `route` is the request path without the base path. */
export async function handleExtendedRoute(request: Request, route: string, context: RouteContext): Promise<Response | undefined> {
  if (route === '/preferences') return handlePreferencesRequest(request, context);
  if (
    route === '/preference-tokens' ||
    route === '/inbound-messages' ||
    route === '/thread-prompts' ||
    route === '/audit/ledger' ||
    route === '/audit/subject' ||
    route === '/audit/funnel' ||
    route === '/may-send' ||
    route === '/changes' ||
    route === '/subjects/erase' ||
    isReviewRoute(route)
  ) {
    return handleAdminRequest(request, route, context);
  }
  if (route === '/webhooks/whatsapp') return handleWhatsAppWebhook(request, context);
  if (route.startsWith('/log/')) return handleLogRequest(request, route, context);
  return undefined;
}
