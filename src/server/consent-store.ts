/** Where the receiver keeps records: an append-only ledger behind an interface, so a server database can replace SQLite. */
import type { ConsentRecord, RecordSubject } from '../core/consent-record.js';
import type { LogView } from './log/merkle-tree.js';

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
}

export interface LedgerEntry extends NewLedgerEntry {
  /** Position in the ledger, from 1. */
  seq: number;
  /** `chainHash` of the previous entry (`LEDGER_GENESIS` for the first). */
  prevHash: string;
  /** SHA-256 over the previous hash and this entry: see `ledger-chain.ts`. */
  chainHash: string;
}

export interface ConsentStore {
  findById(id: string): Promise<LedgerEntry | undefined>;
  /**
   * Appends an entry, chained to the last one, unless an entry with the same id
   * exists: then that one is returned with `created: false`. Atomic.
   */
  append(entry: NewLedgerEntry): Promise<{ entry: LedgerEntry; created: boolean }>;
  /** Entries in ledger order. */
  list(options?: { afterSeq?: number; limit?: number }): Promise<LedgerEntry[]>;
  /**
   * Entries whose record's subject has this phone or this bsuid, in ledger order.
   * Optional: without it, the preference and audit routes filter `list()`.
   */
  listBySubject?(subject: RecordSubject): Promise<LedgerEntry[]>;
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
   * The verifiable log (RFC 9162) whose leaf `seq - 1` is `receiptLeafHash(entry.receipt)`,
   * extended in the same transaction as `append()`. Optional: the log routes are off without it.
   */
  ledgerLog?(): Promise<LogView>;
  close(): Promise<void>;
}
