/**
 * `npm run bench`: sizes of the script-tag bundle and speeds of the core
 * operations, printed as a table. Run `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { verifyConsentRecord } from '../src/core/verify-consent-record.js';
import { signRecord } from '../src/core/sign-record.js';
import { generateTestKeyPair, unsignedSample } from '../test/support/sample-record.js';

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

function sizeRow(label: string, file: string): string[] {
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return [label, kib(bytes.length), kib(gzip), kib(brotli)];
}

async function medianMs(runs: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

console.log(`optin-elements bench · ${new Date().toISOString()} · Node ${process.version}\n`);
console.log(
  table(
    ['file', 'min KiB', 'gzip KiB', 'brotli KiB'],
    [
      sizeRow('script tag (classic)', 'dist/cdn/optin-elements.min.js'),
      sizeRow('script tag (module)', 'dist/cdn/optin-elements.module.js'),
    ],
  ),
);

const keyPair = await generateTestKeyPair();
const unsigned = await unsignedSample();
const signed = await signRecord(unsigned, keyPair);
const sign = await medianMs(200, () => signRecord(unsigned, keyPair));
const verify = await medianMs(200, () => verifyConsentRecord(signed));
console.log(`\n${table(['operation (Node WebCrypto, median of 200)', 'ms'], [['sign a record', sign.toFixed(3)], ['verify a record', verify.toFixed(3)]])}`);
