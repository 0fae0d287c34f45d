/**
 * The funnel report's counts from the page (`<optin-form events-url>`, off by default): each view,
 * dismissal and submission is queued in memory and the queue is sent in one batch when the page is
 * hidden or left (or holds 100 events), with `navigator.sendBeacon`, which the browser delivers
 * after the page is gone, else `fetch` with `keepalive`. A batch says only which form and variant
 * and what happened: no number, no device key, no page address (see src/core/notice/funnel-events.ts).
 * Code of its own chunk, loaded only by forms with `events-url`.
 */
import { VARIANT_PATTERN } from '../core/record/campaign-attribution.js';
import { type FunnelEvent, type FunnelEventType, MAX_FUNNEL_EVENTS } from '../core/notice/funnel-events.js';

const queued = new Map<string, FunnelEvent[]>();
let listening = false;

/** The form's own name in the report: its `id` when that is a plain name, else `optin-form`. */
export function funnelFormId(elementId: string): string {
  return VARIANT_PATTERN.test(elementId) ? elementId : 'optin-form';
}

/** Queues one event for `eventsUrl` (resolved against `baseUrl`); a URL that is not http(s) is warned about and ignored. */
export function countFunnelEvent(eventsUrl: string, baseUrl: string, event: { form: string; variant?: string; type: FunnelEventType }): void {
  let url: URL;
  try {
    url = new URL(eventsUrl, baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw Error();
  } catch {
    console.warn(`[optin-elements] <optin-form>: events-url "${eventsUrl}" is not an http(s) URL; no funnel counts are sent.`);
    return;
  }
  if (!listening) {
    listening = true;
    addEventListener('pagehide', flushFunnelEvents);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushFunnelEvents());
  }
  const events = queued.get(url.href) ?? [];
  events.push({ form: funnelFormId(event.form), variant: event.variant ?? '', type: event.type });
  queued.set(url.href, events);
  if (events.length >= MAX_FUNNEL_EVENTS) flushFunnelEvents();
}

/** Sends every queued batch now (the page is going away); nothing is retried: counts are not consents. */
export function flushFunnelEvents(): void {
  for (const [url, events] of queued) {
    // text/plain: a simple request, so neither the beacon nor keepalive fetch waits for a CORS preflight.
    const body = JSON.stringify({ events });
    if (!navigator.sendBeacon?.(url, body)) {
      void fetch(url, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).catch(() => undefined);
    }
  }
  queued.clear();
}
