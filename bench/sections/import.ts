/**
 * `optin-elements import`: a list of earlier opt-ins checked and stored, in this process, on a
 * fresh SQLite ledger each run (synchronous FULL, as `serve` runs it). Each row is attested by the
 * receiver's key, verified, given a receipt and appended (group commit, 100 at a time). Goal
 * (issue 23): 1,000 rows in under 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOptIns } from '../../src/server/import/import-opt-ins.js';
import { loadReceiverKey } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { type BenchSection, benchSize, medianMs } from '../bench-section.js';

const ROWS = benchSize(1000, 50);

function list(rows: number): Uint8Array {
  const lines = ['phone,categories,captured_at,notice_text,where'];
  for (let i = 0; i < rows; i++) {
    const at = new Date(Date.UTC(2025, 4, 1) + i * 60_000).toISOString();
    lines.push(
      `+49151${20000000 + i},offers;order-updates,${at},"Blumen Berlin may send me offers, and order updates, on WhatsApp. Reply STOP to stop.",Shop Berlin-Mitte`,
    );
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

export async function run(): Promise<BenchSection> {
  const file = list(ROWS);
  const dir = mkdtempSync(join(tmpdir(), 'optin-import-bench-'));
  let n = 0;
  const times = { check: 0, store: 0, again: 0 };
  try {
    times.check = await medianMs(5, async () => {
      const store = new SqliteConsentStore(join(dir, `dry-${n++}.db`));
      await importOptIns(store, await loadReceiverKey(store), file, { businessName: 'Blumen Berlin', dryRun: true });
      await store.close();
    });
    let last: SqliteConsentStore | undefined;
    times.store = await medianMs(3, async () => {
      await last?.close();
      last = new SqliteConsentStore(join(dir, `import-${n++}.db`));
      const report = await importOptIns(last, await loadReceiverKey(last), file, { businessName: 'Blumen Berlin' });
      if (report.stored !== ROWS) throw new Error(`stored ${report.stored} of ${ROWS}`);
    });
    times.again = await medianMs(3, async () => {
      const report = await importOptIns(last!, await loadReceiverKey(last!), file, { businessName: 'Blumen Berlin' });
      if (report.alreadyStored !== ROWS) throw new Error(`found ${report.alreadyStored} of ${ROWS}`);
    });
    await last?.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const goal = ROWS === 1000 ? '< 5 s' : '';
  return {
    title: 'import: earlier opt-ins from a CSV file',
    header: ['what', 'rows', 'median ms', 'goal'],
    rows: [
      ['check every row (--dry-run), fresh ledger and key', String(ROWS), times.check.toFixed(0), ''],
      ['check, attest, verify, receipt and store every row', String(ROWS), times.store.toFixed(0), goal],
      ['the same file again (every row found stored)', String(ROWS), times.again.toFixed(0), ''],
    ],
    notes: ['SQLite, synchronous FULL, this process; median of 3 (dry run: 5) runs, each storing run on a fresh ledger.'],
  };
}
