/**
 * `optin-elements token` and `optin-elements audit`: the business's side of the
 * preference centre from a shell, straight on the ledger file.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RecordSubject } from '../core/record/consent-record.js';
import { auditCsv, exportLedger, exportSubjectHistory } from './audit-export.js';
import { issuePreferenceToken, subjectProblem } from './preference-tokens.js';
import { defaultKeyFile } from './key-file.js';
import { readCheckpointFile } from './log/checkpoint-file.js';
import { loadReceiverKey } from './receiver-key.js';
import { isPostgresUrl, openConsentStore } from './open-consent-store.js';

export const LEDGER_COMMANDS_USAGE = `       optin-elements token --db consents.db [--key-file FILE] (--phone +4915123456789 | --bsuid US.1349…) [--ttl-days 30]
       optin-elements audit --db consents.db [--key-file FILE] [--checkpoint FILE] [--phone … | --bsuid …] [--format json|csv]

  token      prints a preference token for one person, for the link in your messages
  audit      prints one person's full history (or the whole ledger), each record re-verified, with the chain check,
             a checkpoint signed now (and each of the person's records' inclusion proof against it); with
             --checkpoint FILE, also whether the ledger still holds the log that saved checkpoint signed`;

function readSubject(values: { phone?: string; bsuid?: string }): RecordSubject {
  const subject: RecordSubject = {};
  if (values.phone) subject.phone = values.phone;
  if (values.bsuid) subject.bsuid = values.bsuid;
  return subject;
}

/** Returns the exit code. */
export async function runLedgerCommand(command: 'token' | 'audit', args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: 'consents.db' },
      phone: { type: 'string' },
      bsuid: { type: 'string' },
      'ttl-days': { type: 'string', default: '30' },
      format: { type: 'string', default: 'json' },
      'key-file': { type: 'string' },
      checkpoint: { type: 'string' },
    },
  });
  if (!isPostgresUrl(values.db) && !existsSync(values.db)) {
    console.error(`no ledger at ${values.db}: pass --db with the file the receiver uses`);
    return 2;
  }
  const subject = readSubject(values);
  const store = await openConsentStore(values.db);
  try {
    const keyFile = values['key-file'] ?? defaultKeyFile(values.db);
    // A new key made here would sign tokens no receiver accepts and fail every receipt: say so instead.
    if (!existsSync(keyFile) && !(await store.loadServerKey())) {
      console.error(`no key file at ${keyFile}: pass --key-file with the file the receiver uses`);
      return 2;
    }
    const key = await loadReceiverKey(store, { keyFile });
    if (command === 'token') {
      const problem = subjectProblem(subject);
      const days = Number(values['ttl-days']);
      if (problem) {
        console.error(`${problem} (--phone or --bsuid)`);
        return 2;
      }
      if (!Number.isFinite(days) || days <= 0 || days > 366) {
        console.error('--ttl-days must be a number of days from 1 to 366');
        return 2;
      }
      console.log(await issuePreferenceToken(key, subject, { ttlSeconds: Math.round(days * 86400) }));
      return 0;
    }
    if (values.format !== 'json' && values.format !== 'csv') {
      console.error('--format must be json or csv');
      return 2;
    }
    const wholeLedger = !subject.phone && !subject.bsuid;
    const problem = wholeLedger ? undefined : subjectProblem(subject);
    if (problem) {
      console.error(problem);
      return 2;
    }
    const options = { checkpoint: values.checkpoint !== undefined ? readCheckpointFile(values.checkpoint) : undefined };
    const audit = wholeLedger ? await exportLedger(store, key, new Date(), options) : await exportSubjectHistory(store, key, subject, new Date(), options);
    process.stdout.write(values.format === 'csv' ? auditCsv(audit) : `${JSON.stringify(audit, null, 2)}\n`);
    // A broken chain or a record that no longer verifies is worth a non-zero exit in a script.
    return audit.chain.ok && audit.entries.every((e) => e.verification.ok) && audit.log.savedCheckpoint?.ok !== false ? 0 : 1;
  } finally {
    await store.close();
  }
}
