/** Which `collection.source` a page may claim, and reading it from the page's query. */
import { COLLECTION_SOURCES, type CollectionSource } from './consent-record.js';

/** The query parameter a poster's QR code sets, so one landing page serves every poster. */
export const SOURCE_QUERY_PARAMETER = 'optin_source';

/** Sources a page may claim: all but `import`, which only the receiver's import attests. */
export type PageSource = Exclude<CollectionSource, 'import'>;

export function isPageSource(value: unknown): value is PageSource {
  return value !== 'import' && (COLLECTION_SOURCES as readonly unknown[]).includes(value);
}

/** The sources a page may claim, for messages. */
export const pageSources = (): PageSource[] => COLLECTION_SOURCES.filter(isPageSource);

/** The value of `optin_source` in a page's query string (`location.search`), `null` when absent; check it with `isPageSource`. */
export function sourceFromQuery(search: string): string | null {
  return new URLSearchParams(search).get(SOURCE_QUERY_PARAMETER);
}
