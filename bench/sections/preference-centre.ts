import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { recognizeReply } from '../../src/core/messages/opt-out-keywords.js';
import { auditCsv, exportLedger, exportSubjectHistory } from '../../src/server/audit-export.js';
import { loadReceiverKey, signReceipt } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { loadSubjectState } from '../../src/server/subject-state.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { generateTestKeyPair, signedSample } from '../../test/support/sample-record.js';
import { type BenchSection, benchSize, medianMs } from '../bench-section.js';
import { compressedSizes } from './bundle-size.js';

const LEDGER_SIZE = benchSize(2000, 100);
const SUBJECTS = benchSize(100, 10);

const REPLIES = ['STOP', ' Unsubscribe! ', "don't stop", 'Thanks, see you tomorrow', 'ARRETER', 'отписаться', 'İPTAL', 'start'];

/** A ledger of LEDGER_SIZE signed records over SUBJECTS people, as the receiver stores them. */
async function fillLedger(store: SqliteConsentStore): Promise<void> {
  const key = await loadReceiverKey(store);
  const device = await generateTestKeyPair();
  for (let i = 0; i < LEDGER_SIZE; i++) {
    const phone = `+49151000${String(i % SUBJECTS).padStart(5, '0')}`;
    const record = await signedSample({ subject: { phone }, kind: i < SUBJECTS ? 'opt-in' : 'preferences' }, device);
    const verified = await verifyConsentRecord(record);
    if (!verified.ok) throw new Error('bench record does not verify');
    const receivedAt = new Date().toISOString();
    await store.append({
      id: record.id,
      record,
      recordHash: verified.recordHash,
      keyThumbprint: verified.keyThumbprint,
      receivedAt,
      receipt: await signReceipt(key, { id: record.id, recordHash: verified.recordHash, receivedAt }),
    });
  }
}

export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-bench-preferences-'));
  const store = new SqliteConsentStore(join(dir, 'consents.db'));
  try {
    await fillLedger(store);
    const key = await loadReceiverKey(store);
    const subject = { phone: '+4915100000007' };
    const recognise = await medianMs(50, () => REPLIES.forEach((reply) => recognizeReply(reply)));
    const state = await medianMs(50, () => loadSubjectState(store, subject, key.publicJwk.kid));
    const history = await medianMs(10, () => exportSubjectHistory(store, key, subject));
    const ledger = await medianMs(3, () => exportLedger(store, key));
    const csv = auditCsv(await exportLedger(store, key));
    const bundled = (contents: string) =>
      build({ stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, write: false, format: 'esm' }).then((out) =>
        compressedSizes(out.outputFiles[0].contents),
      );
    const ownQr = await bundled("export { encodeQr } from './src/core/qr/qr-code.ts';");
    const uqr = await bundled("export { encode } from 'uqr';");
    return {
      title: 'Preference centre, audit export and keywords (Node, SQLite file)',
      header: ['operation', 'median ms'],
      rows: [
        [`recognise ${REPLIES.length} inbound replies`, recognise.toFixed(3)],
        [`current state of one subject (${LEDGER_SIZE / SUBJECTS} records, ledger of ${LEDGER_SIZE})`, state.toFixed(3)],
        [`audit export of one subject, re-verified, chain of ${LEDGER_SIZE} checked`, history.toFixed(1)],
        [`audit export of the whole ledger (${LEDGER_SIZE} records re-verified)`, ledger.toFixed(1)],
        [`CSV of the whole ledger: ${(csv.length / 1024).toFixed(0)} KiB`, '-'],
        [
          `QR encoder in the bundle (src/core/qr/qr-code.ts): ${(ownQr.min / 1024).toFixed(1)} KiB min, ${(ownQr.brotli / 1024).toFixed(1)} KiB brotli (uqr, which it replaced: ${(uqr.min / 1024).toFixed(1)} / ${(uqr.brotli / 1024).toFixed(1)})`,
          '-',
        ],
      ],
      notes: ['Medians of 50 / 50 / 10 / 3 runs. Each audited record is checked for schema, notice hash, signature, stored hash and receipt.'],
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
