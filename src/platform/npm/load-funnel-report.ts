/** `#platform/load-funnel-report`, npm build: the funnel counter is a chunk the page's bundler splits off, loaded only by forms with events-url. */
let loading: Promise<typeof import('../../client/funnel-beacon.js')> | undefined;

/**
 * One promise for every count, as the script build has (load-code-chunk.ts): counts queue in the
 * order they were made (two `import()` calls of a module still loading may settle in either order).
 * A failed load is tried again at the next count.
 */
export const loadFunnelReport = () =>
  (loading ??= import('../../client/funnel-beacon.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
