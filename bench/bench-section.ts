/**
 * `npm run bench -- --quick` (`npm run bench:quick`, part of `npm test`): every section once, at its
 * smallest size, to show that each still runs; its figures mean nothing and nothing checks them.
 */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/** A section's size: `full` in a real run, `quick` in a `--quick` run. */
export const benchSize = (full: number, quick: number): number => (QUICK ? quick : full);

/** One table of the bench report. Each file in bench/sections/ exports `run(): Promise<BenchSection>`. */
export interface BenchSection {
  title: string;
  header: string[];
  rows: string[][];
  /** Lines printed under the table (method, caveats). */
  notes?: string[];
}

export function formatTable(section: BenchSection): string {
  const { header, rows } = section;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [
    `### ${section.title}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(section.notes?.length ? ['', ...section.notes] : []),
  ].join('\n');
}

export async function medianMs(runs: number, task: () => Promise<unknown> | unknown): Promise<number> {
  runs = benchSize(runs, Math.min(runs, 3));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}
