/** Which `collection.source` a page may claim, and reading it from the page's query. */
import { COLLECTION_SOURCES, type CollectionSource } from './consent-record.js';

/** The query parameter a poster's QR code sets, so one landing page serves every poster. */
export const SOURCE_QUERY_PARAMETER = 'optin_source';

/** Sources a page may claim: all but `import`, which only the receiver's import attests. */
export type PageSource = Exclude<CollectionSource, 'import'>;

export const PAGE_SOURCES: readonly PageSource[] = COLLECTION_SOURCES.filter((s): s is PageSource => s !== 'import');

export function isPageSource(value: unknown): value is PageSource {
  return typeof value === 'string' && (PAGE_SOURCES as readonly string[]).includes(value);
}

/**
 * The source named by `optin_source` in a page's query string (`location.search`):
 * `source` when it is one of the page sources, `ignored` (the value) when it is not.
 */
export function sourceFromQuery(search: string): { source?: PageSource; ignored?: string } {
  const value = new URLSearchParams(search).get(SOURCE_QUERY_PARAMETER);
  if (value === null) return {};
  return isPageSource(value) ? { source: value } : { ignored: value };
}

/** A kiosk's `staff-id` / `location-id`: the business's own short codes (the schema holds the same pattern). */
export const STAFF_OR_LOCATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;
