/**
 * What the verifiable log adds to each stored record, piece by piece, in this
 * process: the leaf row written in the append transaction, the in-memory tree,
 * the inclusion proof of the answer, and the checkpoint signature shared by a
 * batch. Compare the total with the receiver's CPU per request in
 * `receiver-load` (same run): the log's share of the receiver's work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { newLogKey } from '../../src/server/key-file.js';
import { signCheckpoint } from '../../src/server/log/checkpoint.js';
import { MerkleTree } from '../../src/server/log/merkle-tree.js';
import { receiptLeafHash } from '../../src/server/log/receipt-leaf.js';
import { LOG_SCHEMA } from '../../src/server/log/sqlite-log-table.js';
import { createPrivateKey } from 'node:crypto';
import { type BenchSection, benchSize } from '../bench-section.js';

const LEAVES = benchSize(100_000, 2_000);
const BATCH = 32;

function microsPer(count: number, task: () => void): number {
  const start = performance.now();
  task();
  return ((performance.now() - start) * 1000) / count;
}

export async function run(): Promise<BenchSection> {
  const receipt = `${randomBytes(60).toString('base64url')}.${randomBytes(150).toString('base64url')}.${randomBytes(64).toString('base64url')}`;
  const dir = mkdtempSync(join(tmpdir(), 'optin-log-bench-'));
  try {
    const db = new Database(join(dir, 'log.db'));
    db.pragma('journal_mode = WAL');
    // The ledger's own commit pays the sync; the leaf rows ride in the same transaction, so measure them without one.
    db.pragma('synchronous = NORMAL');
    db.exec(LOG_SCHEMA);
    const insert = db.prepare('INSERT INTO log_leaf (idx, hash) VALUES (?, ?)');
    const batch = db.transaction((from: number) => {
      for (let i = from; i < from + BATCH; i++) insert.run(i, receiptLeafHash(receipt));
    });
    let next = 0;
    const rows = microsPer(LEAVES, () => {
      while (next < LEAVES) {
        batch(next);
        next += BATCH;
      }
    });
    db.close();

    const tree = new MerkleTree();
    const hashes = Array.from({ length: LEAVES }, (_, i) => receiptLeafHash(`${receipt}${i}`));
    const append = microsPer(LEAVES, () => hashes.forEach((h) => tree.append(h)));
    const proofs = 20_000;
    const proof = microsPer(proofs, () => {
      for (let i = 0; i < proofs; i++) tree.inclusionProof((i * 7919) % LEAVES).map((h) => Buffer.from(h).toString('base64'));
    });
    const log = newLogKey();
    const privateKey = createPrivateKey({ key: log.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    const raw = new Uint8Array(Buffer.from(log.privateJwk.x!, 'base64url'));
    const signatures = 2000;
    const checkpoint = microsPer(signatures, () => {
      for (let i = 0; i < signatures; i++) signCheckpoint({ origin: log.origin, size: LEAVES - i, rootHash: tree.rootHash(LEAVES - i) }, privateKey, raw);
    });
    const perRecord = rows + append + proof + checkpoint / BATCH;
    return {
      title: `Verifiable log: cost added per stored record (log of ${LEAVES.toLocaleString('en')} records)`,
      header: ['part', 'µs per record'],
      rows: [
        [`leaf hash + log_leaf row, in ${BATCH}-record transactions`, rows.toFixed(1)],
        ['in-memory tree append', append.toFixed(2)],
        ['inclusion proof for the answer (17 hashes, base64)', proof.toFixed(1)],
        [`checkpoint (root + Ed25519 signature) ÷ ${BATCH} per batch (${checkpoint.toFixed(0)} µs each)`, (checkpoint / BATCH).toFixed(1)],
        ['total', perRecord.toFixed(1)],
      ],
      notes: [
        'Compare the total with "CPU µs/request: receiver" of the receiver-load section in the same run.',
        `The receiver signs at most one checkpoint per group-committed batch; ${BATCH} is the load bench's client count, so a batch is at most that large there.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
