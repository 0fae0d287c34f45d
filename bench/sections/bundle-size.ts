import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { BenchSection } from '../bench-section.js';

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

export function compressedSizes(bytes: Uint8Array): { min: number; gzip: number; brotli: number } {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function row(label: string, file: string): string[] {
  const sizes = compressedSizes(readFileSync(file));
  return [label, kib(sizes.min), kib(sizes.gzip), kib(sizes.brotli)];
}

export async function run(): Promise<BenchSection> {
  return {
    title: 'Script-tag bundle size',
    header: ['file', 'min KiB', 'gzip KiB', 'brotli KiB'],
    rows: [
      row('script tag (classic)', 'dist/cdn/optin-elements.min.js'),
      row('script tag (module)', 'dist/cdn/optin-elements.module.js'),
    ],
    notes: ['gzip level 9, brotli quality 11, of the files `npm run build` writes.'],
  };
}
