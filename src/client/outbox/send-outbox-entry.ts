/** The browser transport of the outbox: one `fetch` per attempt, with a timeout. */
import type { OutboxEntry } from './outbox-entry.js';
import type { AttemptResult } from './outbox.js';

/** Browsers allow 64 KiB of keepalive bodies in flight per page; stay well inside it. */
export const KEEPALIVE_BUDGET_BYTES = 60 * 1024;

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

function errorMessage(body: unknown, response: Response): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const message = (body as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  }
  return response.statusText || `HTTP ${response.status}`;
}

/**
 * Sends the entry's stored bytes. Small bodies go with `keepalive`, so an
 * attempt started just before the tab closes still reaches the endpoint.
 */
export async function sendOutboxEntry(entry: OutboxEntry): Promise<AttemptResult> {
  const keepalive = new TextEncoder().encode(entry.body).byteLength <= KEEPALIVE_BUDGET_BYTES / 4;
  let response: Response;
  try {
    response = await fetch(entry.url, {
      method: 'POST',
      headers: entry.headers,
      body: entry.body,
      credentials: 'omit',
      keepalive,
      signal: AbortSignal.timeout(entry.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { status: 0, message: timedOut ? `no answer within ${entry.timeoutMs} ms` : 'network error' };
  }
  const body = await readBody(response);
  return {
    status: response.status,
    body,
    retryAfter: response.headers.get('Retry-After'),
    message: response.ok ? 'delivered' : errorMessage(body, response),
  };
}

/**
 * Last-chance sends while the page is being hidden or closed: `keepalive`,
 * CORS-simple (`text/plain`, no custom headers) when the request allows it,
 * within the keepalive budget. Nothing is removed from the store here (the
 * answer cannot be read any more); the next page load learns the outcome as
 * a duplicate-success and clears the entry.
 */
export function sendOnPageHide(entries: OutboxEntry[]): number {
  let budget = KEEPALIVE_BUDGET_BYTES;
  let sent = 0;
  for (const entry of entries) {
    const size = new TextEncoder().encode(entry.body).byteLength;
    if (size > budget) continue;
    const simple = Object.keys(entry.headers).every((name) => ['content-type', 'idempotency-key'].includes(name.toLowerCase()));
    const headers = simple ? { 'Content-Type': 'text/plain;charset=UTF-8' } : entry.headers;
    try {
      void fetch(entry.url, { method: 'POST', headers, body: entry.body, credentials: 'omit', keepalive: true }).catch(() => undefined);
      budget -= size;
      sent += 1;
    } catch {
      // The browser refused (budget, unload policy): the entry stays stored for the next load.
    }
  }
  return sent;
}
