/** Where the receiver keeps records: an append-only ledger behind an interface, so a server database can replace SQLite. */
import type { FunnelCounts } from './funnel/funnel-counts.js';
import type { ConsentRecord, RecordSubject } from '../core/record/consent-record.js';
import type { LogView } from './log/merkle-tree.js';
import type { ReviewQueue } from './review/review-queue.js';
import type { DerivedStateStore } from './derived-subject-state.js';
import type { ChangeDeliveryStore } from './changes/delivery-lease.js';
import type { ErasureMark } from './erasure/erased-entry.js';
import type { ErasureStore } from './erasure/erasure-store.js';
import type { ThreadPromptStore } from './thread-prompts/thread-prompt-store.js';

export interface NewLedgerEntry {
  id: string;
  record: ConsentRecord;
  /** Lowercase hex SHA-256 of the record's canonical form. */
  recordHash: string;
  /** RFC 7638 thumbprint of the device key that signed the record. */
  keyThumbprint: string;
  /** The receiver's clock, authoritative. */
  receivedAt: string;
  /** The receiver's signed receipt (compact JWS). */
  receipt: string;
  /**
   * The record's server nonce, for a store with `claimsNoncesOnAppend`: claimed for this record in
   * the append's own transaction. Not part of the stored entry.
   */
  nonce?: string;
}

/** An append refused because its nonce was already used by another record; nothing was stored. */
export class NonceReplayedError extends Error {
  constructor(readonly nonce: string) {
    super('this nonce was already used by another record');
    this.name = 'NonceReplayedError';
  }
}

export interface LedgerEntry extends NewLedgerEntry {
  /** Position in the ledger, from 1. */
  seq: number;
  /** `chainHash` of the previous entry (`LEDGER_GENESIS` for the first). */
  prevHash: string;
  /** SHA-256 over the previous hash and this entry: see `ledger-chain.ts`. */
  chainHash: string;
  /**
   * Set when the record's personal data was erased (`erasure/erased-entry.ts`): `record` is then a
   * placeholder with no subject and empty texts, and only the row's own columns (id, hash, receipt,
   * chain) remain to check. Anything that verifies or shows a record checks this first.
   */
  erased?: ErasureMark;
}

/**
 * A verified webhook delivery, written as received before any message in it is processed, so a
 * crash or an internal error between the two loses nothing: the entry is processed again, on
 * redelivery, at the next start, or by `optin-elements reprocess-inbound`.
 */
export interface NewInboundDelivery {
  /** Lowercase hex SHA-256 of the source and the raw body (see `deliveryId`): the same delivery again finds its entry. */
  id: string;
  /** Which webhook it came through, e.g. `whatsapp`. */
  source: string;
  /** The receiver's clock when it arrived; reprocessing uses it, so a record made later is the same as one made then. */
  receivedAt: string;
  /** The raw body, exactly as signed by the platform. */
  body: string;
}

/**
 * What became of one unit of a delivery (one message, or one other notification): processed
 * (with what each message did) or rejected with the reason and the unit itself, as evidence.
 */
export type InboundUnitOutcome =
  | { status: 'processed'; results: Array<{ messageId: string } & Record<string, unknown>> }
  | { status: 'rejected'; messageId?: string; reason: string; /** The unit's JSON, at most 64 KiB of it. */ unit: string };

export interface InboundDelivery extends NewInboundDelivery {
  /** `done` once every unit is settled; its `body` is then emptied (the ledger holds what counts). */
  status: 'pending' | 'done';
  /** How many times processing started; a unit that fails inside the receiver this often is rejected. */
  attempts: number;
  /** Settled units by index (the order of `deliveryUnits`); an index missing here is still to process. */
  settled: Record<number, InboundUnitOutcome>;
}

/**
 * The inbound journal. Optional as a whole: a store with none of these methods processes a
 * delivery straight away, without crash recovery. A store that has them must have all of them,
 * each durable (committed) before its promise resolves.
 */
export interface InboundJournal {
  /** Writes the delivery unless one with its id exists; answers the stored entry and whether it was new. */
  journalDelivery(delivery: NewInboundDelivery): Promise<{ delivery: InboundDelivery; created: boolean }>;
  /** Counts a processing attempt; answers the new count. */
  noteDeliveryAttempt(id: string): Promise<number>;
  /** Settles one unit; the first outcome stays (a second processor settling the same unit changes nothing). */
  settleDeliveryUnit(id: string, unit: number, outcome: InboundUnitOutcome): Promise<void>;
  /** Marks the delivery done and empties its body. */
  completeDelivery(id: string): Promise<void>;
  /** Entries not done, oldest first. */
  listPendingDeliveries(): Promise<InboundDelivery[]>;
}

/**
 * The review queue (`review/review-queue.ts`) is optional as a whole too: a store without it only
 * answers possible opt-outs. So is the derived state (`derived-subject-state.ts`): without it "may I
 * send?" reads the ledger. So are delivery leases (`changes/delivery-lease.ts`): `--notify` needs them.
 * So is erasure (`erasure/erasure-store.ts`): without it the erasure route answers 501. So are the
 * issued thread prompts (`thread-prompts/thread-prompt-store.ts`) and the funnel counts.
 */
export interface ConsentStore
  extends
    Partial<InboundJournal>,
    Partial<ReviewQueue>,
    Partial<DerivedStateStore>,
    Partial<ChangeDeliveryStore>,
    Partial<ErasureStore>,
    Partial<ThreadPromptStore>,
    Partial<FunnelCounts> {
  findById(id: string): Promise<LedgerEntry | undefined>;
  /**
   * Appends an entry, chained to the last one, unless an entry with the same id
   * exists: then that one is returned with `created: false`. Atomic.
   */
  append(entry: NewLedgerEntry): Promise<{ entry: LedgerEntry; created: boolean }>;
  /** Entries in ledger order. */
  list(options?: { afterSeq?: number; limit?: number }): Promise<LedgerEntry[]>;
  /**
   * The highest `seq` stored (0 for an empty ledger). Optional: an export uses it to stop at the
   * ledger as it was when the export began, however fast records keep arriving.
   */
  lastSeq?(): Promise<number>;
  /**
   * Entries whose record's subject has this phone or this bsuid, in ledger order.
   * Optional: without it, the preference and audit routes filter `list()`.
   */
  listBySubject?(subject: RecordSubject): Promise<LedgerEntry[]>;
  /**
   * Set when `append()` claims an entry's `nonce` in the append's own transaction (no commit of
   * its own: the default path, a nonce in every record, costs no extra write), and rejects with
   * `NonceReplayedError` when another record used it. Without it, the handler calls `claimNonce` first.
   */
  readonly claimsNoncesOnAppend?: boolean;
  /**
   * Marks a nonce as used by `recordId`. Answers `true` when it was free or is
   * already held by that same record (a retry), `false` when another record used it. Atomic.
   */
  claimNonce(nonce: string, recordId: string): Promise<boolean>;
  /** The receiver's own signing key (private JWK), if one was saved. */
  loadServerKey(): Promise<JsonWebKey | undefined>;
  /** Saves the key unless one exists; returns the one in force. */
  saveServerKey(privateJwk: JsonWebKey): Promise<JsonWebKey>;
  /** Removes the key `loadServerKey` answers, once it was moved to the key file (key-file.ts). */
  removeServerKey?(): Promise<void>;
  /** The database file, when the store is one file: the key file is kept beside it by default. */
  readonly location?: string;
  /**
   * What `openConsentStore` takes to open this same ledger again, read-only (a file path or a
   * `postgres://` URL): the Node server runs whole-ledger audit exports on a thread of their own,
   * with their own connection. Absent (an in-memory database, a custom store): exports run in the
   * handler's thread, page by page.
   */
  readonly readerLocation?: string;
  /**
   * The verifiable log (RFC 9162) whose leaf `seq - 1` is `receiptLeafHash(entry.receipt)`,
   * extended in the same transaction as `append()`. Optional: the log routes are off without it.
   */
  ledgerLog?(): Promise<LogView>;
  close(): Promise<void>;
}
