/**
 * The real receiver on 127.0.0.1 with a throw-away SQLite file, for pages that complete an opt-in.
 * Its bot check is off (`minFillMs: 0`): the bench fills the form as fast as a script can, which on
 * a fast machine is under the default 300 ms, and the receiver would rightly refuse it (422).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';

export async function startBenchReceiver(allowedOrigins: string[]): Promise<RunningConsentServer> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-bench-'));
  const receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins, minFillMs: 0 });
  return {
    ...receiver,
    async close() {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
