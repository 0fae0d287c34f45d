/**
 * Size of the phone field beside intl-tel-input with its utils script, bundled and compressed in
 * the same run: each entry is bundled with Vite (rolldown, minified, one file) into a temp dir.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { buildHashTree } from '../../src/core/hash-tree.js';
import { splitPhoneMetadata } from '../../src/core/phone/phone-metadata-split.js';
import type { BenchSection } from '../bench-section.js';
import { compressedSizes } from './bundle-size.js';

const ROOT = resolve(import.meta.dirname, '../..');
const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** Bundles `source` (an ES module importing what is measured) and returns the minified bytes. */
async function bundle(dir: string, name: string, source: string, external: (string | RegExp)[] = []): Promise<Uint8Array> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, source);
  const outDir = join(dir, `out-${name}`);
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      write: true,
      lib: { entry, formats: ['es'], fileName: () => 'bundle.js' },
      rolldownOptions: { external, output: { minify: true, codeSplitting: false } },
    },
  });
  return readFileSync(join(outDir, 'bundle.js'));
}

function json(path: string): Uint8Array {
  // The metadata as it would be fetched: compact JSON.
  return new TextEncoder().encode(JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'node_modules', path), 'utf8'))));
}

function row(label: string, bytes: Uint8Array): string[] {
  const sizes = compressedSizes(bytes);
  return [label, kib(sizes.min), kib(sizes.gzip), kib(sizes.brotli)];
}

/** The script-tag build's split (vite.config.ts): the index compiled in, one file per calling code. */
function splitRows(): string[][] {
  const read = (path: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', path), 'utf8'));
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const split = splitPhoneMetadata({ metadata: read('libphonenumber-js/metadata.max.json'), examples: read('libphonenumber-js/examples.mobile.json') });
  // The build's tree also holds the 16 locale files: the paths are as long (8 steps) either way.
  const { files } = buildHashTree([...split.groups.values()], sha256);
  const encode = (text: string) => new TextEncoder().encode(text);
  const groups = [...split.groups.keys()].map((code, i) => ({ code, bytes: encode(files[i]), brotli: compressedSizes(encode(files[i])).brotli }));
  groups.sort((a, b) => a.brotli - b.brotli);
  const byRank = (label: string, rank: number) => row(`  ${label}: +${groups[rank].code}`, groups[rank].bytes);
  const byCode = (code: string, countries: string) => row(`  +${code} (${countries})`, groups.find((group) => group.code === code)?.bytes ?? new Uint8Array());
  return [
    row('script tag: country index compiled into the script', encode(JSON.stringify(split.index))),
    [`script tag: rules of one calling code, with hash path (${groups.length} files)`, '', '', ''],
    byRank('smallest', 0),
    byRank('median', Math.floor(groups.length / 2)),
    byRank('largest', groups.length - 1),
    byCode('1', 'US, CA and the other NANP countries'),
    byCode('49', 'DE'),
    byCode('44', 'GB, GG, IM, JE'),
    byCode('91', 'IN'),
    byCode('55', 'BR'),
  ];
}

export async function run(): Promise<BenchSection> {
  // Inside the project, so the entries resolve packages from its node_modules.
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'optin-phone-size-'));
  try {
    const src = (path: string) => JSON.stringify(join(ROOT, path));
    const element = `import ${src('src/components/optin-phone-input/define.ts')};`;
    const whole = await bundle(dir, 'element-all', element);
    // The element's own code: lit and libphonenumber-js (code and metadata) left out.
    const own = await bundle(dir, 'element-own', element, [/^lit/, /^@lit/, 'i18next', /^libphonenumber-js/]);
    const libphonenumberCode = await bundle(
      dir,
      'libphonenumber-code',
      `export { AsYouType, getCountries, getCountryCallingCode, getExampleNumber, isSupportedCountry, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/core';`,
    );
    const intlTelInput = await bundle(
      dir,
      'intl-tel-input',
      `import intlTelInput from 'intl-tel-input/intlTelInputWithUtils'; (globalThis as any).intlTelInput = intlTelInput;`,
    );
    const intlTelInputCss = readFileSync(join(ROOT, 'node_modules/intl-tel-input/dist/css/intlTelInput.min.css'));
    return {
      title: 'Phone field size: optin-phone-input beside intl-tel-input (+utils)',
      header: ['what', 'min KiB', 'gzip KiB', 'brotli KiB'],
      rows: [
        row('optin-phone-input: element’s own code (no lit, libphonenumber-js)', own),
        row('libphonenumber-js/core functions used', libphonenumberCode),
        row('phone metadata in use: max (metadata.max.json)', json('libphonenumber-js/metadata.max.json')),
        row('  + example numbers (examples.mobile.json)', json('libphonenumber-js/examples.mobile.json')),
        row('  (alternative) min metadata', json('libphonenumber-js/metadata.min.json')),
        row('  (alternative) mobile metadata', json('libphonenumber-js/metadata.mobile.json')),
        ...splitRows(),
        row('optin-phone-input, everything in one file (with lit)', whole),
        row('intl-tel-input + utils (intlTelInputWithUtils)', intlTelInput),
        row('  + intl-tel-input CSS', intlTelInputCss),
      ],
      notes: [
        'Each JS row is bundled by Vite (rolldown, minified, single file) in this run; gzip level 9, brotli quality 11.',
        'The element’s own code includes the English texts of the whole library (one locale file). intl-tel-input also loads flag images unless emoji are used.',
        'The script-tag build does not bundle the rules: it compiles the country index in and fetches the file of each calling code a number needs from beside the script, checked against the hash-tree root compiled in.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
