/**
 * libphonenumber-js ships its code twice: `es6/` (what `libphonenumber-js/core` points at) keeps
 * Babel's class and spread helpers for old browsers, `es6-modern/` is the same source compiled for
 * current ones. Both our builds target ES2022, and the as-you-type formatter's helpers come from
 * `es6-modern/` (src/core/phone/phone-library.ts): this Vite/Rolldown plugin makes `libphonenumber-js/core`
 * take the modern copy too, so one copy of the library is bundled.
 */
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

export function modernPhoneCode(): Plugin {
  return {
    name: 'optin-modern-libphonenumber',
    enforce: 'pre',
    apply: 'build',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('../es6/') || !/libphonenumber-js[\\/]core[\\/]index\.js$/.test(importer)) return null;
      return resolve(dirname(importer), source.replace('../es6/', '../es6-modern/'));
    },
  };
}
