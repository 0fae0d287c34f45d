/**
 * Run as a child process by the crash test: appends entries to the ledger named on the command
 * line, as fast as it can, and prints `acked ID` once each append has resolved (the moment a
 * receiver would answer 201). The test kills it with SIGKILL in the middle.
 */
import { openConsentStore } from '../../src/server/open-consent-store.js';

const [location, prefix] = process.argv.slice(2);
const store = await openConsentStore(location);
let n = 0;
// A few appends in flight at once, as concurrent requests would be, so batches are cut mid-way.
const worker = async () => {
  for (;;) {
    const id = `${prefix}-${++n}`;
    const record = { id, kind: 'opt-in', subject: { phone: '+4915100000000' } } as never;
    await store.append({ id, record, recordHash: id.padEnd(64, '0'), keyThumbprint: 'thumb', receivedAt: new Date().toISOString(), receipt: 'receipt' });
    process.stdout.write(`acked ${id}\n`);
  }
};
await Promise.all([worker(), worker(), worker(), worker()]);
