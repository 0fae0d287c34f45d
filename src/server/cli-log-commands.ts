/**
 * `optin-elements witness` and `optin-elements rotate-key`: the verifiable
 * log's commands (log/witness.ts, key-file.ts).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultKeyFile, rotateReceiptKey } from './key-file.js';
import { readWitnessState, witnessOnce, writeWitnessState } from './log/witness.js';

export const LOG_COMMANDS_USAGE = `       optin-elements witness --url RECEIVER --state FILE [--log-key NAME+HASH+KEY]
       optin-elements rotate-key [--key-file FILE | --db consents.db]

  witness     fetches RECEIVER/log/checkpoint, checks its signature and that it extends the checkpoint
              saved in FILE (consistency proof), then saves it; exits 1 on a rollback, truncation or fork.
              The first run pins the log key (given, or the receiver's /log/key).
  rotate-key  adds a new receipt signing key to the key file; earlier ones stay published in
              /.well-known/jwks.json so their receipts still verify. Restart the receiver to use it.`;

/** Returns the exit code. */
export async function runLogCommand(command: 'witness' | 'rotate-key', args: string[]): Promise<number> {
  if (command === 'rotate-key') {
    const { values } = parseArgs({ args, options: { 'key-file': { type: 'string' }, db: { type: 'string', default: 'consents.db' } } });
    const keyFile = values['key-file'] ?? defaultKeyFile(values.db);
    if (!existsSync(keyFile)) {
      console.error(`--key-file: no key file at ${keyFile} (the receiver creates it on first start)`);
      return 2;
    }
    const kid = await rotateReceiptKey(keyFile);
    console.log(`new receipt key ${kid} in ${keyFile}; earlier keys stay published. Restart the receiver to sign with it.`);
    return 0;
  }
  const { values } = parseArgs({ args, options: { url: { type: 'string' }, state: { type: 'string' }, 'log-key': { type: 'string' } } });
  if (!values.url || !values.state) {
    console.error('witness needs --url RECEIVER and --state FILE');
    return 2;
  }
  const saved = readWitnessState(values.state);
  if (saved && saved.url !== values.url.replace(/\/$/, '')) console.warn(`note: ${values.state} was last used for ${saved.url}`);
  const outcome = await witnessOnce(values.url, saved, values['log-key']);
  if (!outcome.ok) {
    console.error(`witness: ${outcome.message}`);
    // A misbehaving log is exit 1; a network or usage problem is 2, so a cron job can tell them apart.
    return outcome.kind === 'unreachable' || outcome.kind === 'bad-state' ? 2 : 1;
  }
  writeWitnessState(values.state, outcome.state);
  console.log(`witness: ${outcome.message}`);
  return 0;
}
