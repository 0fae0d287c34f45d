import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

/**
 * A temporary folder for the test file's SQLite ledgers, removed after its tests; returns a
 * function giving a new ledger path on each call, so no test shares a database with another.
 */
export function tempLedgers(prefix: string): () => string {
  let dir: string;
  let count = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return () => join(dir, `ledger-${++count}.db`);
}
