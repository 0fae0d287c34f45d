/** The funnel report's sums in PostgreSQL (see funnel-counts.ts); its table is migration 10 in postgres-migrations.ts. */
import type { Pool } from 'pg';
import type { FunnelCount } from '../../core/notice/funnel-events.js';
import { FUNNEL_ORDER, type FunnelCounts } from './funnel-counts.js';

export const POSTGRES_FUNNEL_MIGRATION_SQL = `
  CREATE TABLE optin_funnel_count (
    day text NOT NULL,
    form text NOT NULL,
    variant text NOT NULL,
    views bigint NOT NULL DEFAULT 0,
    dismissals bigint NOT NULL DEFAULT 0,
    submissions bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, form, variant)
  );
`;

export class PostgresFunnelTable implements FunnelCounts {
  constructor(private readonly pool: Pool) {}

  async addFunnelCounts(counts: readonly FunnelCount[]): Promise<void> {
    if (counts.length === 0) return;
    // One statement: several receivers adding to the same row at once each add, none overwrites.
    const values = counts.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}::bigint, $${i * 6 + 5}::bigint, $${i * 6 + 6}::bigint)`);
    await this.pool.query(
      `INSERT INTO optin_funnel_count AS c (day, form, variant, views, dismissals, submissions) VALUES ${values.join(', ')}
       ON CONFLICT (day, form, variant) DO UPDATE SET views = c.views + excluded.views, dismissals = c.dismissals + excluded.dismissals,
         submissions = c.submissions + excluded.submissions`,
      counts.flatMap((c) => [c.day, c.form, c.variant, c.views, c.dismissals, c.submissions]),
    );
  }

  async listFunnelCounts(): Promise<FunnelCount[]> {
    const { rows } = await this.pool.query<Record<keyof FunnelCount, string>>(
      `SELECT day, form, variant, views, dismissals, submissions FROM optin_funnel_count ${FUNNEL_ORDER}`,
    );
    return rows.map((row) => ({ ...row, views: Number(row.views), dismissals: Number(row.dismissals), submissions: Number(row.submissions) }));
  }
}
