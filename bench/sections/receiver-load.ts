/**
 * Load on the receiver over real HTTP on 127.0.0.1 (receivers in child processes, a real SQLite
 * file or a real PostgreSQL server): distinct signed records plus re-sends of some of them, from
 * 32 concurrent clients, for a bounded time. Afterwards the ledger must hold exactly one row per
 * distinct record and verify whole.
 *
 * Each record is signed with its own device key, as browsers do (each device has its own key),
 * so the receiver's per-key caches do not help; the single-key row is kept, labelled, to compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { openConsentStore } from '../../src/server/open-consent-store.js';
import { verifyLedger } from '../../src/server/verify-ledger.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../test/support/postgres-cluster.js';
import { generateTestKeyPair, signedSample } from '../../test/support/sample-record.js';
import { type BenchSection, benchSize } from '../bench-section.js';
import { startDelayedProxy } from '../delayed-tcp-proxy.js';
import { busyShare, machineTicks } from '../cpu-time.js';
import { type BenchReceiver, percentile, RawHttpConnection, startReceiver } from '../receiver-clients.js';

const RECORDS = benchSize(3000, 200);
/**
 * Records sent to each receiver before the clock starts, so its code is compiled and its caches
 * warm, as a running receiver's are. After 600, V8's compiler threads were still at work in the
 * measured window (about 200 µs of CPU per request beside the receiver's own two threads; about 100
 * after 3,000). Each receiver process compiles its own code, so two receivers get twice as many.
 */
const WARM_UP = benchSize(3000, 40);
const DUPLICATE_SHARE = 0.2;
const CONCURRENCY = 32;
const MAX_SECONDS = 15;

export interface Scenario {
  label: string;
  store: 'SQLite' | 'PostgreSQL';
  instances: 1 | 2;
  keys: 'one per record' | 'one for all (old figure)';
  /** A server nonce in every record (fetched from `GET /consents/nonce` before the clock starts), as the widget does by default. */
  nonces: boolean;
  /** PostgreSQL on another machine: every packet between receivers and database held this long each way (a delaying proxy). */
  databaseDelayMs?: number;
}

/** One way, so a round trip to the database takes 2 ms more: a database in the same region, in another zone. */
const DATABASE_AWAY_MS = 1;

const SCENARIOS: Scenario[] = [
  { label: 'SQLite, 1 receiver', store: 'SQLite', instances: 1, keys: 'one per record', nonces: true },
  { label: 'SQLite, 1 receiver', store: 'SQLite', instances: 1, keys: 'one per record', nonces: false },
  { label: 'PostgreSQL, 1 receiver', store: 'PostgreSQL', instances: 1, keys: 'one per record', nonces: true },
  { label: 'PostgreSQL, 1 receiver', store: 'PostgreSQL', instances: 1, keys: 'one per record', nonces: false },
  { label: 'PostgreSQL, 2 receivers', store: 'PostgreSQL', instances: 2, keys: 'one per record', nonces: true },
  { label: 'PostgreSQL, 2 receivers', store: 'PostgreSQL', instances: 2, keys: 'one per record', nonces: false },
  { label: 'PostgreSQL 1 ms away, 1 receiver', store: 'PostgreSQL', instances: 1, keys: 'one per record', nonces: true, databaseDelayMs: DATABASE_AWAY_MS },
  { label: 'PostgreSQL 1 ms away, 2 receivers', store: 'PostgreSQL', instances: 2, keys: 'one per record', nonces: true, databaseDelayMs: DATABASE_AWAY_MS },
  { label: 'SQLite, 1 receiver', store: 'SQLite', instances: 1, keys: 'one for all (old figure)', nonces: false },
];

/** Nonces from the receivers, in turns, `count` of them, 32 requests at a time. */
async function fetchNonces(receivers: BenchReceiver[], count: number): Promise<string[]> {
  const nonces: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) {
        const i = next++;
        const answer = (await (await fetch(`${receivers[i % receivers.length].url}/consents/nonce`)).json()) as { nonce: string };
        nonces[i] = answer.nonce;
      }
    }),
  );
  return nonces;
}

/**
 * The records of one run, serialized before the clock starts (the load generator spends its CPU on
 * HTTP, not on JSON): the warm-up's distinct records, then the measured ones with their re-sends.
 */
async function makeWork(scenario: Scenario, receivers: BenchReceiver[]): Promise<{ warmUp: Body[]; measured: Body[] }> {
  const shared = scenario.keys === 'one for all (old figure)' ? await generateTestKeyPair() : undefined;
  const warmUp = WARM_UP * scenario.instances;
  const count = warmUp + RECORDS;
  const nonces = scenario.nonces ? await fetchNonces(receivers, count) : [];
  const bodies: Body[] = [];
  for (let i = 0; i < count; i++) {
    const input = { subject: { phone: `+49151${String(10_000_000 + i)}` }, ...(scenario.nonces ? { nonce: nonces[i] } : {}) };
    const record: ConsentRecord = await signedSample(input, shared ?? (await generateTestKeyPair()));
    bodies.push({ id: record.id, body: Buffer.from(JSON.stringify(record)) });
  }
  const measured = bodies.slice(warmUp);
  // Re-sends of already-made records, as retries and reloads produce them.
  const duplicates = Array.from({ length: Math.round(RECORDS * DUPLICATE_SHARE) }, (_, i) => measured[(i * 7) % RECORDS]);
  return { warmUp: bodies.slice(0, warmUp), measured: [...measured, ...duplicates].sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

type Body = { id: string; body: Buffer };

/** One row: the load of `scenario` on the ledger `db`; `receiverEnv` is added to each receiver's environment. */
export async function runScenario(
  scenario: Scenario,
  db: string,
  receiverEnv: Record<string, string> = {},
  /** Told the load's start and end, in µs of the monotonic clock (see cpu-profile-parts.ts). */
  onWindow?: (window: { from: number; to: number }) => void,
): Promise<string[]> {
  const receivers = await Promise.all(Array.from({ length: scenario.instances }, () => startReceiver(db, receiverEnv)));
  try {
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const acknowledged = new Set<string>();
    const { warmUp, measured: work } = await makeWork(scenario, receivers);
    // Clients split evenly over the receivers, as a load balancer would; one kept-alive connection per client.
    const clients = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) => RawHttpConnection.open(new URL(`${receivers[i % receivers.length].url}/consents`))),
    );
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (next < warmUp.length) {
          const item = warmUp[next++];
          const { status, text } = await client.post(item);
          if (status !== 201) throw new Error(`${scenario.label}: a warm-up record got ${status}: ${text}`);
          acknowledged.add(item.id);
        }
      }),
    );
    next = 0;
    const cpuBefore = await Promise.all(receivers.map((r) => r.cpuMicros()));
    const loadCpuBefore = process.cpuUsage();
    const machineBefore = machineTicks();
    const deadline = performance.now() + MAX_SECONDS * 1000;
    const started = performance.now();
    const windowFrom = Number(process.hrtime.bigint() / 1000n);
    await Promise.all(
      clients.map(async (client) => {
        while (next < work.length && performance.now() < deadline) {
          const item = work[next++];
          const t0 = performance.now();
          const { status } = await client.post(item);
          latencies.push(performance.now() - t0);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 200 && status < 300) acknowledged.add(item.id);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    onWindow?.({ from: windowFrom, to: Number(process.hrtime.bigint() / 1000n) });
    const loadCpu = process.cpuUsage(loadCpuBefore);
    const machineBusy = busyShare(machineBefore, machineTicks());
    for (const client of clients) client.close();
    const cpuAfter = await Promise.all(receivers.map((r) => r.cpuMicros()));
    const receiverCpu = cpuAfter.reduce((sum, after, i) => sum + after.process - cpuBefore[i].process, 0);
    const mainThreadCpu = cpuAfter.every((after, i) => after.mainThread !== undefined && cpuBefore[i].mainThread !== undefined)
      ? cpuAfter.reduce((sum, after, i) => sum + after.mainThread! - cpuBefore[i].mainThread!, 0)
      : undefined;
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
    if (!ledgerCheck.ok)
      throw new Error(`${scenario.label}: the ledger does not verify: row ${ledgerCheck.firstBroken?.seq}: ${ledgerCheck.firstBroken?.reason}`);
    latencies.sort((a, b) => a - b);
    return [
      scenario.label,
      scenario.keys,
      scenario.nonces ? 'yes' : 'no',
      String(latencies.length),
      seconds.toFixed(2),
      (latencies.length / seconds).toFixed(0),
      percentile(latencies, 50).toFixed(2),
      percentile(latencies, 99).toFixed(2),
      [...statuses].map(([status, count]) => `${status}×${count}`).join(' '),
      `${rows} = ${acknowledged.size} ✓, ${ledgerCheck.rowsChecked} rows ✓`,
      (receiverCpu / latencies.length).toFixed(0),
      mainThreadCpu === undefined ? '–' : (mainThreadCpu / latencies.length).toFixed(0),
      ((loadCpu.user + loadCpu.system) / latencies.length).toFixed(0),
      machineBusy === undefined ? '–' : `${(100 * machineBusy).toFixed(0)} %`,
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
        rows.push([scenario.label, scenario.keys, scenario.nonces ? 'yes' : 'no', `skipped: ${noPostgres}`]);
        continue;
      }
      const db = scenario.store === 'SQLite' ? join(dir, `consents-${i}.db`) : await postgres!.freshDatabase();
      if (scenario.databaseDelayMs === undefined) {
        rows.push(await runScenario(scenario, db));
        continue;
      }
      // The receivers (and the checks after the clock) reach the database through the proxy.
      const direct = new URL(db);
      const proxy = await startDelayedProxy({ host: direct.hostname, port: Number(direct.port) }, scenario.databaseDelayMs);
      try {
        const away = new URL(db);
        away.hostname = '127.0.0.1';
        away.port = String(proxy.port);
        rows.push(await runScenario(scenario, away.toString()));
      } finally {
        await proxy.close();
      }
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
      'server nonce',
      'requests',
      'seconds',
      'req/s',
      'p50 ms',
      'p99 ms',
      'statuses',
      'rows stored = distinct records acknowledged, ledger verified',
      'CPU µs/request: receivers',
      'of it, main threads',
      'load generator',
      'machine busy',
    ],
    rows,
    notes: [
      `${RECORDS} distinct signed records plus ${Math.round(RECORDS * DUPLICATE_SHARE)} re-sends, ${CONCURRENCY} concurrent clients (split evenly over the receivers), at most ${MAX_SECONDS} s per row, after ${WARM_UP} other records sent to each receiver to warm it up (not timed).`,
      '"server nonce" yes: each record carries a nonce from GET /consents/nonce (fetched before the clock starts), as the widget sends by default; the receiver checks it and stores it as used. No: records without one.',
      '"one per record": each record signed by its own device key, as browsers do; "one for all" is the earlier figure, where the receiver\'s per-key cache of imported keys always hits.',
      "CPU µs/request: user + system time of the receiver processes (summed) and of the load generator, per request; PostgreSQL's own processes are not counted. All share the machine's cores. \"Of it, main threads\": the receivers' main threads alone (HTTP, the handler, the store's appends); the rest is the verification thread and V8's and libuv's helper threads. \"Machine busy\": the share of all the machine's cores in use during the measurement, whoever used them (Linux /proc; – elsewhere).",
      `"PostgreSQL 1 ms away": the receivers reach the database through a proxy (a process of its own, not counted) that holds every packet ${DATABASE_AWAY_MS} ms each way, as a database on another machine would; the ledger lock is then held across real round trips, which is what a second receiver contends for.`,
      "Each new record is verified (schema, notice hash, ES256 signature; on the receiver's verification thread), checked for idempotency, receipted (ES256) and chained, the appends waiting at one moment in one transaction (SQLite: one write transaction; PostgreSQL: one transaction under the ledger's advisory lock), each answered after its commit; a re-send is matched to its stored row by canonical hash. Rate limits off. PostgreSQL: a throwaway cluster on this machine, default settings (fsync and synchronous_commit on).",
    ],
  };
}
