/**
 * Load on the receiver over real HTTP on 127.0.0.1 (receivers in child processes, a real SQLite
 * file or a real PostgreSQL server): distinct signed records plus re-sends of some of them, from
 * 32 concurrent clients, for a bounded time. Afterwards the ledger must hold exactly one row per
 * distinct record and verify whole.
 *
 * Each record is signed with its own device key, as browsers do (each device has its own key),
 * so the receiver's per-key caches do not help; the single-key row is kept, labelled, to compare.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import { openConsentStore } from '../../src/server/open-consent-store.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../test/support/postgres-cluster.js';
import { generateTestKeyPair, signedSample } from '../../test/support/sample-record.js';
import { type BenchSection, benchSize } from '../bench-section.js';

const RECORDS = benchSize(3000, 200);
const DUPLICATE_SHARE = 0.2;
const CONCURRENCY = 32;
const MAX_SECONDS = 15;

interface Scenario {
  label: string;
  store: 'SQLite' | 'PostgreSQL';
  instances: 1 | 2;
  keys: 'one per record' | 'one for all (old figure)';
}

const SCENARIOS: Scenario[] = [
  { label: 'SQLite, 1 receiver', store: 'SQLite', instances: 1, keys: 'one per record' },
  { label: 'SQLite, 1 receiver', store: 'SQLite', instances: 1, keys: 'one for all (old figure)' },
  { label: 'PostgreSQL, 1 receiver', store: 'PostgreSQL', instances: 1, keys: 'one per record' },
  { label: 'PostgreSQL, 2 receivers', store: 'PostgreSQL', instances: 2, keys: 'one per record' },
];

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

/** The records of one run, serialized before the clock starts: the load generator spends its CPU on HTTP, not on JSON. */
async function makeWork(keys: Scenario['keys']): Promise<Array<{ id: string; body: Buffer }>> {
  const shared = keys === 'one for all (old figure)' ? await generateTestKeyPair() : undefined;
  const records: ConsentRecord[] = [];
  for (let i = 0; i < RECORDS; i++) {
    records.push(await signedSample({ subject: { phone: `+49151${String(10_000_000 + i)}` } }, shared ?? (await generateTestKeyPair())));
  }
  const bodies = records.map((record) => ({ id: record.id, body: Buffer.from(JSON.stringify(record)) }));
  // Re-sends of already-made records, as retries and reloads produce them.
  const duplicates = Array.from({ length: Math.round(RECORDS * DUPLICATE_SHARE) }, (_, i) => bodies[(i * 7) % RECORDS]);
  return [...bodies, ...duplicates].sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function runScenario(scenario: Scenario, db: string): Promise<string[]> {
  const work = await makeWork(scenario.keys);
  const receivers = await Promise.all(Array.from({ length: scenario.instances }, () => startReceiver(db)));
  try {
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const acknowledged = new Set<string>();
    let next = 0;
    // Clients split evenly over the receivers, as a load balancer would; one kept-alive connection per client.
    const clients = Array.from({ length: CONCURRENCY }, (_, i) => new URL(`${receivers[i % receivers.length].url}/consents`));
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const cpuBefore = await Promise.all(receivers.map((r) => r.cpuMicros()));
    const loadCpuBefore = process.cpuUsage();
    const deadline = performance.now() + MAX_SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      clients.map(async (endpoint) => {
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
    const cpuAfter = await Promise.all(receivers.map((r) => r.cpuMicros()));
    const receiverCpu = cpuAfter.reduce((sum, after, i) => sum + after - cpuBefore[i], 0);
    await Promise.all(receivers.map((r) => r.stop()));

    // After the clock: one row per acknowledged record, and every chain link, signature and receipt checks out.
    const stored = await openConsentStore(db, { readonly: true });
    let rows: number;
    let distinct: number;
    let ledgerCheck: Awaited<ReturnType<typeof verifyLedger>>;
    try {
      const all = await stored.list();
      rows = all.length;
      distinct = new Set(all.map((e) => e.id)).size;
      ledgerCheck = await verifyLedger(stored);
    } finally {
      await stored.close();
    }
    if (rows !== acknowledged.size || distinct !== rows) {
      throw new Error(`${scenario.label}: the ledger holds ${rows} rows (${distinct} distinct) for ${acknowledged.size} acknowledged distinct records`);
    }
    if (!ledgerCheck.ok) throw new Error(`${scenario.label}: the ledger does not verify: row ${ledgerCheck.firstBroken?.seq}: ${ledgerCheck.firstBroken?.reason}`);
    latencies.sort((a, b) => a - b);
    return [
      scenario.label,
      scenario.keys,
      String(latencies.length),
      seconds.toFixed(2),
      (latencies.length / seconds).toFixed(0),
      percentile(latencies, 50).toFixed(2),
      percentile(latencies, 99).toFixed(2),
      [...statuses].map(([status, count]) => `${status}×${count}`).join(' '),
      `${rows} = ${acknowledged.size} ✓, ${ledgerCheck.rowsChecked} rows ✓`,
      (receiverCpu / latencies.length).toFixed(0),
      ((loadCpu.user + loadCpu.system) / latencies.length).toFixed(0),
    ];
  } finally {
    await Promise.all(receivers.map((r) => r.stop().catch(() => undefined)));
  }
}

export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-load-'));
  const noPostgres = postgresUnavailable();
  let postgres: TestPostgres | undefined;
  const rows: string[][] = [];
  try {
    if (!noPostgres) postgres = await startTestPostgres();
    for (const [i, scenario] of SCENARIOS.entries()) {
      if (scenario.store === 'PostgreSQL' && !postgres) {
        rows.push([scenario.label, scenario.keys, `skipped: ${noPostgres}`]);
        continue;
      }
      const db = scenario.store === 'SQLite' ? join(dir, `consents-${i}.db`) : await postgres!.freshDatabase();
      rows.push(await runScenario(scenario, db));
    }
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: 'Receiver under load (HTTP on 127.0.0.1, receivers in separate processes, SQLite file or PostgreSQL)',
    header: [
      'store, receivers',
      'device keys',
      'requests',
      'seconds',
      'req/s',
      'p50 ms',
      'p99 ms',
      'statuses',
      'rows stored = distinct records acknowledged, ledger verified',
      'CPU µs/request: receivers',
      'load generator',
    ],
    rows,
    notes: [
      `${RECORDS} distinct signed records plus ${Math.round(RECORDS * DUPLICATE_SHARE)} re-sends, ${CONCURRENCY} concurrent clients (split evenly over the receivers), at most ${MAX_SECONDS} s per row.`,
      '"one per record": each record signed by its own device key, as browsers do; "one for all" is the earlier figure, where the receiver\'s per-key cache of imported keys always hits.',
      'CPU µs/request: user + system time of the receiver processes (summed) and of the load generator, per request; PostgreSQL\'s own processes are not counted. All share the machine\'s cores.',
      'Each new record is verified (schema, notice hash, ES256 signature; on the receiver\'s verification thread), checked for idempotency, receipted (ES256) and chained, the appends waiting at one moment in one transaction (SQLite: one write transaction; PostgreSQL: one transaction under the ledger\'s advisory lock), each answered after its commit; a re-send is matched to its stored row by canonical hash. Rate limits off. PostgreSQL: a throwaway cluster on this machine, default settings (fsync and synchronous_commit on).',
    ],
  };
}
