import { type AdminAuthThrottle, createAdminAuthThrottle } from '../admin-auth-throttle.js';
import { ConfirmationCodeIndex } from '../confirmation-code-index.js';
import type { CategoryRegistry } from '../category-registry.js';
import type { ConsentStore } from '../consent-store.js';
import type { InboundOptions } from '../process-inbound-message.js';
import type { CheckpointPublisher } from '../log/checkpoint-publisher.js';
import type { ReceiverKey } from '../receiver-key.js';
import type { AuditExportRunner } from '../audit-ledger-response.js';

/** WhatsApp Cloud API webhook settings: the route is off unless `appSecret` is set. */
export interface WhatsAppWebhookOptions extends InboundOptions {
  /** The app secret: every POST must carry `X-Hub-Signature-256: sha256=<HMAC of the body>`. */
  appSecret: string;
  /** The verify token configured in Meta's dashboard, for the `GET` subscription handshake. */
  verifyToken?: string;
}

/** What the preference, audit and webhook routes need from the handler. */
export interface RouteContext {
  store: ConsentStore;
  key: () => Promise<ReceiverKey>;
  now: () => Date;
  /** CORS headers for this request's origin (already allowed). */
  cors: Record<string, string>;
  /** Bearer secret for issuing tokens and exporting audits; those routes are off without it. */
  adminToken?: string;
  whatsapp?: WhatsAppWebhookOptions;
  /** The business's configured categories: labels shown to people come only from here. */
  categories?: CategoryRegistry;
  /** The business's own stop keywords. */
  stopWords?: string[];
  /** Signs the log's checkpoints (the `/log/*` routes). */
  checkpoints?: CheckpointPublisher;
  /** What the routes keep between requests (one per handler). */
  routeState: RouteState;
  /** Where whole-ledger exports run, when not in this thread (see `ConsentHandlerOptions.auditExports`). */
  auditExports?: AuditExportRunner;
  /** The client's address (from the platform), for slowing failed admin authentications. */
  clientAddress?: string;
}

export interface RouteState {
  codeIndex: ConfirmationCodeIndex;
  adminThrottle: AdminAuthThrottle;
}

export function createRouteState(store: ConsentStore): RouteState {
  return { codeIndex: new ConfirmationCodeIndex(store), adminThrottle: createAdminAuthThrottle() };
}
