/**
 * The funnel report's sums in the store (`POST /events`, `optin-elements report`): one row per
 * day, form and variant, each request adding to it. Counts only: nothing about a person, a
 * device or an address is stored (see src/core/notice/funnel-events.ts).
 */
import type { FunnelCount } from '../../core/notice/funnel-events.js';

export interface FunnelCounts {
  /** Adds each count to its day's, form's and variant's row (created at zero). */
  addFunnelCounts(counts: readonly FunnelCount[]): Promise<void>;
  /** Every row, by day, form and variant. */
  listFunnelCounts(): Promise<FunnelCount[]>;
}

export const FUNNEL_ORDER = 'ORDER BY day, form, variant';
