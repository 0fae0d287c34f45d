/**
 * Whole-ledger audit exports on worker threads, for the Node server: each export gets a thread
 * with its own read-only connection (`store.readerLocation`), so the main thread only passes the
 * pages on to the client. Measured in `npm run bench -- audit-export-intake`.
 */
import type { AuditExportRunner } from './audit-ledger-response.js';
import type { LedgerScanSummary } from './audit-ledger-scan.js';
import type { AuditWorkerAnswer } from './audit-export-worker.js';
import { spawnWorker } from './spawn-worker.js';

/**
 * Runs whole-ledger exports on worker threads: pass it as `auditExports` to `createConsentHandler`
 * when the handler is mounted in a Node app (`optin-elements serve` and `startConsentServer` do it already).
 * A store without a file or URL a thread can open (`readerLocation`) exports in the request's thread.
 */
export function auditExportThreads(): AuditExportRunner {
  return {
    pages(store, options) {
      if (!store.readerLocation) return undefined;
      const location = store.readerLocation;
      return (async function* (): AsyncGenerator<string, LedgerScanSummary> {
        const worker = spawnWorker('audit-export-worker', { workerData: { location, options } });
        try {
          for (;;) {
            const answer = await new Promise<AuditWorkerAnswer>((resolve, reject) => {
              const onExit = (code: number) => reject(new Error(`the audit export thread stopped (${code})`));
              worker.once('error', reject);
              worker.once('exit', onExit);
              worker.once('message', (message: AuditWorkerAnswer) => {
                worker.off('error', reject);
                worker.off('exit', onExit);
                resolve(message);
              });
              worker.postMessage('next');
            });
            if ('failed' in answer) throw new Error(`the audit export failed: ${answer.failed}`);
            if ('end' in answer) return answer.end;
            yield answer.text;
          }
        } finally {
          // Done, failed or the client went away: the thread and its connection go.
          await worker.terminate();
        }
      })();
    },
  };
}
