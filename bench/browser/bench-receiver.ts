/** The real receiver on 127.0.0.1 with a throw-away SQLite file, for pages that complete an opt-in. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';

export async function startBenchReceiver(allowedOrigins: string[]): Promise<RunningConsentServer> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-bench-'));
  const receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0, allowedOrigins });
  return {
    ...receiver,
    async close() {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
