/**
 * What each product ships as single files, compressed the way a CDN serves them,
 * ours beside the peers installed as devDependencies (for the bench only).
 */
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

interface Product {
  label: string;
  /** Files a page loads to use it: its script(s) and, where it ships one, its style sheet. */
  files: string[];
}

const ours: Product = { label: 'optin-elements (script tag, styles inside)', files: ['dist/cdn/optin-elements.min.js'] };

const peers: Product[] = [
  {
    label: 'intl-tel-input + utils (phone field only)',
    files: ['node_modules/intl-tel-input/dist/js/intlTelInputWithUtils.min.js', 'node_modules/intl-tel-input/dist/css/intlTelInput.min.css'],
  },
  {
    label: 'react-phone-number-input (without React)',
    files: ['node_modules/react-phone-number-input/bundle/react-phone-number-input.js', 'node_modules/react-phone-number-input/bundle/style.css'],
  },
  { label: 'klaro (consent manager, CSS inside)', files: ['node_modules/klaro/dist/klaro.js'] },
  {
    label: 'vanilla-cookieconsent (cookie banner)',
    files: ['node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js', 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css'],
  },
];

function total(product: Product): { min: number; gzip: number; brotli: number } {
  return product.files
    .map((file) => compressedSizes(readFileSync(file)))
    .reduce((sum, size) => ({ min: sum.min + size.min, gzip: sum.gzip + size.gzip, brotli: sum.brotli + size.brotli }));
}

export async function run(): Promise<BenchSection> {
  const ourSize = total(ours);
  const row = (product: Product, isPeer = true): string[] => {
    const size = total(product);
    return [product.label, kib(size.min), kib(size.gzip), kib(size.brotli), isPeer ? (ourSize.brotli / size.brotli).toFixed(2) : '—'];
  };
  return {
    title: 'Shipped size (script + its CSS, each file compressed on its own)',
    header: ['product', 'min KiB', 'gzip KiB', 'brotli KiB', 'ours ÷ it (brotli)'],
    rows: [
      row(ours, false),
      row({ label: 'optin-elements (module build)', files: ['dist/cdn/optin-elements.module.js'] }, false),
      ...peers.map((peer) => row(peer)),
    ],
    notes: [
      'gzip level 9, brotli quality 11. Ours: the files `npm run build` writes. Goal: script tag ≤ 40 KiB brotli.',
      'Files fetched beside the script (phone metadata, further locales) are counted in "Page weight".',
    ],
  };
}
