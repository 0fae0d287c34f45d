/**
 * Which categories a record withdrew: an `opt-out` withdraws every category it names (and stops
 * the person), a `preferences` record withdraws each category it names with `granted: false`. An
 * opt-in's unticked boxes are refusals at the time, not withdrawals.
 */
import type { ConsentRecord } from '../../core/record/consent-record.js';

export function withdrawnCategories(record: Pick<ConsentRecord, 'kind' | 'categories'>): string[] {
  if (record.kind === 'opt-out') return record.categories.map((c) => c.id);
  if (record.kind === 'preferences') return record.categories.filter((c) => !c.granted).map((c) => c.id);
  return [];
}

export function withdrewAnything(record: Pick<ConsentRecord, 'kind' | 'categories'>): boolean {
  return record.kind === 'opt-out' || withdrawnCategories(record).length > 0;
}
