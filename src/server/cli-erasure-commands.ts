/**
 * `optin-elements erase`, `suppression` and `retention`: erasure, the suppression export and the
 * retention period, straight on the ledger (see docs/erasure.md). Each needs the receiver's key
 * file: the suppression hashes are salted with a secret derived from it.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RecordSubject } from '../core/record/consent-record.js';
import { eraseSubject } from './erasure/erase-subject.js';
import { applyRetention, DEFAULT_KEEP_WITHDRAWALS_DAYS } from './erasure/retention.js';
import { suppressionCsv, suppressionList } from './erasure/suppression-list.js';
import { suppressionSalt } from './erasure/suppression-hash.js';
import { defaultKeyFile } from './key-file.js';
import { describeLedger, isPostgresUrl, openConsentStore } from './open-consent-store.js';
import { normalizeSubjectPhone } from './phone-normalization.js';
import { subjectProblem } from './preference-tokens.js';
import { loadReceiverKey } from './receiver-key.js';

export const ERASURE_COMMANDS_USAGE = `       optin-elements erase --db consents.db [--key-file FILE] (--phone +4915123456789 | --bsuid US.1349…)
       optin-elements suppression --db consents.db [--key-file FILE] [--format csv|json] [--hashed] [--print-salt]
       optin-elements retention --db consents.db [--key-file FILE] --older-than DAYS [--keep-withdrawals-days DAYS] [--dry-run]

  erase        erases one person's personal data (and their linked identities') from the ledger, the review
               queue and the webhook journal; a salted hash stays so they are not messaged again
  suppression  prints everyone who must not get marketing (stopped everything, stopped marketing, erased), one
               row per phone number or BSUID; --hashed gives only salted hashes (erased persons are always hashed);
               --print-salt prints the salt (hex) a BSP needs to match the hashes, and nothing else
  retention    erases persons whose records are all older than DAYS and who hold no grant; a person who withdrew
               is kept until --keep-withdrawals-days (default ${DEFAULT_KEEP_WITHDRAWALS_DAYS}, six years) passed; --dry-run only counts`;

type Command = 'erase' | 'suppression' | 'retention';

function wholeDays(value: string | undefined, name: string): number | string {
  if (value === undefined || !/^[0-9]{1,6}$/.test(value)) return `${name} must be a whole number of days`;
  return Number(value);
}

/** Returns the exit code. */
export async function runErasureCommand(command: Command, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: 'consents.db' },
      'key-file': { type: 'string' },
      phone: { type: 'string' },
      bsuid: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      hashed: { type: 'boolean', default: false },
      'print-salt': { type: 'boolean', default: false },
      'older-than': { type: 'string' },
      'keep-withdrawals-days': { type: 'string', default: String(DEFAULT_KEEP_WITHDRAWALS_DAYS) },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  if (!isPostgresUrl(values.db) && !existsSync(values.db)) {
    console.error(`no ledger at ${values.db}: pass --db with the file the receiver uses`);
    return 2;
  }
  // Checked before the store opens: a bad argument changes nothing.
  let subject: RecordSubject = {};
  if (command === 'erase') {
    if (values.phone) subject.phone = values.phone;
    if (values.bsuid) subject.bsuid = values.bsuid;
    const problem = subjectProblem(subject);
    if (problem) {
      console.error(`${problem} (--phone or --bsuid)`);
      return 2;
    }
    const normalized = normalizeSubjectPhone(subject);
    if (!normalized.ok) {
      console.error(normalized.message);
      return 2;
    }
    subject = normalized.subject;
  }
  if (command === 'suppression' && values.format !== 'csv' && values.format !== 'json') {
    console.error('--format must be csv or json');
    return 2;
  }
  const olderThan = command === 'retention' ? wholeDays(values['older-than'], '--older-than') : 0;
  const keepWithdrawals = wholeDays(values['keep-withdrawals-days'], '--keep-withdrawals-days');
  if (typeof olderThan === 'string' || typeof keepWithdrawals === 'string') {
    console.error(typeof olderThan === 'string' ? olderThan : keepWithdrawals);
    return 2;
  }
  const store = await openConsentStore(values.db);
  try {
    const keyFile = values['key-file'] ?? defaultKeyFile(values.db);
    // A new key made here would salt hashes no receiver can match: say so instead.
    if (!existsSync(keyFile) && !(await store.loadServerKey())) {
      console.error(`no key file at ${keyFile}: pass --key-file with the file the receiver uses`);
      return 2;
    }
    const key = await loadReceiverKey(store, { keyFile });
    if (command === 'erase') {
      const erased = await eraseSubject(store, key, subject, { reason: 'request' });
      console.log(
        `ledger ${describeLedger(values.db)}: erased ${erased.erasedRecords} records of ${erased.identifiers} identifiers ` +
          `(${erased.reviewItems} review items, ${erased.journalEntries} webhook journal entries); erased since ${erased.erasedAt}`,
      );
      return 0;
    }
    if (command === 'suppression' && values['print-salt']) {
      console.log(Buffer.from(await suppressionSalt(key)).toString('hex'));
      return 0;
    }
    if (command === 'suppression') {
      const rows = await suppressionList(store, key, { hashed: values.hashed });
      process.stdout.write(values.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : suppressionCsv(rows));
      return 0;
    }
    const outcome = await applyRetention(store, key, { olderThanDays: olderThan, keepWithdrawalsDays: keepWithdrawals, dryRun: values['dry-run'] });
    console.log(
      `ledger ${describeLedger(values.db)}: ${values['dry-run'] ? 'would erase' : 'erased'} ${outcome.persons} persons (${outcome.records} records; ` +
        `${outcome.suppressed} keep a suppression entry); kept ${outcome.keptWithGrant} holding a grant and ${outcome.keptWithdrawal} whose withdrawal is inside its period`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
