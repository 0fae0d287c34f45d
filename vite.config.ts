/**
 * The script-tag bundle: one self-registering file per format, no lazy
 * chunks, so one Subresource Integrity hash covers all code that runs.
 * `npm run build:cdn` writes dist/cdn/ and the SRI hashes beside the files.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { build, defaultClientConditions, defineConfig, type Plugin, type Rolldown } from 'vite';
import { minifyCssTemplates } from './scripts/minify-css.js';
import { minifyHtmlTemplates } from './scripts/minify-html.js';
import { modernPhoneCode } from './scripts/modern-phone-code.js';
import { buildHashTree } from './src/core/hash-tree.js';
import { splitPhoneMetadata } from './src/core/phone/phone-metadata-split.js';
import { SUPPORTED_LOCALES } from './src/i18n/supported-locales.js';

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
        const digest = createHash('sha384')
          .update(readFileSync(join(OUT_DIR, fileName)))
          .digest('base64');
        hashes[fileName] = `sha384-${digest}`;
        writeFileSync(join(OUT_DIR, `${fileName}.sri`), `${hashes[fileName]}\n`);
      }
      writeFileSync(join(OUT_DIR, 'sri.json'), `${JSON.stringify(hashes, null, 2)}\n`);
    },
  };
}

/**
 * Where the two builds load data differently, the code imports a `#platform/…` module, which
 * package.json `imports` resolves by condition: `optin-cdn` here (the script fetches verified files
 * from beside itself: src/platform/cdn/), `optin-source` when Vite serves the source tree (the demo),
 * and an app's bundler, setting neither, gets the npm build's modules (src/platform/npm/).
 */
function platformConditions(): Plugin {
  return {
    name: 'optin-platform-conditions',
    config: (_config, { command }) => ({
      resolve: { conditions: [command === 'build' ? 'optin-cdn' : 'optin-source', ...defaultClientConditions] },
    }),
  };
}

/**
 * The elements' `css` templates lose their comments and indentation in the script (scripts/minify-css.ts),
 * their `html` and `svg` templates their line breaks and indentation (scripts/minify-html.ts).
 */
function minifiedElementTemplates(): Plugin {
  return {
    name: 'optin-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (/[\\/]src[\\/]components[\\/].+\.styles\.ts$/.test(id)) return { code: minifyCssTemplates(code), map: null };
      return /[\\/]src[\\/]components[\\/].+\.ts$/.test(id) ? { code: minifyHtmlTemplates(code), map: null } : null;
    },
  };
}

/**
 * Chrome's explicit compile hint, first line of each script: V8 compiles every function of the file
 * on a background thread while it streams in, instead of on the main thread at first call during
 * the first render (the longest task at load fell from about 150 to 110 ms at 4× CPU throttling,
 * median of 10 loads). Other engines read it as a comment. Added after minification, which would
 * drop it.
 */
function compileHint(): Plugin {
  return {
    name: 'optin-compile-hint',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
    },
  };
}

/**
 * What the script fetches from beside itself, as data it verifies, never as code:
 * - the phone rules (about 34 KiB brotli in all): the index of every country and its calling code
 *   (0.7 KiB) is compiled in; the rules are written as optin-phone-metadata.<root>/<code>.json,
 *   one file per calling code, fetched only when a number needs them
 *   (src/platform/cdn/load-phone-rules.ts);
 * - the locales other than English, as locales/<tag>.json, fetched on first use
 *   (src/platform/cdn/load-locale-resource.ts).
 * Every file is a leaf of one hash tree whose root is compiled into the script, so the script's
 * one SRI hash covers all of them (src/core/hash-tree.ts).
 */
async function dataBesideScript(): Promise<Plugin> {
  const read = (file: string) => JSON.parse(readFileSync(join('node_modules/libphonenumber-js', file), 'utf8'));
  const { index, groups } = splitPhoneMetadata({ metadata: read('metadata.max.json'), examples: read('examples.mobile.json') });
  const locales = new Map<string, string>();
  for (const tag of SUPPORTED_LOCALES.filter((tag) => tag !== 'en')) {
    // tsx loads each locale module as it is, so adding a locale never touches this file.
    const texts = (await tsImport(new URL(`./src/i18n/locales/${tag}.ts`, import.meta.url).href, import.meta.url)).default;
    locales.set(tag, JSON.stringify({ locale: tag, texts }));
  }
  const { root, files } = buildHashTree([...groups.values(), ...locales.values()], (text) => createHash('sha256').update(text).digest('hex'));
  const phoneDir = `optin-phone-metadata.${root.slice(0, 12)}`;
  const fileNames = [...[...groups.keys()].map((code) => `${phoneDir}/${code}.json`), ...[...locales.keys()].map((tag) => `locales/${tag}.json`)];
  return {
    name: 'optin-data-beside-script',
    apply: 'build',
    config: () => ({
      define: {
        __OPTIN_DATA_ROOT__: JSON.stringify(root),
        __OPTIN_PHONE_METADATA_INDEX__: JSON.stringify(index),
        __OPTIN_PHONE_METADATA_DIR__: JSON.stringify(phoneDir),
      },
    }),
    generateBundle() {
      fileNames.forEach((fileName, i) => this.emitFile({ type: 'asset', fileName, source: files[i] }));
    },
  };
}

/**
 * Code that only some pages run, as files beside the script (src/platform/cdn/load-code-chunk.ts):
 * each entry is built on its own into one minified classic script, `optin-<name>.<hash>.js`,
 * and its file name and SHA-384 integrity are compiled into the script, so the script's one SRI
 * hash covers the chunk too and the browser refuses a chunk that differs. Each chunk has its
 * own loader twin (`load-*.cdn.ts`), the one named seam between the builds for it.
 */
async function codeChunksBesideScript(): Promise<Plugin> {
  const entries = {
    display: 'src/components/optin-form/display/display-chunk.ts',
    qr: 'src/components/optin-form/qr/qr-chunk.ts',
    preferences: 'src/components/optin-preferences/preferences-chunk.ts',
    funnel: 'src/components/optin-form/funnel/funnel-chunk.ts',
  };
  const chunks: Record<string, { file: string; integrity: string; code: string }> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const result = (await build({
      configFile: false,
      logLevel: 'warn',
      plugins: [modernPhoneCode(), minifiedElementTemplates()],
      build: {
        write: false,
        target: 'es2022',
        minify: true,
        lib: { entry, name: `OptinElements_${name}`, formats: ['iife'], fileName: () => `${name}.js` },
        rolldownOptions: { output: { minify: true, codeSplitting: false } },
      },
    })) as Rolldown.RolldownOutput[];
    const code = result[0].output[0].code;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
    chunks[name] = { file: `optin-${name}.${hash}.js`, integrity: `sha384-${createHash('sha384').update(code).digest('base64')}`, code };
  }
  return {
    name: 'optin-code-chunks',
    apply: 'build',
    config: () => ({
      define: {
        __OPTIN_CODE_CHUNKS__: JSON.stringify(Object.fromEntries(Object.entries(chunks).map(([name, { file, integrity }]) => [name, { file, integrity }]))),
      },
    }),
    generateBundle() {
      for (const { file, code } of Object.values(chunks)) this.emitFile({ type: 'asset', fileName: file, source: code });
    },
  };
}

export default defineConfig({
  // The demo server (npm start) pre-bundles these at start-up, so a first visit never reloads mid-way.
  optimizeDeps: {
    entries: ['demo/index.html', 'demo/preferences.html'],
    include: ['lit', 'libphonenumber-js/core', 'libphonenumber-js/metadata.max.json', 'libphonenumber-js/examples.mobile.json'],
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
      // The classic-script build reads its URL from document.currentScript; its empty import.meta
      // (src/platform/cdn/script-url.ts) is expected there.
      onLog(level, log, handler) {
        if (log.code === 'EMPTY_IMPORT_META') return;
        handler(level, log);
      },
      output: { minify: true, codeSplitting: false },
    },
  },
  plugins: [
    platformConditions(),
    await dataBesideScript(),
    await codeChunksBesideScript(),
    modernPhoneCode(),
    minifiedElementTemplates(),
    compileHint(),
    subresourceIntegrity(),
  ],
});
