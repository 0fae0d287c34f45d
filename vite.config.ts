/**
 * The script-tag bundle: one self-registering file per format, no lazy
 * chunks, so one Subresource Integrity hash covers all code that runs.
 * `npm run build:cdn` writes dist/cdn/ and the SRI hashes beside the files.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { defineConfig, type Plugin } from 'vite';
import { SUPPORTED_LOCALES } from './src/i18n/supported-locales.js';

const OUT_DIR = 'dist/cdn';

function subresourceIntegrity(): Plugin {
  return {
    name: 'optin-sri',
    apply: 'build',
    writeBundle(_options, bundle) {
      const hashes: Record<string, string> = {};
      for (const fileName of Object.keys(bundle).filter((name) => name.endsWith('.js'))) {
        const digest = createHash('sha384').update(readFileSync(join(OUT_DIR, fileName))).digest('base64');
        hashes[fileName] = `sha384-${digest}`;
        writeFileSync(join(OUT_DIR, `${fileName}.sri`), `${hashes[fileName]}\n`);
      }
      writeFileSync(join(OUT_DIR, 'sri.json'), `${JSON.stringify(hashes, null, 2)}\n`);
    },
  };
}

/**
 * Locales other than English stay out of the script: each is written beside it as
 * `locales/<tag>.json`, and its SHA-256 is compiled in, so the script's SRI hash still covers
 * every text the element can show (see src/i18n/load-locale-resource.cdn.ts).
 */
async function localeFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const tag of SUPPORTED_LOCALES.filter((tag) => tag !== 'en')) {
    // tsx loads each locale module as it is, so adding a locale never touches this file.
    const resource = (await tsImport(new URL(`./src/i18n/locales/${tag}.ts`, import.meta.url).href, import.meta.url)).default;
    files.set(tag, JSON.stringify(resource));
  }
  return files;
}

function besideTheScript(files: Map<string, string>): Plugin {
  return {
    name: 'optin-locales',
    apply: 'build',
    generateBundle() {
      for (const [tag, source] of files) this.emitFile({ type: 'asset', fileName: `locales/${tag}.json`, source });
    },
  };
}

const locales = await localeFiles();
const localeHashes = Object.fromEntries(
  [...locales].map(([tag, source]) => [tag, createHash('sha256').update(source, 'utf8').digest('hex')]),
);

export default defineConfig(({ command }) => ({
  // The build swaps the npm build's per-locale dynamic imports for hash-checked fetches.
  resolve:
    command === 'build'
      ? {
          alias: [
            {
              find: /^\.\/load-locale-resource\.js$/,
              replacement: fileURLToPath(new URL('./src/i18n/load-locale-resource.cdn.ts', import.meta.url)),
            },
          ],
        }
      : {},
  define: command === 'build' ? { __OPTIN_LOCALE_SHA256__: JSON.stringify(localeHashes) } : {},
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
  plugins: [subresourceIntegrity(), besideTheScript(locales)],
}));
