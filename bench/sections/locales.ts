import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import type { BenchSection } from '../bench-section.js';
import { medianMs } from '../bench-section.js';
import i18next from 'i18next';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { useI18next } from '../../src/i18n/host-i18next.js';
import en from '../../src/i18n/locales/en.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';

const brotli = (bytes: Uint8Array | string) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kib = (bytes: number) => (bytes / 1024).toFixed(2);

/** What each language costs a page, and what inlining them all would cost every page. */
export async function run(): Promise<BenchSection> {
  const others = SUPPORTED_LOCALES.filter((tag) => tag !== 'en');
  const files = others.map((tag) => [tag, readFileSync(`dist/cdn/locales/${tag}.json`)] as const);
  const rows = files.map(([tag, bytes]) => [`locales/${tag}.json`, kib(bytes.length), kib(brotli(bytes))]);
  const english = JSON.stringify(en);
  const all = Buffer.concat(files.map(([, bytes]) => bytes));
  const sizes = files.map(([, bytes]) => brotli(bytes));
  const firstText = (create: typeof createTranslator) => () => create('en').t('notice.lead', { business: 'B', channel: 'WhatsApp' });
  const ownMs = await medianMs(200, firstText(createTranslator));
  const host = i18next.createInstance();
  host.init({ lng: 'en', initAsync: false });
  useI18next(host);
  const i18nextMs = await medianMs(200, firstText(createTranslator));
  useI18next(undefined);
  return {
    title: 'Locales (script-tag build; the npm build has the same texts as one chunk each)',
    header: ['file', 'raw KiB', 'brotli KiB'],
    rows: [
      ['English (inside the script)', kib(english.length), kib(brotli(english))],
      ...rows,
      [`largest single locale`, '', kib(Math.max(...sizes))],
      [`all ${others.length} others, if inlined`, kib(all.length), kib(brotli(all))],
    ],
    notes: [
      'brotli quality 11. Each non-English locale is fetched once, on first use, from beside the script and checked against the hash-tree root compiled into the script (each file carries its hash path).',
      `A translator per element plus its first t(), median of 200 in Node: ${ownMs.toFixed(3)} ms with the elements' own translator (both builds), ${i18nextMs.toFixed(3)} ms with a page's i18next handed over by useI18next().`,
    ],
  };
}
