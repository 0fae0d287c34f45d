/**
 * Checks a whole ledger: every chain link, every record signature and hash,
 * every receipt. Stops at the first broken row, because every link after a
 * broken one is suspect anyway.
 */
import { canonicalize } from '../core/canonical-json.js';
import { hex, utf8Bytes } from '../core/encoding.js';
import { verifyConsentRecord } from '../core/verify-consent-record.js';
import type { ConsentStore } from './consent-store.js';
import { chainHash, LEDGER_GENESIS } from './ledger-chain.js';
import { serverVerificationCrypto as primitives } from './platform-crypto.js';
import { createReceiptVerifier } from './receipt-verifier.js';
import { loadReceiverKey } from './receiver-key.js';

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
  firstBroken?: BrokenRow;
}

const PAGE = 500;

export async function verifyLedger(store: ConsentStore): Promise<LedgerVerification> {
  const hasKey = (await store.loadServerKey()) !== undefined;
  const verifyReceipt = hasKey ? createReceiptVerifier((await loadReceiverKey(store)).publicJwk) : undefined;
  let prevHash = LEDGER_GENESIS;
  let expectedSeq = 1;
  let rowsChecked = 0;
  for (let afterSeq = 0; ; ) {
    const page = await store.list({ afterSeq, limit: PAGE });
    if (page.length === 0) break;
    for (const entry of page) {
      rowsChecked += 1;
      const broken = (reason: string): LedgerVerification => ({ ok: false, rowsChecked, firstBroken: { seq: entry.seq, id: entry.id, reason } });
      if (entry.seq !== expectedSeq) return broken(`expected row ${expectedSeq} here: a row is missing`);
      if (entry.prevHash !== prevHash) return broken('its prevHash is not the previous row\'s chainHash');
      const expectedChain = chainHash(prevHash, entry);
      if (entry.chainHash !== expectedChain) return broken('its chainHash does not match its contents');
      if (entry.record.id !== entry.id) return broken('the record id differs from the row id');
      if (hex(await primitives.sha256(utf8Bytes(canonicalize(entry.record)))) !== entry.recordHash) {
        return broken('the stored record does not match its recordHash');
      }
      // No clock checks here: the receiver judged capturedAt against receivedAt when it stored the row.
      const verified = await verifyConsentRecord(entry.record, {
        now: new Date(entry.receivedAt),
        maxFutureSkewMs: Number.MAX_SAFE_INTEGER,
        crypto: primitives,
      });
      if (!verified.ok) return broken(`the record does not verify: ${verified.errors.map((e) => e.message).join('; ')}`);
      if (!verifyReceipt) return broken('the ledger has no receiver key to check receipts with');
      const claims = await verifyReceipt(entry.receipt);
      if (!claims || claims.id !== entry.id || claims.recordHash !== entry.recordHash || claims.receivedAt !== entry.receivedAt) {
        return broken('its receipt is not a valid signature of the receiver over this row');
      }
      prevHash = entry.chainHash;
      expectedSeq += 1;
      afterSeq = entry.seq;
    }
  }
  return { ok: true, rowsChecked };
}
