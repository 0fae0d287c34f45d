/**
 * Signs checkpoints for the receiver's answers and routes. A checkpoint is
 * signed only when the log has grown since the last one, and every answer of
 * one group-committed batch shares it: at most one Ed25519 signature (tens of
 * microseconds) per write transaction, instead of one per record.
 */
import type { ConsentStore, LedgerEntry } from '../consent-store.js';
import type { ReceiverKey } from '../receiver-key.js';
import { signCheckpoint } from './checkpoint.js';
import type { LogView } from './merkle-tree.js';

/** The log part of a stored record's answer. */
export interface ReceiptLogProof {
  leafIndex: number;
  /** Size of the tree the proof and checkpoint are for. */
  treeSize: number;
  inclusionProof: string[];
  checkpoint: string;
}

export interface SignedCheckpoint {
  size: number;
  note: string;
}

export class CheckpointPublisher {
  private latest: (SignedCheckpoint & { tree: LogView }) | undefined;

  constructor(
    private readonly store: ConsentStore,
    private readonly key: () => Promise<ReceiverKey>,
  ) {}

  get enabled(): boolean {
    return typeof this.store.ledgerLog === 'function';
  }

  async log(): Promise<LogView> {
    return this.store.ledgerLog!();
  }

  /** A checkpoint covering at least `minimumSize` leaves (the newest signed one when it does). */
  async checkpoint(minimumSize = Number.MAX_SAFE_INTEGER): Promise<SignedCheckpoint & { tree: LogView }> {
    const { log } = await this.key();
    const tree = await this.log();
    if (!this.latest || (this.latest.size < minimumSize && this.latest.size < tree.size)) {
      const note = signCheckpoint({ origin: log.origin, size: tree.size, rootHash: tree.rootHash() }, log.privateKey, log.rawPublicKey);
      this.latest = { size: tree.size, note, tree };
    }
    return this.latest;
  }

  async proofFor(entry: LedgerEntry): Promise<ReceiptLogProof | undefined> {
    if (!this.enabled) return undefined;
    // The rest of a batch finds the checkpoint its first answer signed, without asking the store:
    // the tree only grows, so a proof for an earlier size stays valid.
    const latest = this.latest && this.latest.size >= entry.seq ? this.latest : await this.checkpoint(entry.seq);
    const { size, note, tree } = latest;
    if (entry.seq > size) return undefined;
    const leafIndex = entry.seq - 1;
    return {
      leafIndex,
      treeSize: size,
      inclusionProof: tree.inclusionProof(leafIndex, size).map((h) => Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString('base64')),
      checkpoint: note,
    };
  }
}
