/**
 * The receiver under load: records signed beforehand (so the receiver, not the signer, is
 * measured) are POSTed over real HTTP on 127.0.0.1 to `optin-elements serve`'s server with a
 * SQLite file in WAL mode; 10% of them are sent a second time, concurrently, as a retrying
 * client would. Then the ledger is counted: every record once, none lost, none doubled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { signRecord } from '../../src/core/sign-record.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { generateTestKeyPair, unsignedSample } from '../../test/support/sample-record.js';
import type { BenchSection } from '../bench-section.js';
import { median } from '../browser/bench-browser.js';

const RECORDS = Number(process.env.BENCH_RECORDS) || 3000;
const CONCURRENCY = 32;

interface LoadResult {
  results: { index: number; status: number; ms: number }[];
  seconds: number;
}

function postRecords(url: string, bodies: string[], repeats: number[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../receiver/post-records-worker.mjs', import.meta.url), {
      workerData: { url, bodies, repeats, concurrency: CONCURRENCY },
    });
    worker.once('message', (message: LoadResult) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export async function run(): Promise<BenchSection> {
  const keyPair = await generateTestKeyPair();
  const bodies: string[] = [];
  for (let i = 0; i < RECORDS; i++) bodies.push(JSON.stringify(await signRecord(await unsignedSample(), keyPair)));
  // Every tenth record is sent twice, the repeat queued with the rest, so some arrive concurrently.
  const repeats = bodies.map((_, index) => index).filter((index) => index % 10 === 0);

  const dir = mkdtempSync(join(tmpdir(), 'optin-bench-receiver-'));
  const receiver = await startConsentServer({ db: join(dir, 'consents.db'), port: 0 });
  try {
    const { results, seconds } = await postRecords(`${receiver.url}/consents`, bodies, repeats);
    const latencies = results.map((result) => result.ms).sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))];
    const failed = results.filter((result) => result.status !== 201 && result.status !== 200);
    const entries = await receiver.store.list();
    const storedIds = new Set(entries.map((entry) => entry.record.id));
    const sentIds = new Set(bodies.map((body) => (JSON.parse(body) as { id: string }).id));
    const lost = [...sentIds].filter((id) => !storedIds.has(id)).length;
    const doubled = entries.length - storedIds.size;
    const perSecond = results.length / seconds;
    return {
      title: `Receiver throughput (Node HTTP on 127.0.0.1, SQLite WAL, ${CONCURRENCY} concurrent clients)`,
      header: ['figure', 'measured', 'goal'],
      rows: [
        ['requests', `${results.length} (${RECORDS} records + ${repeats.length} repeats)`, '—'],
        ['verified and stored per second', perSecond.toFixed(0), '≥ 2000'],
        ['latency median / p99, ms', `${median(latencies).toFixed(1)} / ${p99.toFixed(1)}`, 'p99 < 50'],
        ['answers other than 201/200', String(failed.length), '0'],
        ['records lost / stored twice', `${lost} / ${doubled}`, '0 / 0'],
      ],
      notes: [
        'Records signed before the load (ES256, one key), each verified by the receiver (schema, hash, signature, clock) and stored with its receipt and chain hash.',
        'The load generator runs in a worker thread of the same process, so it shares the 2 cores with the receiver.',
      ],
    };
  } finally {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
