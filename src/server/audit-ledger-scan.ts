/**
 * The whole-ledger audit, read page by page: each page of rows is re-verified (as `auditEntry`
 * does), checked against the chain and added to the log's root, then handed on as text (JSON
 * items or CSV lines) before the next page is read. So an export of any size holds one page of
 * rows in memory, and whoever consumes the pages decides how fast the ledger is read.
 */
import type { PublicEcJwk } from '../core/record/detached-jws.js';
import { auditCsvRow, auditEntry } from './audit-export.js';
import type { ConsentStore } from './consent-store.js';
import { type ChainVerification, LedgerChainCheck } from './ledger-chain.js';
import { CompactRoot } from './log/compact-root.js';
import { receiptLeafHash } from './log/receipt-leaf.js';
import { createReceiptVerifier } from './receipt-verifier.js';

/** Rows per page: a page's verification is a few tens of milliseconds of CPU. */
export const AUDIT_PAGE_ROWS = 100;

export type AuditFormat = 'json' | 'csv';

/** What the export learns only at its end: the chain's state and the log over every row read. */
export interface LedgerScanSummary {
  chain: ChainVerification;
  /** Rows read, which are the log's leaves. */
  size: number;
  /** RFC 9162 root over the rows' receipts, base64. */
  rootHash: string;
}

export interface LedgerScanOptions {
  /** The receiver's published receipt keys (its JWKS's `keys`). */
  jwks: ReadonlyArray<PublicEcJwk & { kid?: string }>;
  format: AuditFormat;
  /** The last `seq` to export: the ledger as it was when the export began. Default: until a page comes back short. */
  upToSeq?: number;
  pageRows?: number;
  /** Awaited between pages, so other work of this thread (intake) runs between them. */
  pause?: () => Promise<void>;
}

/**
 * Yields one text per page: JSON items joined by `,` (an array's inside, without brackets), or
 * CSV lines each ending in CRLF (no header). Returns the summary after the last page.
 */
export async function* auditLedgerPages(store: ConsentStore, options: LedgerScanOptions): AsyncGenerator<string, LedgerScanSummary> {
  const pageRows = options.pageRows ?? AUDIT_PAGE_ROWS;
  const last = options.upToSeq ?? Number.POSITIVE_INFINITY;
  const verifyReceipt = createReceiptVerifier(options.jwks);
  const chain = new LedgerChainCheck();
  const root = new CompactRoot();
  let afterSeq = 0;
  while (afterSeq < last) {
    const page = (await store.list({ afterSeq, limit: pageRows })).filter((entry) => entry.seq <= last);
    if (page.length === 0) break;
    const items: string[] = [];
    for (const entry of page) {
      const chainOk = chain.add(entry);
      root.append(receiptLeafHash(entry.receipt));
      const audited = await auditEntry(entry, verifyReceipt);
      items.push(options.format === 'csv' ? `${auditCsvRow(audited, chainOk)}\r\n` : JSON.stringify(audited));
    }
    afterSeq = page.at(-1)!.seq;
    yield items.join(options.format === 'csv' ? '' : ',');
    if (page.length < pageRows) break;
    await options.pause?.();
  }
  return { chain: chain.verification, size: root.size, rootHash: Buffer.from(root.rootHash()).toString('base64') };
}
