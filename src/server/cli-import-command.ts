/**
 * `optin-elements import --db consents.db --csv list.csv --business-name NAME [--privacy-url URL] [--dry-run]`:
 * earlier opt-ins into the ledger (see `import/import-opt-ins.ts`). Exit 0 when every row is
 * good (and, without `--dry-run`, stored), 1 when some row is bad (each printed with its line;
 * nothing stored), 2 for a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importOptIns } from './import/import-opt-ins.js';
import { IMPORT_COLUMNS } from './import/import-rows.js';
import { describeLedger, isPostgresUrl, openConsentStore } from './open-consent-store.js';
import { loadReceiverKey } from './receiver-key.js';

export const IMPORT_COMMAND_USAGE = `       optin-elements import --db consents.db --csv FILE --business-name NAME [--privacy-url URL] [--key-file FILE] [--dry-run]

  import     brings earlier opt-ins in, one attested record (source "import") per CSV row, keeping
             the file's SHA-256 and each row's line. Columns: ${IMPORT_COLUMNS.join(', ')}
             (phone or bsuid, categories, captured_at and notice_text required). Every bad row is
             reported with its line and nothing is stored until all are good; --dry-run only checks.
             Importing the same opt-ins again stores nothing twice.`;

/** Returns the exit code. */
export async function runImportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: 'consents.db' },
      csv: { type: 'string' },
      'business-name': { type: 'string' },
      'privacy-url': { type: 'string' },
      'key-file': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  if (!values.csv) throw new Error('--csv FILE is required');
  if (!values['business-name']?.trim()) throw new Error('--business-name is required: the business the people agreed to hear from');
  if (!existsSync(values.csv)) throw new Error(`--csv: no file at ${values.csv}`);
  // A mistyped --db must not start a new, empty ledger beside the real one.
  if (!isPostgresUrl(values.db) && !existsSync(values.db)) throw new Error(`--db: no ledger at ${values.db}: pass the file the receiver uses`);
  const file = readFileSync(values.csv);
  const store = await openConsentStore(values.db);
  try {
    const key = await loadReceiverKey(store, values['key-file'] ? { keyFile: values['key-file'] } : {});
    const report = await importOptIns(store, key, file, {
      businessName: values['business-name'],
      privacyUrl: values['privacy-url'] ?? null,
      dryRun: values['dry-run'],
    });
    for (const problem of report.problems) console.error(`${values.csv}:${problem.line}: ${problem.reason}`);
    if (report.problems.length > 0) {
      console.error(`${report.problems.length} bad rows: nothing imported (file sha256 ${report.fileSha256})`);
      return 1;
    }
    if (report.dryRun) {
      console.log(`${report.rows} rows, all good: nothing imported (dry run; file sha256 ${report.fileSha256})`);
      return 0;
    }
    console.log(
      `ledger ${describeLedger(values.db)}: ${report.stored} opt-ins imported, ${report.alreadyStored} already stored (file sha256 ${report.fileSha256})`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
