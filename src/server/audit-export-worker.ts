/**
 * Runs in a worker thread: one whole-ledger audit export, on its own read-only connection to the
 * ledger, so re-verifying every row never takes the main thread's time from intake. Answers each
 * `next` with the next page's text, then the summary; reads a page ahead while the last one is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditLedgerPages, type LedgerScanOptions, type LedgerScanSummary } from './audit-ledger-scan.js';
import type { ConsentStore } from './consent-store.js';
import { openConsentStore } from './open-consent-store.js';

export type AuditWorkerAnswer = { text: string } | { end: LedgerScanSummary } | { failed: string };

const { location, options } = workerData as { location: string; options: Omit<LedgerScanOptions, 'pause'> };

let store: ConsentStore | undefined;
async function* pagesOfOwnStore(): AsyncGenerator<string, LedgerScanSummary> {
  store = await openConsentStore(location, { readonly: true });
  return yield* auditLedgerPages(store, options);
}

const pages = pagesOfOwnStore();
const settle = (next: Promise<IteratorResult<string, LedgerScanSummary>>): Promise<AuditWorkerAnswer> =>
  next.then(
    async (result) => {
      if (!result.done) return { text: result.value };
      await store?.close();
      return { end: result.value };
    },
    (cause: unknown) => ({ failed: cause instanceof Error ? cause.message : String(cause) }),
  );
let ahead = settle(pages.next());

parentPort?.on('message', () => {
  const answer = ahead;
  void answer.then((message) => {
    parentPort?.postMessage(message);
    if ('text' in message) ahead = settle(pages.next());
  });
});
