/**
 * The URL of the script-tag file, which the data files beside it (phone rules, locales) are read
 * relative to. Read while the script first runs: `document.currentScript` is only set then. A
 * module script has no currentScript, but its own URL in `import.meta.url`.
 */
export const scriptUrl =
  (typeof document !== 'undefined' && (document.currentScript as HTMLScriptElement | null)?.src) ||
  import.meta.url ||
  (typeof location !== 'undefined' ? location.href : '');

/** Filled in by vite.config.ts at build time: the root of the hash tree over the files beside the script. */
declare const __OPTIN_DATA_ROOT__: string;
export const DATA_ROOT = __OPTIN_DATA_ROOT__;
