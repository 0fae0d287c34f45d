/**
 * Script-tag build: code that only some pages run (the popup and flyout display, the double
 * opt-in's QR encoder) is a file beside the script, `optin-<name>.<hash>.js`, loaded on first use
 * by a `<script>` element carrying its Subresource Integrity hash. That hash is compiled into
 * this script (vite.config.ts), so the script's own SRI hash covers the chunk as well, and the
 * browser refuses a chunk whose bytes differ. A chunk is loaded once per page.
 */
import { whenCodeChunkRegisters } from './code-chunk-registry.js';

/** Filled in by vite.config.ts: each chunk's file name and `sha384-…` integrity. */
declare const __OPTIN_CODE_CHUNKS__: Record<string, { file: string; integrity: string }>;

// Read while the script runs: currentScript is only set during that first evaluation.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src || import.meta.url || document.baseURI;

const loading = new Map<string, Promise<unknown>>();

export function loadCodeChunk<T>(name: string): Promise<T> {
  let promise = loading.get(name);
  if (!promise) {
    const { file, integrity } = __OPTIN_CODE_CHUNKS__[name];
    const url = new URL(file, scriptUrl).href;
    const registered = whenCodeChunkRegisters<T>(name);
    promise = new Promise<T>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.integrity = integrity;
      script.crossOrigin = 'anonymous';
      script.onerror = () => {
        loading.delete(name);
        reject(new Error(`${url} did not load or did not match its integrity hash; serve it unchanged beside the script`));
      };
      document.head.append(script);
      void registered.then(resolve);
    });
    loading.set(name, promise);
  }
  return promise as Promise<T>;
}
