/**
 * Audit exports: one subject's whole history, or the whole ledger, replayed in
 * ledger order with each record re-verified (schema, notice hash, signature,
 * clock as the receiver saw it, stored hash, receipt) and the hash chain
 * checked from the first row. As JSON, or CSV for a spreadsheet.
 */
import type { ConsentRecord, ProofKind, RecordSubject } from '../core/record/consent-record.js';
import type { ErasureMark } from './erasure/erased-entry.js';
import { type ErasureFound, findErasure } from './erasure/find-erasure.js';
import { verifyConsentRecord } from '../core/record/verify-consent-record.js';
import type { ConsentStore, LedgerEntry } from './consent-store.js';
import { type ChainVerification, LedgerChainCheck } from './ledger-chain.js';

export type { ChainVerification } from './ledger-chain.js';
import { platformVerificationCrypto } from './platform-crypto.js';
import { type ReceiverKey, receiverKidsOf } from './receiver-key.js';
import { createReceiptVerifier, type ReceiptVerifier } from './receipt-verifier.js';
import type { CategoryRegistry } from './category-registry.js';
import { signCheckpoint } from './log/checkpoint.js';
import { checkpointProblem } from './log/checkpoint-check.js';
import type { SavedCheckpoint } from './log/checkpoint-file.js';
import { MerkleTree } from './log/merkle-tree.js';
import { receiptLeafHash } from './log/receipt-leaf.js';
import { parseNoteVerifier } from './log/signed-note.js';
import { deriveSubjectState, type SubjectState } from './subject-state.js';
import { resolvePerson } from './subject-identities.js';
import type { ReviewItem } from './review/review-queue.js';

export interface EntryVerification {
  ok: boolean;
  /** Signature, hash, schema and clock problems of the record itself. */
  recordErrors: Array<{ code: string; message: string }>;
  /** The stored `recordHash` is the hash of the stored record; `null` when the record was erased (nothing left to hash: the receipt vouches for the hash). */
  hashMatches: boolean | null;
  /** The receipt is signed by this receiver's key over this id, hash and `receivedAt`. */
  receiptValid: boolean;
}

export interface AuditedEntry {
  seq: number;
  id: string;
  kind: string;
  receivedAt: string;
  capturedAt: string;
  keyThumbprint: string;
  /** Signed on the person's device, or attested by the receiver (see docs/channels.md). */
  proofKind: ProofKind;
  recordHash: string;
  prevHash: string;
  chainHash: string;
  receipt: string;
  /** For an erased row (see `erased`): an empty placeholder, no subject, empty texts, nothing personal. */
  record: ConsentRecord;
  /** Set when the record's personal data was erased: when, and why (`request` or `retention`). */
  erased?: ErasureMark;
  verification: EntryVerification;
  /** In a subject's export: the entry's leaf and its RFC 9162 inclusion proof (base64) against `log.checkpoint`. */
  log?: { leafIndex: number; inclusionProof: string[] };
}

/** The ledger's log as of the export: a checkpoint signed now, and the check against one saved earlier. */
export interface AuditLog {
  /** The log verifier key the checkpoint is signed with. */
  logKey: string;
  /** A C2SP checkpoint of the whole ledger at export time; each entry's inclusion proof (subject exports) leads to it. */
  checkpoint: string;
  /** With a checkpoint saved earlier: whether the ledger still holds exactly that log (see verify-ledger). */
  savedCheckpoint?: { ok: boolean; problem?: string };
}

export interface AuditExportOptions {
  /** A checkpoint saved earlier (a witness's, an auditor's), to check the ledger against. */
  checkpoint?: SavedCheckpoint;
  /** The business's configured categories: the labels a subject's state shows. */
  categories?: CategoryRegistry;
}

export interface AuditExport {
  generatedAt: string;
  log: AuditLog;
  /** Present for a subject's export. */
  subject?: RecordSubject;
  /** Present for a subject's export: the state the history leads to. */
  state?: SubjectState;
  /** In a subject's export, when the subject was erased: their records before `erasedAt` are among the erased rows, with no subject left. */
  erasure?: ErasureFound;
  chain: ChainVerification;
  entries: AuditedEntry[];
  /**
   * In a subject's export, where the store keeps a review queue: the person's messages held for the
   * business to review (possible opt-outs), open or settled, from their own and their checked
   * linked identifiers. Their personal data too, so a subject access request includes them.
   */
  review?: ReviewItem[];
}

/** Checks every link of the chain; `entries` must be the whole ledger in order. */
export function verifyLedgerChain(entries: readonly LedgerEntry[]): ChainVerification {
  const check = new LedgerChainCheck();
  for (const entry of entries) if (!check.add(entry)) break;
  return check.verification;
}

export async function auditEntry(entry: LedgerEntry, verifyReceipt: ReceiptVerifier): Promise<AuditedEntry> {
  if (entry.erased) return auditErasedEntry(entry, verifyReceipt);
  // Replayed with the receiver's clock at arrival, so a late check does not fail a record that was fine then.
  const result = await verifyConsentRecord(entry.record, { now: new Date(entry.receivedAt), crypto: platformVerificationCrypto });
  const claims = await verifyReceipt(entry.receipt);
  const hashMatches = result.ok && result.recordHash === entry.recordHash;
  const receiptValid = claims !== undefined && claims.id === entry.id && claims.recordHash === entry.recordHash && claims.receivedAt === entry.receivedAt;
  const recordErrors = result.ok ? [] : result.errors.map(({ code, message }) => ({ code, message }));
  return {
    seq: entry.seq,
    id: entry.id,
    kind: entry.record.kind,
    receivedAt: entry.receivedAt,
    capturedAt: entry.record.capturedAt,
    keyThumbprint: entry.keyThumbprint,
    proofKind: 'attestation' in entry.record.proof ? 'receiver-attested' : 'device-signed',
    recordHash: entry.recordHash,
    prevHash: entry.prevHash,
    chainHash: entry.chainHash,
    receipt: entry.receipt,
    record: entry.record,
    verification: { ok: result.ok && hashMatches && receiptValid, recordErrors, hashMatches, receiptValid },
  };
}

/** An erased row as such: its receipt and chain still checked, no record left to verify or show. */
async function auditErasedEntry(entry: LedgerEntry, verifyReceipt: ReceiptVerifier): Promise<AuditedEntry> {
  const claims = await verifyReceipt(entry.receipt);
  const receiptValid = claims !== undefined && claims.id === entry.id && claims.recordHash === entry.recordHash && claims.receivedAt === entry.receivedAt;
  return {
    seq: entry.seq,
    id: entry.id,
    kind: entry.record.kind,
    receivedAt: entry.receivedAt,
    capturedAt: '',
    keyThumbprint: entry.keyThumbprint,
    proofKind: 'device-signed',
    recordHash: entry.recordHash,
    prevHash: entry.prevHash,
    chainHash: entry.chainHash,
    receipt: entry.receipt,
    record: entry.record,
    erased: entry.erased,
    verification: { ok: receiptValid, recordErrors: [], hashMatches: null, receiptValid },
  };
}

/** The log recomputed from the rows (never from the store's own log table), signed now, and checked against a saved checkpoint. */
function auditLog(entries: readonly LedgerEntry[], key: ReceiverKey, saved: SavedCheckpoint | undefined): AuditLog {
  const tree = new MerkleTree();
  for (const entry of entries) tree.append(receiptLeafHash(entry.receipt));
  return signedLog(
    tree,
    entries.map((e) => e.receivedAt),
    key,
    saved,
  );
}

function signedLog(tree: MerkleTree, receivedAt: string[], key: ReceiverKey, saved: SavedCheckpoint | undefined): AuditLog {
  const checkpoint = signCheckpoint({ origin: key.log.origin, size: tree.size, rootHash: tree.rootHash() }, key.log.privateKey, key.log.rawPublicKey);
  const log: AuditLog = { logKey: key.log.verifier.text, checkpoint };
  if (saved) {
    const verifier = saved.logKey !== undefined ? parseNoteVerifier(saved.logKey) : key.log.verifier;
    const problem = checkpointProblem(tree, receivedAt, saved.checkpoint, verifier, saved.checkpointSavedAt);
    log.savedCheckpoint = problem ? { ok: false, problem } : { ok: true };
  }
  return log;
}

export async function exportLedger(store: ConsentStore, key: ReceiverKey, now = new Date(), options: AuditExportOptions = {}): Promise<AuditExport> {
  const entries = await store.list();
  const verifyReceipt = createReceiptVerifier(key.publishedJwks);
  return {
    generatedAt: now.toISOString(),
    log: auditLog(entries, key, options.checkpoint),
    chain: verifyLedgerChain(entries),
    entries: await Promise.all(entries.map((entry) => auditEntry(entry, verifyReceipt))),
  };
}

/** Rows per read of the whole-ledger pass of a subject's export; the event loop takes other work between reads. */
const SUBJECT_PASS_PAGE_ROWS = 500;

/**
 * The chain check and the log of the whole ledger, read a page at a time with a pause between
 * pages (so intake goes on), keeping only the leaves (32 bytes a row) and where `ids` sit.
 */
async function ledgerPass(
  store: ConsentStore,
  ids: ReadonlySet<string>,
): Promise<{ chain: ChainVerification; tree: MerkleTree; leafOf: Map<string, number>; receivedAt: string[] }> {
  const upToSeq = (await store.lastSeq?.()) ?? Number.POSITIVE_INFINITY;
  const check = new LedgerChainCheck();
  const tree = new MerkleTree();
  const leafOf = new Map<string, number>();
  const receivedAt: string[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = (await store.list({ afterSeq, limit: SUBJECT_PASS_PAGE_ROWS })).filter((entry) => entry.seq <= upToSeq);
    for (const entry of page) {
      check.add(entry);
      if (ids.has(entry.id)) leafOf.set(entry.id, tree.size);
      tree.append(receiptLeafHash(entry.receipt));
      receivedAt.push(entry.receivedAt);
    }
    if (page.length < SUBJECT_PASS_PAGE_ROWS) break;
    afterSeq = page.at(-1)!.seq;
    await new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
  }
  return { chain: check.verification, tree, leafOf, receivedAt };
}

/** The subject's every record in order, each re-verified, with the chain check of the whole ledger it sits in. */
export async function exportSubjectHistory(
  store: ConsentStore,
  key: ReceiverKey,
  subject: RecordSubject,
  now = new Date(),
  options: AuditExportOptions = {},
): Promise<AuditExport> {
  const person = await resolvePerson(store, subject, receiverKidsOf(key));
  const mine = person.entries;
  const verifyReceipt = createReceiptVerifier(key.publishedJwks);
  // Each entry provable on its own against the export's checkpoint, without the rest of the ledger.
  const erasure = await findErasure(store, key, subject);
  const { chain, tree, leafOf, receivedAt } = await ledgerPass(store, new Set(mine.map((entry) => entry.id)));
  const log = signedLog(tree, receivedAt, key, options.checkpoint);
  // Identifiers linked only by a record naming both (anyone can post one) lend no messages here.
  const checked = person.identities.filter((identity) => identity.evidence !== 'named-together');
  const identifiers = [subject.phone, subject.bsuid, ...checked.flatMap((identity) => [identity.phone, identity.bsuid])];
  const review = await store.reviewItemsFor?.([...new Set(identifiers.filter((value): value is string => Boolean(value)))]);
  return {
    generatedAt: now.toISOString(),
    subject,
    ...(erasure ? { erasure } : {}),
    ...(review ? { review } : {}),
    state: deriveSubjectState(subject, mine, receiverKidsOf(key), options.categories, person.identities),
    log,
    chain,
    entries: await Promise.all(
      mine
        .filter((entry) => leafOf.has(entry.id))
        .map(async (entry) => {
          const leafIndex = leafOf.get(entry.id)!;
          const inclusionProof = tree.inclusionProof(leafIndex).map((h) => Buffer.from(h).toString('base64'));
          return { ...(await auditEntry(entry, verifyReceipt)), log: { leafIndex, inclusionProof } };
        }),
    ),
  };
}

const CSV_COLUMNS = [
  'seq',
  'id',
  'kind',
  'received_at',
  'captured_at',
  'phone',
  'bsuid',
  'channel',
  'categories',
  'notice_locale',
  'notice_sha256',
  'confirms_record_id',
  'key_thumbprint',
  'record_hash',
  'prev_hash',
  'chain_hash',
  'record_valid',
  'hash_matches',
  'receipt_valid',
  'errors',
  'chain_ok',
  'erased_at',
] as const;

/**
 * One CSV field. Quotes when needed; a cell a spreadsheet would run as a
 * formula (`=`, `@`, `+`/`-` not followed by a digit) gets a leading `'`.
 */
function csvField(value: string): string {
  const safe = /^[=@\t\r]|^[+-](?![0-9])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const AUDIT_CSV_HEADER = CSV_COLUMNS.join(',');

/** One entry's CSV line (no line end); `chainOk`: the chain holds up to and including this row. */
export function auditCsvRow(entry: AuditedEntry, chainOk: boolean): string {
  // An erased row's placeholder record is empty: its cells are too.
  const { record, verification } = entry;
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    seq: String(entry.seq),
    id: entry.id,
    kind: entry.kind,
    received_at: entry.receivedAt,
    captured_at: entry.capturedAt,
    phone: record.subject.phone ?? '',
    bsuid: record.subject.bsuid ?? '',
    channel: record.channel,
    categories: record.categories.map((c) => `${c.id}=${c.granted ? 'granted' : 'refused'}`).join(';'),
    notice_locale: record.notice.locale,
    notice_sha256: record.notice.sha256,
    confirms_record_id: record.confirms?.recordId ?? '',
    key_thumbprint: entry.keyThumbprint,
    record_hash: entry.recordHash,
    prev_hash: entry.prevHash,
    chain_hash: entry.chainHash,
    record_valid: String(verification.recordErrors.length === 0),
    hash_matches: verification.hashMatches === null ? 'erased' : String(verification.hashMatches),
    receipt_valid: String(verification.receiptValid),
    errors: verification.recordErrors.map((e) => e.code).join(';'),
    chain_ok: String(chainOk),
    erased_at: entry.erased?.at ?? '',
  };
  return CSV_COLUMNS.map((column) => csvField(cells[column])).join(',');
}

/** RFC 4180 CSV, one row per record; `chain_ok` says whether the chain holds up to and including the row. */
export function auditCsv(audit: AuditExport): string {
  const rows = audit.entries.map((entry) =>
    auditCsvRow(entry, audit.chain.ok || (audit.chain.brokenAtSeq !== undefined && entry.seq < audit.chain.brokenAtSeq)),
  );
  return `${[AUDIT_CSV_HEADER, ...rows].join('\r\n')}\r\n`;
}
