/**
 * The funnel report's anonymous counts: what `<optin-form events-url>` sends and `POST /events`
 * accepts. An event names a form, its A/B variant and what happened (shown, closed, submitted):
 * nothing about the person, the device or the page. The receiver keeps only sums per day, form
 * and variant, so no single visit can be told apart afterwards.
 */
import { VARIANT_PATTERN } from '../record/campaign-attribution.js';

export const FUNNEL_EVENT_TYPES = ['view', 'dismiss', 'submit'] as const;
export type FunnelEventType = (typeof FUNNEL_EVENT_TYPES)[number];

export interface FunnelEvent {
  /** The form's id (the element's `id`, else `optin-form`): letters, digits, `_ . -`, at most 64. */
  form: string;
  /** The A/B variant, `''` when the form has none. */
  variant: string;
  type: FunnelEventType;
}

/** The sums the receiver keeps for one day (UTC, `YYYY-MM-DD`), form and variant. */
export interface FunnelCount {
  day: string;
  form: string;
  variant: string;
  views: number;
  dismissals: number;
  submissions: number;
}

/** Events one request may carry: a page's whole visit, batched. */
export const MAX_FUNNEL_EVENTS = 100;
/** A name as a form id or variant may be (the variant's own rule, `collection.variant`). */
const NAME = VARIANT_PATTERN;

/** `{"events": [{"form": "…", "variant": "…", "type": "view"}, …]}`, checked member by member; anything else is a problem. */
export function readFunnelBatch(body: unknown): { events: FunnelEvent[] } | { problem: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).join() !== 'events') {
    return { problem: 'send {"events": [{"form": "…", "variant": "…", "type": "view|dismiss|submit"}]} and nothing else' };
  }
  const { events } = body as { events: unknown };
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_FUNNEL_EVENTS) {
    return { problem: `events must be a list of 1 to ${MAX_FUNNEL_EVENTS} events` };
  }
  const read: FunnelEvent[] = [];
  for (const [index, event] of events.entries()) {
    const {
      form,
      variant = '',
      type,
      ...rest
    } = (typeof event === 'object' && event !== null && !Array.isArray(event) ? event : { form: undefined }) as Record<string, unknown>;
    if (
      typeof form !== 'string' ||
      !NAME.test(form) ||
      typeof variant !== 'string' ||
      (variant !== '' && !NAME.test(variant)) ||
      !FUNNEL_EVENT_TYPES.includes(type as FunnelEventType) ||
      Object.keys(rest).length > 0
    ) {
      return { problem: `events[${index}] must be {"form", "variant"?, "type"}: names of letters, digits, "_ . -" (at most 64), type view, dismiss or submit` };
    }
    read.push({ form, variant, type: type as FunnelEventType });
  }
  return { events: read };
}

/** The events of one request as sums per form and variant, for the day they arrived. */
export function countFunnelEvents(events: readonly FunnelEvent[], day: string): FunnelCount[] {
  const counts = new Map<string, FunnelCount>();
  for (const { form, variant, type } of events) {
    const key = JSON.stringify([form, variant]);
    let count = counts.get(key);
    if (!count) counts.set(key, (count = { day, form, variant, views: 0, dismissals: 0, submissions: 0 }));
    if (type === 'view') count.views++;
    else if (type === 'dismiss') count.dismissals++;
    else count.submissions++;
  }
  return [...counts.values()];
}

/** One line of `optin-elements report`: a form's variant over the days asked for. */
export interface FunnelReportRow {
  form: string;
  variant: string;
  views: number;
  dismissals: number;
  submissions: number;
  /** Submissions per view, `null` when nothing was viewed. */
  rate: number | null;
}

/** Sums the stored rows per form and variant (from `since`, a `YYYY-MM-DD` day, when given), in form and variant order. */
export function funnelReport(counts: readonly FunnelCount[], since?: string): FunnelReportRow[] {
  const rows = new Map<string, FunnelReportRow>();
  for (const count of counts) {
    if (since && count.day < since) continue;
    const key = JSON.stringify([count.form, count.variant]);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { form: count.form, variant: count.variant, views: 0, dismissals: 0, submissions: 0, rate: null }));
    row.views += count.views;
    row.dismissals += count.dismissals;
    row.submissions += count.submissions;
  }
  return [...rows.values()]
    .map((row) => ({ ...row, rate: row.views > 0 ? row.submissions / row.views : null }))
    .sort((a, b) => a.form.localeCompare(b.form) || a.variant.localeCompare(b.variant));
}
