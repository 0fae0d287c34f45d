/**
 * Recipe: a serverless route (any runtime with `Request`/`Response`: Vercel, Netlify,
 * Cloudflare Workers, Deno, Bun) that verifies and stores each record with the
 * optin-elements handler, then forwards the plain JSON record to a no-code catch
 * hook (Zapier, Make, n8n). The browser never talks to the hook, so the hook needs
 * no CORS set-up and its secret URL stays on the server.
 */
import { type ConsentHandlerOptions, createConsentHandler } from 'optin-elements/server';

/** The handler's options (`store`, `allowedOrigins`, …) and the hook to forward to. */
export interface WebhookRelayOptions extends ConsentHandlerOptions {
  /** The catch hook, e.g. https://hooks.zapier.com/hooks/catch/123/abc/ */
  hookUrl: string;
}

export function createWebhookRelay({ hookUrl, ...handlerOptions }: WebhookRelayOptions) {
  const handler = createConsentHandler(handlerOptions);
  return async (request: Request): Promise<Response> => {
    const body = request.method === 'POST' ? await request.clone().text() : '';
    const response = await handler(request);
    // 201 = verified and stored for the first time; a retried duplicate (200) is not forwarded again.
    if (response.status === 201) {
      const forwarded = await fetch(hookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).catch((error: unknown) => error);
      if (!(forwarded instanceof Response) || !forwarded.ok) console.error('[relay] the hook did not take the record; it is in the ledger', forwarded);
    }
    return response;
  };
}
