/**
 * `npm run build:lib`, after tsc: replaces dist/core/phone/phone-library.js with one file holding the
 * libphonenumber-js code our phone functions use (src/core/phone/phone-library.ts says why). Not
 * minified: the app's bundler minifies it with the rest.
 */
import { rmSync } from 'node:fs';
import { build } from 'vite';
import { modernPhoneCode } from './modern-phone-code.js';

await build({
  configFile: false,
  logLevel: 'warn',
  plugins: [modernPhoneCode()],
  build: {
    outDir: 'dist/core/phone',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    lib: { entry: 'src/core/phone/phone-library.ts', formats: ['es'], fileName: () => 'phone-library.js' },
  },
});
// Its declarations would point into this repository's node_modules; no public type refers to it.
for (const file of ['phone-library.d.ts', 'phone-library.d.ts.map', 'phone-library.js.map']) rmSync(`dist/core/phone/${file}`, { force: true });
console.log('wrote dist/core/phone/phone-library.js');
