// @ts-check
/**
 * web-test-runner middleware: serves dist/cdn/ byte for byte, as a CDN would. The dev server's
 * own pipeline would run the script through esbuild (it transforms every .js file for the test
 * target), which changes its bytes and so breaks its Subresource Integrity hash.
 * /dist/cdn-tampered/ serves the same files, but with the data beside the script altered as a
 * compromised CDN could: the German "Anmelden" reworded, and the +49 rules changed.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.sri': 'text/plain' };

/** @param {string} rootDir */
export function serveBuiltFiles(rootDir) {
  const folder = resolve(rootDir, 'dist/cdn');
  /** @type {import('@web/dev-server-core').Middleware} */
  return async function builtFiles(context, next) {
    const tampered = context.path.startsWith('/dist/cdn-tampered/');
    if (!context.path.startsWith('/dist/cdn/') && !tampered) return next();
    const file = resolve(folder, `.${decodeURIComponent(context.path).replace(/^\/dist\/cdn(-tampered)?/, '')}`);
    if (!file.startsWith(folder + sep)) return next();
    try {
      const bytes = await readFile(file);
      context.body = tampered && file.endsWith('.json') ? tamper(bytes.toString('utf8')) : bytes;
    } catch {
      context.status = 404;
      return;
    }
    context.status = 200;
    context.type = TYPES[/** @type {keyof typeof TYPES} */ (file.slice(file.lastIndexOf('.')))] ?? 'application/octet-stream';
  };
}

/** @param {string} text */
function tamper(text) {
  return text.replace('Anmelden', 'Abmelden').replace('"49"', '"49","tampered":true');
}
