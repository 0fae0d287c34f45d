import type { BenchSection } from '../bench-section.js';
import { measureReactFormCost } from '../react-form-cost.js';

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

export async function run(): Promise<BenchSection> {
  const cost = await measureReactFormCost();
  return {
    title: 'What <OptinForm> adds to a Vite + React app (brotli KiB)',
    header: ['app', 'JS at load', 'lazy chunks (all)', 'largest lazy chunk'],
    rows: [
      ['minimal React 19 app', kib(cost.without.atLoad), kib(cost.without.lazy), kib(cost.without.largestLazy)],
      ['the same with <OptinForm>', kib(cost.with.atLoad), kib(cost.with.lazy), kib(cost.with.largestLazy)],
      ['added by the form (goal ≤ 45)', kib(cost.addedAtLoad), '', ''],
    ],
    notes: [
      'bench/apps/react-form-cost built by Vite 8 against dist/ (bench/react-form-cost.ts); brotli quality 11. "At load": the entry chunk and its static imports.',
      'The lazy chunks are the phone rules of each calling code and each locale but English: a page loads the one or two it needs.',
    ],
  };
}
