import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { BenchSection } from '../bench-section.js';
import { compressedSizes } from './bundle-size.js';

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** Builds a test app (test/apps/<name>) and sums its JavaScript. */
async function measure(name: string): Promise<string[]> {
  const start = performance.now();
  await build({ configFile: `test/apps/${name}/vite.config.ts`, logLevel: 'silent' });
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  const folder = `test/apps/${name}/dist/assets`;
  const bytes = Buffer.concat(
    readdirSync(folder)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(folder, file))),
  );
  const sizes = compressedSizes(bytes);
  return [name, kib(sizes.min), kib(sizes.brotli), seconds];
}

export async function run(): Promise<BenchSection> {
  return {
    title: 'Framework test apps (whole app: framework + optin-elements)',
    header: ['app', 'min KiB', 'brotli KiB', 'vite build s'],
    rows: [await measure('react'), await measure('vue')],
    notes: ['The React 19 and Vue 3 apps the end-to-end tests use, built by Vite 8; one build each, on a shared machine.'],
  };
}
