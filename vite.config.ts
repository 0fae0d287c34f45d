/**
 * The script-tag bundle: one self-registering file per format, no lazy
 * chunks, so one Subresource Integrity hash covers all code that runs.
 * `npm run build:cdn` writes dist/cdn/ and the SRI hashes beside the files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = 'dist/cdn';

function subresourceIntegrity(): Plugin {
  return {
    name: 'optin-sri',
    apply: 'build',
    writeBundle(_options, bundle) {
      // writeBundle runs once per format: merge, so sri.json names both bundles.
      const index = join(OUT_DIR, 'sri.json');
      const hashes: Record<string, string> = existsSync(index) ? JSON.parse(readFileSync(index, 'utf8')) : {};
      for (const fileName of Object.keys(bundle).filter((name) => name.endsWith('.js'))) {
        const digest = createHash('sha384').update(readFileSync(join(OUT_DIR, fileName))).digest('base64');
        hashes[fileName] = `sha384-${digest}`;
        writeFileSync(join(OUT_DIR, `${fileName}.sri`), `${hashes[fileName]}\n`);
      }
      writeFileSync(join(OUT_DIR, 'sri.json'), `${JSON.stringify(hashes, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  // The demo server (npm start) pre-bundles these at start-up, so a first visit never reloads mid-way.
  optimizeDeps: {
    entries: ['demo/index.html'],
    include: ['lit', 'lit/decorators.js', 'i18next', 'libphonenumber-js/min'],
  },
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'src/define.ts',
      name: 'OptinElements',
      formats: ['iife', 'es'],
      fileName: (format) => (format === 'iife' ? 'optin-elements.min.js' : 'optin-elements.module.js'),
    },
    rolldownOptions: {
      output: { minify: true, codeSplitting: false },
    },
  },
  plugins: [subresourceIntegrity()],
});
