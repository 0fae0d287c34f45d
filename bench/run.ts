/**
 * `npm run bench`: every figure, one table per section in bench/sections/.
 * Run `npm run build` first. `npm run bench -- bundle-size signing` runs only those sections;
 * `npm run bench -- --quick` runs each once at its smallest size, to check that it still runs.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { type BenchSection, formatTable, QUICK } from './bench-section.js';

if (!existsSync('dist/cdn/optin-elements.min.js')) {
  console.error('The bench measures the built files: run `npm run build` first.');
  process.exit(1);
}

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = readdirSync(new URL('./sections/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .filter((file) => only.length === 0 || only.includes(file.replace(/\.ts$/, '')))
  .sort();

console.log(
  `# optin-elements bench${QUICK ? ' (--quick: each section once, figures not meaningful)' : ''}\n\n${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`,
);
/** A section that waits on something that never comes fails on its own instead of holding up the run (and CI). */
const sectionLimitMs = (QUICK ? 10 : 60) * 60_000;

function withinLimit<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${sectionLimitMs / 60_000} minutes`)), sectionLimitMs);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

let failed = false;
for (const file of files) {
  try {
    const module = (await import(`./sections/${file}`)) as { run: () => Promise<BenchSection> };
    console.log(`${formatTable(await withinLimit(module.run()))}\n`);
  } catch (error) {
    failed = true;
    console.log(`### ${file}\n\nfailed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
// Exits even if a failed section left a browser, a server or a timer behind, once the report is out.
process.stdout.write('', () => process.exit(failed ? 1 : 0));
