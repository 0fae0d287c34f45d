/** `optin-elements report --db …`: the funnel report (views, dismissals, submits and rate per form and variant) from the store. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { funnelReport, type FunnelReportRow } from '../core/notice/funnel-events.js';
import { describeLedger, isPostgresUrl, openConsentStore } from './open-consent-store.js';

export const REPORT_COMMAND_USAGE = `       optin-elements report --db consents.db [--since YYYY-MM-DD] [--format table|json]

  report     prints the funnel report the forms with events-url sent: views, dismissals, submits and the
             submit rate (submits per view) per form and variant, summed over every day (or from --since)`;

function percent(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)} %`;
}

/** The report as an aligned text table, one line per form and variant. */
export function funnelReportTable(rows: readonly FunnelReportRow[]): string {
  const lines = [
    ['form', 'variant', 'views', 'dismissals', 'submits', 'rate'],
    ...rows.map((row) => [row.form, row.variant || '-', String(row.views), String(row.dismissals), String(row.submissions), percent(row.rate)]),
  ];
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  // Names left, numbers right.
  return lines
    .map((line) =>
      line
        .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Returns the exit code. */
export async function runReportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string', default: 'consents.db' }, since: { type: 'string' }, format: { type: 'string', default: 'table' } },
  });
  if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) throw new Error(`--since "${values.since}" must be a day, YYYY-MM-DD`);
  if (values.format !== 'table' && values.format !== 'json') throw new Error(`--format "${values.format}" must be table or json`);
  if (!isPostgresUrl(values.db) && !existsSync(values.db)) {
    console.error(`no ledger at ${values.db}: pass --db with the file the receiver uses`);
    return 2;
  }
  const store = await openConsentStore(values.db, { readonly: true });
  try {
    const rows = funnelReport((await store.listFunnelCounts?.()) ?? [], values.since);
    if (values.format === 'json') console.log(JSON.stringify(rows, null, 2));
    else console.log(rows.length ? funnelReportTable(rows) : `no funnel counts in ${describeLedger(values.db)} yet: forms send them only with events-url`);
    return 0;
  } finally {
    await store.close();
  }
}
