/** Checks that a receipt is in the log, under a signed checkpoint, by its inclusion proof. */
import { openCheckpoint } from './checkpoint.js';
import { verifyInclusion } from './merkle-proofs.js';
import { receiptLeafHash } from './receipt-leaf.js';
import { parseNoteVerifier } from './signed-note.js';

/** The log part of the receiver's answer to `POST /consents`, plus the verifier key the checker trusts. */
export interface ReceiptInLog {
  /** The receipt's leaf index (the ledger's `seq` − 1). */
  leafIndex: number;
  /** Base64 hashes, RFC 9162 PATH(leafIndex, tree of the checkpoint's size). */
  inclusionProof: string[];
  /** The signed checkpoint note (C2SP tlog-checkpoint) the proof leads to. */
  checkpoint: string;
  /** The log's note verifier key (`origin+hash+key`), as pinned by whoever checks: never taken from the answer itself. */
  logKey: string;
}

export function receiptInclusionProblem(receipt: string, inLog: ReceiptInLog): string | undefined {
  const verifier = parseNoteVerifier(inLog.logKey);
  if (!verifier) return 'the log key is not an Ed25519 note verifier key';
  const opened = openCheckpoint(inLog.checkpoint, verifier);
  if (!opened.ok) return opened.reason;
  const proof = inLog.inclusionProof.map((h) => new Uint8Array(Buffer.from(h, 'base64')));
  if (!verifyInclusion(inLog.leafIndex, opened.checkpoint.size, receiptLeafHash(receipt), proof, opened.checkpoint.rootHash)) {
    return `the receipt is not leaf ${inLog.leafIndex} of the log of size ${opened.checkpoint.size}`;
  }
  return undefined;
}
