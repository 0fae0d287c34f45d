/**
 * `GET /audit/ledger` as a streamed answer: the JSON (or CSV) is written page by page while the
 * ledger is read, so neither the receiver nor the client holds the whole ledger, and intake goes
 * on meanwhile. The JSON has the same members as `exportLedger()`'s object; `chain` and `log`
 * come after `entries`, as they are known only once every row was read. The export covers the
 * ledger as it was when it began: rows stored meanwhile are in the next one.
 */
import type { AuditLog } from './audit-export.js';
import { AUDIT_CSV_HEADER } from './audit-export.js';
import { type AuditFormat, auditLedgerPages, type LedgerScanOptions, type LedgerScanSummary } from './audit-ledger-scan.js';
import type { ConsentStore } from './consent-store.js';
import { signCheckpoint } from './log/checkpoint.js';
import type { ReceiverKey } from './receiver-key.js';
import { markStreamed } from './streamed-response.js';

/** Runs an export's page scan somewhere else than this thread (the Node server: a worker thread with its own connection). */
export interface AuditExportRunner {
  /** The pages, or `undefined` when this store cannot be opened elsewhere: then the scan runs in this thread. */
  pages(store: ConsentStore, options: Omit<LedgerScanOptions, 'pause'>): AsyncGenerator<string, LedgerScanSummary> | undefined;
}

/** Lets the event loop take other work (I/O callbacks included) between two pages. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

function auditLogOf(key: ReceiverKey, summary: LedgerScanSummary): AuditLog {
  const rootHash = new Uint8Array(Buffer.from(summary.rootHash, 'base64'));
  const checkpoint = signCheckpoint({ origin: key.log.origin, size: summary.size, rootHash }, key.log.privateKey, key.log.rawPublicKey);
  return { logKey: key.log.verifier.text, checkpoint };
}

export async function ledgerAuditResponse(
  store: ConsentStore,
  key: ReceiverKey,
  format: AuditFormat,
  now: Date,
  runner?: AuditExportRunner,
): Promise<Response> {
  const upToSeq = await store.lastSeq?.();
  const options = { jwks: key.publishedJwks, format, ...(upToSeq !== undefined ? { upToSeq } : {}) };
  const pages = runner?.pages(store, options) ?? auditLedgerPages(store, { ...options, pause: yieldToEventLoop });
  const encoder = new TextEncoder();
  const head = format === 'csv' ? `${AUDIT_CSV_HEADER}\r\n` : `{"generatedAt":${JSON.stringify(now.toISOString())},"entries":[`;
  let sentHead = false;
  let items = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      // Called only when the client wants more: a slow reader slows the scan, never fills memory.
      async pull(controller) {
        if (!sentHead) {
          sentHead = true;
          controller.enqueue(encoder.encode(head));
          return;
        }
        let next: IteratorResult<string, LedgerScanSummary>;
        try {
          next = await pages.next();
        } catch (cause) {
          // The status line is already sent: the body ends unfinished, which every JSON or CSV reader notices.
          console.error('[optin-elements] audit export failed', cause);
          controller.error(cause);
          return;
        }
        if (next.done) {
          if (format === 'json') {
            controller.enqueue(encoder.encode(`],"chain":${JSON.stringify(next.value.chain)},"log":${JSON.stringify(auditLogOf(key, next.value))}}`));
          }
          controller.close();
          return;
        }
        const separator = format === 'json' && items++ > 0 ? ',' : '';
        controller.enqueue(encoder.encode(separator + next.value));
      },
      async cancel() {
        await pages.return(undefined as never);
      },
    },
    { highWaterMark: 0 },
  );
  const headers: Record<string, string> =
    format === 'csv'
      ? { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="consent-ledger.csv"', 'Cache-Control': 'no-store' }
      : { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  return markStreamed(new Response(body, { status: 200, headers }));
}
