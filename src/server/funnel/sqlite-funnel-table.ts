/** The funnel report's sums in the SQLite file (see funnel-counts.ts). */
import type Database from 'better-sqlite3';
import type { FunnelCount } from '../../core/notice/funnel-events.js';
import { FUNNEL_ORDER, type FunnelCounts } from './funnel-counts.js';

export const SQLITE_FUNNEL_SCHEMA = `
  CREATE TABLE IF NOT EXISTS funnel_count (
    day TEXT NOT NULL,
    form TEXT NOT NULL,
    variant TEXT NOT NULL,
    views INTEGER NOT NULL DEFAULT 0,
    dismissals INTEGER NOT NULL DEFAULT 0,
    submissions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, form, variant)
  );
`;

export class SqliteFunnelTable implements FunnelCounts {
  constructor(private readonly db: Database.Database) {}

  async addFunnelCounts(counts: readonly FunnelCount[]): Promise<void> {
    const add = this.db.prepare(
      `INSERT INTO funnel_count (day, form, variant, views, dismissals, submissions) VALUES (@day, @form, @variant, @views, @dismissals, @submissions)
       ON CONFLICT (day, form, variant) DO UPDATE SET views = views + excluded.views, dismissals = dismissals + excluded.dismissals,
         submissions = submissions + excluded.submissions`,
    );
    this.db.transaction(() => counts.forEach((count) => add.run(count)))();
  }

  async listFunnelCounts(): Promise<FunnelCount[]> {
    // A ledger made before the funnel report, opened read-only, has no such table yet: no counts.
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'funnel_count'").get()) return [];
    return this.db.prepare<[], FunnelCount>(`SELECT day, form, variant, views, dismissals, submissions FROM funnel_count ${FUNNEL_ORDER}`).all();
  }
}
