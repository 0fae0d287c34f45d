/**
 * `optin-elements import`: brings earlier opt-ins (a list kept before this receiver) into the
 * ledger, each row an attested `source: import` record whose attestation keeps the file's
 * SHA-256 and the row's line. All or nothing at the check: while any row is bad, nothing is
 * stored, and every bad row is reported. A row's record id derives from its content (who, what,
 * when, the text), not from its place in the file, so importing the same list again, fixed,
 * reordered or merged with another, stores each opt-in once.
 *
 * An imported record is the business's word, attested by its receiver: it says what the file
 * said, not that the person said it. So it never carries the person's authority: a grant of a
 * category the person has stopped waits for their confirmation (`needs-confirmation`).
 */
import { buildConsentRecord } from '../../core/record/build-consent-record.js';
import { hex, sha256Hex } from '../../core/record/encoding.js';
import { appendVerifiedRecord } from '../append-verified-record.js';
import type { ConsentStore } from '../consent-store.js';
import { receiverRecordId } from '../inbound-records.js';
import type { ReceiverKey } from '../receiver-key.js';
import { attestWithReceiverKey, receiverKeyPair } from '../receiver-attestation.js';
import { type ImportRow, readImportRows, type RowProblem } from './import-rows.js';

export interface ImportOptions {
  /** The business the people agreed to hear from, as the records name it. */
  businessName: string;
  privacyUrl?: string | null;
  /** Check every row and report; store nothing. */
  dryRun?: boolean;
  /** The receiver's clock. */
  now?: Date;
}

export interface ImportReport {
  /** Lowercase hex SHA-256 of the file's bytes, as every record's attestation keeps it. */
  fileSha256: string;
  /** Rows read (good ones). */
  rows: number;
  /** Every bad row with its line and reason; when there is any, nothing was stored. */
  problems: RowProblem[];
  /** Records stored by this run. */
  stored: number;
  /** Rows whose opt-in the ledger already held (an earlier import, or the same row twice). */
  alreadyStored: number;
  dryRun: boolean;
}

/** Appends this many at once, so the store's group commit writes them in one transaction. */
const BATCH = 100;

/** The same opt-in, wherever it sits in whichever file, gets the same id. */
async function importRecordId(row: ImportRow): Promise<string> {
  const what = row.categories
    .map((c) => c.id)
    .sort()
    .join(';');
  const text = await sha256Hex(row.noticeText);
  return receiverRecordId(`optin-import:${row.subject.phone ?? ''}|${row.subject.bsuid ?? ''}|${row.channel}|${row.capturedAt.toISOString()}|${what}|${text}`);
}

interface Signer {
  key: ReceiverKey;
  pair: CryptoKeyPair;
}

async function storeRow(store: ConsentStore, signer: Signer, row: ImportRow, fileSha256: string, options: ImportOptions, now: Date) {
  const id = await importRecordId(row);
  // Found before anything is signed: importing a list again costs a look-up per row.
  const existing = await store.findById(id);
  if (existing) return { ok: true as const, entry: existing, created: false };
  const business = options.businessName.trim();
  const unsigned = await buildConsentRecord({
    id,
    kind: 'opt-in',
    subject: row.subject,
    business: { name: business, privacyUrl: options.privacyUrl ?? null },
    channel: row.channel,
    categories: row.categories,
    notice: { locale: row.locale, text: row.noticeText },
    source: 'import',
    pageUrl: row.pageUrl,
    ...(row.locationId ? { locationId: row.locationId } : {}),
    // What the receiver can say of an imported text: whether it names the business. It did not see it shown.
    policy: { profile: 'import', checks: [{ id: 'business-named', passed: row.noticeText.toLowerCase().includes(business.toLowerCase()) }] },
    capturedAt: row.capturedAt,
  });
  const record = await attestWithReceiverKey(signer.pair, unsigned, {
    evidence: 'import',
    attestedAt: now.toISOString(),
    importSha256: fileSha256,
    importLine: row.line,
  });
  return appendVerifiedRecord(store, signer.key, record, now);
}

export async function importOptIns(store: ConsentStore, key: ReceiverKey, file: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const fileSha256 = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(file))));
  const report: ImportReport = { fileSha256, rows: 0, problems: [], stored: 0, alreadyStored: 0, dryRun: options.dryRun === true };
  if (!options.businessName.trim()) throw new TypeError('businessName must name the business the people agreed to hear from');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return { ...report, problems: [{ line: 1, reason: 'the file is not UTF-8 text' }] };
  }
  const { rows, problems } = readImportRows(text, now);
  report.rows = rows.length;
  report.problems = problems;
  if (problems.length > 0 || report.dryRun) return report;
  const signer = { key, pair: await receiverKeyPair(key) };
  for (let start = 0; start < rows.length; start += BATCH) {
    const outcomes = await Promise.all(rows.slice(start, start + BATCH).map((row) => storeRow(store, signer, row, fileSha256, options, now)));
    outcomes.forEach((outcome, i) => {
      if (!outcome.ok) report.problems.push({ line: rows[start + i].line, reason: outcome.errors.map((e) => e.message).join('; ') });
      else if (outcome.created) report.stored++;
      else report.alreadyStored++;
    });
  }
  return report;
}
