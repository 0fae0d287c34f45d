/**
 * `#platform/load-display` and `#platform/load-qr-encoder` in the script-tag build (the `optin-cdn`
 * condition, see package.json `imports`): code that only some pages run (the popup and flyout display, the double
 * opt-in's QR encoder) is a file beside the script, `optin-<name>.<hash>.js`, loaded on first use
 * by a `<script>` element carrying its Subresource Integrity hash. That hash is compiled into
 * this script (vite.config.ts), so the script's own SRI hash covers the chunk as well, and the
 * browser refuses a chunk whose bytes differ. A chunk is loaded once per page.
 */
import { registeredCodeChunk } from '../../client/code-chunk-registry.js';
import { scriptUrl } from './script-url.js';

/** Filled in by vite.config.ts: each chunk's file name and `sha384-…` integrity. */
declare const __OPTIN_CODE_CHUNKS__: Record<string, { file: string; integrity: string }>;

const loading: Record<string, Promise<unknown> | undefined> = {};

export function loadCodeChunk<T>(name: string): Promise<T> {
  const { file, integrity } = __OPTIN_CODE_CHUNKS__[name];
  return (loading[name] ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(file, scriptUrl).href;
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
    script.onload = () => resolve(registeredCodeChunk(name));
    script.onerror = () => {
      loading[name] = undefined;
      reject(Error(`${script.src} was missing or did not match its hash`));
    };
    document.head.append(script);
  })) as Promise<T>;
}
