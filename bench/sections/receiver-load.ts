/**
 * Load on the receiver over real HTTP on 127.0.0.1 (receiver in a child
 * process, real SQLite file): distinct signed records plus re-sends of some
 * of them, from a bounded number of concurrent clients, for a bounded time.
 * Afterwards the ledger must hold exactly one row per distinct record.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { generateTestKeyPair, signedSample } from '../../test/support/sample-record.js';
import type { BenchSection } from '../bench-section.js';

const RECORDS = 3000;
const DUPLICATE_SHARE = 0.2;
const CONCURRENCY = 32;
const MAX_SECONDS = 15;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** POSTs one pre-serialized record and reads the whole answer; resolves with the status. */
function post(agent: Agent, endpoint: URL, item: { id: string; body: Buffer }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      endpoint,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': item.body.length, 'Idempotency-Key': item.id },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(item.body);
  });
}

async function startReceiver(db: string) {
  // RECEIVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the receiver alone.
  const nodeArgs = process.env.RECEIVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/receiver-process.ts', db], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  /** CPU time (user + system) the receiver process has used so far, in microseconds. */
  const cpuMicros = () =>
    new Promise<number>((resolve) => {
      child.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { cpuMicros: number }).cpuMicros));
      child.stdin.write('\n');
    });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return { url, cpuMicros, stop };
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
    // Serialized once, before the clock starts: the load generator spends its CPU on HTTP, not on JSON.
    const bodies = records.map((record) => ({ id: record.id, body: Buffer.from(JSON.stringify(record)) }));
    // Re-sends of already-made records, as retries and reloads produce them.
    const duplicates = Array.from({ length: Math.round(RECORDS * DUPLICATE_SHARE) }, (_, i) => bodies[(i * 7) % RECORDS]);
    const work = [...bodies, ...duplicates].sort((a, b) => (a.id < b.id ? -1 : 1));

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const acknowledged = new Set<string>();
    let next = 0;
    const endpoint = new URL(`${receiver.url}/consents`);
    // One kept-alive connection per client, as browsers and relays hold them; node:http costs the
    // load generator (which shares the cores with the receiver) far less CPU than fetch.
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const receiverCpuBefore = await receiver.cpuMicros();
    const loadCpuBefore = process.cpuUsage();
    const deadline = performance.now() + MAX_SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < work.length && performance.now() < deadline) {
          const item = work[next++];
          const t0 = performance.now();
          const status = await post(agent, endpoint, item);
          latencies.push(performance.now() - t0);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 200 && status < 300) acknowledged.add(item.id);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const loadCpu = process.cpuUsage(loadCpuBefore);
    agent.destroy();
    const receiverCpu = (await receiver.cpuMicros()) - receiverCpuBefore;
    await receiver.stop();

    const ledger = new Database(db, { readonly: true });
    const rows = (ledger.prepare('SELECT count(*) AS n FROM ledger').get() as { n: number }).n;
    const distinctIds = (ledger.prepare('SELECT count(DISTINCT id) AS n FROM ledger').get() as { n: number }).n;
    ledger.close();
    if (rows !== acknowledged.size || distinctIds !== rows) {
      throw new Error(`ledger holds ${rows} rows (${distinctIds} distinct) for ${acknowledged.size} acknowledged distinct records`);
    }
    // After the clock: every chain link, record signature and receipt in the file checks out.
    const stored = new SqliteConsentStore(db, { readonly: true });
    const ledgerCheck = await verifyLedger(stored);
    await stored.close();
    if (!ledgerCheck.ok) throw new Error(`the ledger does not verify: row ${ledgerCheck.firstBroken?.seq}: ${ledgerCheck.firstBroken?.reason}`);
    latencies.sort((a, b) => a - b);
    return {
      title: 'Receiver under load (HTTP on 127.0.0.1, SQLite file, separate process)',
      header: [
        'requests',
        'seconds',
        'req/s',
        'p50 ms',
        'p99 ms',
        'statuses',
        'rows stored = distinct records acknowledged, ledger verified',
        'CPU µs/request: receiver',
        'load generator',
      ],
      rows: [
        [
          String(latencies.length),
          seconds.toFixed(2),
          (latencies.length / seconds).toFixed(0),
          percentile(latencies, 50).toFixed(2),
          percentile(latencies, 99).toFixed(2),
          [...statuses].map(([status, count]) => `${status}×${count}`).join(' '),
          `${rows} = ${acknowledged.size} ✓, ${ledgerCheck.rowsChecked} rows ✓`,
          (receiverCpu / latencies.length).toFixed(0),
          ((loadCpu.user + loadCpu.system) / latencies.length).toFixed(0),
        ],
      ],
      notes: [
        `${RECORDS} distinct signed records plus ${duplicates.length} re-sends, ${CONCURRENCY} concurrent clients, at most ${MAX_SECONDS} s.`,
        'CPU µs/request: user + system time of each process during the load, per request; the two share the machine\'s cores.',
        'Each new record is verified (schema, notice hash, ES256 signature; on the receiver\'s verification thread), checked for idempotency, receipted (ES256) and chained, appends of one event-loop turn in one SQLite transaction, each answered after its commit; a re-send is matched to its stored row by canonical hash. Rate limits off (one client address).',
      ],
    };
  } finally {
    await receiver.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
