/**
 * Load on the receiver over real HTTP on 127.0.0.1 (receiver in a child
 * process, real SQLite file): distinct signed records plus re-sends of some
 * of them, from a bounded number of concurrent clients, for a bounded time.
 * Afterwards the ledger must hold exactly one row per distinct record.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import { generateTestKeyPair, signedSample } from '../../test/support/sample-record.js';
import type { BenchSection } from '../bench-section.js';

const RECORDS = 3000;
const DUPLICATE_SHARE = 0.2;
const CONCURRENCY = 32;
const MAX_SECONDS = 15;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startReceiver(db: string) {
  // RECEIVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the receiver alone.
  const nodeArgs = process.env.RECEIVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/receiver-process.ts', db], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return { url, stop };
}

export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-load-'));
  const db = join(dir, 'consents.db');
  const receiver = await startReceiver(db);
  try {
    const keyPair = await generateTestKeyPair();
    const records: ConsentRecord[] = [];
    for (let i = 0; i < RECORDS; i++) {
      records.push(await signedSample({ subject: { phone: `+49151${String(10_000_000 + i)}` } }, keyPair));
    }
    const bodies = records.map((record) => ({ id: record.id, body: JSON.stringify(record) }));
    // Re-sends of already-made records, as retries and reloads produce them.
    const duplicates = Array.from({ length: Math.round(RECORDS * DUPLICATE_SHARE) }, (_, i) => bodies[(i * 7) % RECORDS]);
    const work = [...bodies, ...duplicates].sort((a, b) => (a.id < b.id ? -1 : 1));

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const acknowledged = new Set<string>();
    let next = 0;
    const deadline = performance.now() + MAX_SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < work.length && performance.now() < deadline) {
          const item = work[next++];
          const t0 = performance.now();
          const response = await fetch(`${receiver.url}/consents`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.id },
            body: item.body,
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - t0);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.ok) acknowledged.add(item.id);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await receiver.stop();

    const ledger = new Database(db, { readonly: true });
    const rows = (ledger.prepare('SELECT count(*) AS n FROM ledger').get() as { n: number }).n;
    const distinctIds = (ledger.prepare('SELECT count(DISTINCT id) AS n FROM ledger').get() as { n: number }).n;
    ledger.close();
    if (rows !== acknowledged.size || distinctIds !== rows) {
      throw new Error(`ledger holds ${rows} rows (${distinctIds} distinct) for ${acknowledged.size} acknowledged distinct records`);
    }
    latencies.sort((a, b) => a - b);
    return {
      title: 'Receiver under load (HTTP on 127.0.0.1, SQLite file, separate process)',
      header: ['requests', 'seconds', 'req/s', 'p50 ms', 'p99 ms', 'statuses', 'rows stored = distinct records acknowledged'],
      rows: [
        [
          String(latencies.length),
          seconds.toFixed(2),
          (latencies.length / seconds).toFixed(0),
          percentile(latencies, 50).toFixed(2),
          percentile(latencies, 99).toFixed(2),
          [...statuses].map(([status, count]) => `${status}×${count}`).join(' '),
          `${rows} = ${acknowledged.size} ✓`,
        ],
      ],
      notes: [
        `${RECORDS} distinct signed records plus ${duplicates.length} re-sends, ${CONCURRENCY} concurrent clients, at most ${MAX_SECONDS} s.`,
        'Each request is verified (schema, notice hash, ES256 signature), checked for idempotency, receipted (ES256) and chained; rate limits off (one client address).',
      ],
    };
  } finally {
    await receiver.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
