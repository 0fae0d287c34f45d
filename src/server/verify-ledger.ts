/**
 * Checks a whole ledger: every chain link, every record signature and hash,
 * every receipt. Stops at the first broken row, because every link after a
 * broken one is suspect anyway. With a checkpoint saved earlier (by a witness,
 * or anyone who fetched `/log/checkpoint`), also that the ledger still holds
 * the very log that checkpoint committed to: the only check here that someone
 * holding the file, or even the key file, cannot satisfy after a rewrite.
 */
import { canonicalize } from '../core/record/canonical-json.js';
import { hex, utf8Bytes } from '../core/record/encoding.js';
import { verifyConsentRecord } from '../core/record/verify-consent-record.js';
import type { ConsentStore } from './consent-store.js';
import { chainHash, LEDGER_GENESIS } from './ledger-chain.js';
import { serverVerificationCrypto as primitives } from './platform-crypto.js';
import { createReceiptVerifier } from './receipt-verifier.js';
import { checkpointProblem } from './log/checkpoint-check.js';
import { MerkleTree } from './log/merkle-tree.js';
import { receiptLeafHash } from './log/receipt-leaf.js';
import { parseNoteVerifier } from './log/signed-note.js';
import { loadPublishedKeys } from './receiver-key.js';

export interface BrokenRow {
  seq: number;
  id: string;
  /** What is wrong with it, in a sentence. */
  reason: string;
}

export interface LedgerVerification {
  ok: boolean;
  /** Rows checked (up to and including the first broken one). */
  rowsChecked: number;
  /** Of those, rows whose record was erased: chain, receipt and log checked, no record left to check. */
  erasedRows: number;
  firstBroken?: BrokenRow;
  /** With `checkpoint`: why the ledger is not the log the checkpoint committed to. */
  checkpointProblem?: string;
  /** With `checkpoint` and no problem: the checkpoint's tree size the ledger was checked against. */
  checkpointSize?: number;
}

export interface VerifyLedgerOptions {
  /** Where the public keys are read from (default beside the database); nothing is written. */
  keyFile?: string;
  /** A signed checkpoint (C2SP note text) saved before: the ledger must still contain exactly that log. */
  checkpoint?: string;
  /** The log's note verifier key to check the checkpoint with (default: the key file's). */
  logKey?: string;
  /**
   * When the checkpoint was saved: a row beyond it that claims to have been received more than
   * `CHECKPOINT_CLOCK_TOLERANCE_MS` before then was not in the log at that time (a backdated insertion).
   */
  checkpointSavedAt?: Date;
}

export { CHECKPOINT_CLOCK_TOLERANCE_MS } from './log/checkpoint-check.js';

const PAGE = 500;

export async function verifyLedger(store: ConsentStore, options: VerifyLedgerOptions = {}): Promise<LedgerVerification> {
  const published = await loadPublishedKeys(store, { keyFile: options.keyFile });
  const verifyReceipt = published.receiptKeys.length > 0 ? createReceiptVerifier(published.receiptKeys) : undefined;
  // Recomputed from the receipts in the rows: the file's own log table is not trusted here.
  const tree = new MerkleTree();
  const receivedAt: string[] = [];
  let prevHash = LEDGER_GENESIS;
  let expectedSeq = 1;
  let rowsChecked = 0;
  let erasedRows = 0;
  for (let afterSeq = 0; ;) {
    const page = await store.list({ afterSeq, limit: PAGE });
    if (page.length === 0) break;
    for (const entry of page) {
      rowsChecked += 1;
      const broken = (reason: string): LedgerVerification => ({ ok: false, rowsChecked, erasedRows, firstBroken: { seq: entry.seq, id: entry.id, reason } });
      if (entry.seq !== expectedSeq) return broken(`expected row ${expectedSeq} here: a row is missing`);
      if (entry.prevHash !== prevHash) return broken("its prevHash is not the previous row's chainHash");
      const expectedChain = chainHash(prevHash, entry);
      if (entry.chainHash !== expectedChain) return broken('its chainHash does not match its contents');
      if (entry.record.id !== entry.id) return broken('the record id differs from the row id');
      if (entry.erased) erasedRows += 1;
      else if (hex(await primitives.sha256(utf8Bytes(canonicalize(entry.record)))) !== entry.recordHash) {
        return broken('the stored record does not match its recordHash');
      }
      // No clock checks here: the receiver judged capturedAt against receivedAt when it stored the row.
      const verified = entry.erased
        ? { ok: true as const }
        : await verifyConsentRecord(entry.record, { now: new Date(entry.receivedAt), maxFutureSkewMs: Number.MAX_SAFE_INTEGER, crypto: primitives });
      if (!verified.ok) return broken(`the record does not verify: ${verified.errors.map((e) => e.message).join('; ')}`);
      if (!verifyReceipt) return broken('the ledger has no receiver key to check receipts with');
      const claims = await verifyReceipt(entry.receipt);
      if (!claims || claims.id !== entry.id || claims.recordHash !== entry.recordHash || claims.receivedAt !== entry.receivedAt) {
        return broken('its receipt is not a valid signature of the receiver over this row');
      }
      tree.append(receiptLeafHash(entry.receipt));
      receivedAt.push(entry.receivedAt);
      prevHash = entry.chainHash;
      expectedSeq += 1;
      afterSeq = entry.seq;
    }
  }
  if (options.checkpoint === undefined) return { ok: true, rowsChecked, erasedRows };
  const verifier = options.logKey !== undefined ? parseNoteVerifier(options.logKey) : published.log;
  const problem = checkpointProblem(tree, receivedAt, options.checkpoint, verifier, options.checkpointSavedAt);
  return problem ? { ok: false, rowsChecked, erasedRows, checkpointProblem: problem } : { ok: true, rowsChecked, erasedRows, checkpointSize: tree.size };
}
