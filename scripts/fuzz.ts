/**
 * `npm run fuzz [-- --minutes 10] [--seed N] [--with-state-rules]`: the hostile-input properties
 * of `test/fuzz/hostile-receiver.ts` for a long time, on random seeds, against one real receiver
 * and SQLite ledger. Every failure prints its seed and path: replay it with
 * `fc.assert(property, { seed, path })` (or `--seed N`). Exits 1 when anything failed.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import {
  hostAndTargetProperty,
  funnelEventsProperty,
  hostileRecordProperty,
  maySendProperty,
  queryAndTokenProperty,
  sharedMessageIdProperty,
  startFuzzReceiver,
  strangerGrantProperty,
  webhookDeliveryProperty,
  withdrawalProperty,
} from '../test/fuzz/hostile-receiver.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string' },
    'with-state-rules': { type: 'boolean', default: false },
  },
});
const deadline = Date.now() + Number(values.minutes) * 60_000;
const fuzz = await startFuzzReceiver();
const properties = [
  ['hostile signed records', hostileRecordProperty(fuzz), 100],
  ['webhook deliveries', webhookDeliveryProperty(fuzz), 40],
  ['queries and tokens', queryAndTokenProperty(fuzz), 100],
  ['hosts and targets', hostAndTargetProperty(fuzz), 200],
  ['may-send queries and batches', maySendProperty(fuzz), 100],
  ['funnel events', funnelEventsProperty(fuzz), 100],
  ...(values['with-state-rules']
    ? ([
        ['withdrawals effective (#17/#25 state)', withdrawalProperty(fuzz), 20],
        ['shared message ids (#25 state)', sharedMessageIdProperty(fuzz), 5],
        ['stranger grants (#17)', strangerGrantProperty(fuzz), 10],
      ] as const)
    : []),
] as const;

const runs = new Map<string, number>();
const failures: string[] = [];
let round = 0;
console.log(`fuzzing the receiver for ${values.minutes} min${values.seed ? ` from seed ${values.seed}` : ''}`);
while (Date.now() < deadline) {
  for (const [name, property, numRuns] of properties) {
    if (Date.now() >= deadline) break;
    const seed = values.seed ? Number(values.seed) + round : (Math.random() * 2 ** 31) | 0;
    const details = await fc.check(property as fc.IAsyncProperty<unknown[]>, { seed, numRuns });
    runs.set(name, (runs.get(name) ?? 0) + details.numRuns);
    if (details.failed) {
      const line = `FAILED ${name}: seed ${details.seed}, path "${details.counterexamplePath}"\n  counterexample: ${fc.stringify(details.counterexample).slice(0, 2000)}\n  ${String(details.errorInstance).slice(0, 2000)}`;
      console.log(line);
      failures.push(line);
    }
  }
  round += 1;
}
let ledgerOk = true;
try {
  await fuzz.close();
} catch (error) {
  ledgerOk = false;
  console.log(`FAILED verify-ledger after fuzzing: ${String(error)}`);
}
for (const [name, count] of runs) console.log(`${name}: ${count} runs`);
console.log(failures.length === 0 && ledgerOk ? 'nothing found' : `${failures.length} failures`);
process.exitCode = failures.length === 0 && ledgerOk ? 0 : 1;
