/**
 * Intake while the whole ledger is exported: a receiver (its own process) holds a ledger of
 * 20,000 records; fresh records arrive at a steady rate (open loop: each sent on time, whatever
 * the answers before it did) while `GET /audit/ledger` streams the whole ledger, each row
 * re-verified. POST latency without an export, with the export on its own thread (the Node
 * server's default), and with the export in the receiver's main thread, page by page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../test/support/postgres-cluster.js';
import { generateTestKeyPair, signedSample } from '../../test/support/sample-record.js';
import { type BenchSection, benchSize } from '../bench-section.js';
import { getAll, percentile, post, startReceiver } from '../receiver-clients.js';

const LEDGER_ROWS = benchSize(20_000, 100);
const RATE_PER_SECOND = 50;
const BASELINE_SECONDS = benchSize(5, 1);
/** The steady load's window in each run with an export: its first seconds (the export itself runs on to its end). */
const LOAD_SECONDS = benchSize(30, 2);
/** Records sent to each freshly started receiver before measuring, so its code is compiled and warm. */
const WARM_UP = benchSize(200, 10);
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef0123';

type Item = { id: string; body: Buffer };

async function makeRecords(count: number, offset: number): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const record = await signedSample({ subject: { phone: `+49152${String(10_000_000 + offset + i)}` } }, await generateTestKeyPair());
    items.push({ id: record.id, body: Buffer.from(JSON.stringify(record)) });
  }
  return items;
}

/** Fills the ledger through the receiver, 32 at a time, signing (one device key per record) while it posts. */
async function fill(url: string): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < LEDGER_ROWS) {
        const [item] = await makeRecords(1, next++);
        const { status } = await post(agent, new URL(`${url}/consents`), item);
        if (status !== 201) throw new Error(`filling the ledger: answered ${status}`);
      }
    }),
  );
  agent.destroy();
}

interface Run {
  latencies: number[];
  statuses: Map<number, number>;
  exportSeconds?: number;
  exportMiB?: number;
}

/** Sends `RATE_PER_SECOND` records per second until `until` settles or `items` run out (then waits for `until`). */
async function steadyLoad(url: string, items: Item[], until: Promise<unknown>): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const run: Run = { latencies: [], statuses: new Map() };
  const inFlight: Array<Promise<void>> = [];
  let done = false;
  void until.finally(() => (done = true));
  const started = performance.now();
  let sent = 0;
  while (!done && sent < items.length) {
    // On schedule: the n-th record leaves at n / rate seconds, however late earlier answers are.
    const due = started + (sent * 1000) / RATE_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const item = items[sent++];
    const t0 = performance.now();
    inFlight.push(
      post(agent, new URL(`${url}/consents`), item).then(({ status }) => {
        run.latencies.push(performance.now() - t0);
        run.statuses.set(status, (run.statuses.get(status) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(inFlight);
  await until;
  agent.destroy();
  return run;
}

async function measureStore(db: string, storeName: string): Promise<string[][]> {
  const receiver = await startReceiver(db, { RECEIVER_ADMIN_TOKEN: ADMIN_TOKEN });
  try {
    await fill(receiver.url);
  } finally {
    await receiver.stop();
  }
  const perRun = RATE_PER_SECOND * Math.max(BASELINE_SECONDS, LOAD_SECONDS) + WARM_UP;
  const load = await makeRecords(3 * perRun, 1_000_000);
  const rows: string[][] = [];
  const modes: Array<{ label: string; env: Record<string, string>; exporting: boolean }> = [
    { label: 'no export (baseline)', env: {}, exporting: false },
    { label: 'export on its own thread (default)', env: {}, exporting: true },
    { label: 'export in the main thread, page by page', env: { RECEIVER_EXPORT_THREAD: '0' }, exporting: true },
  ];
  for (const [m, mode] of modes.entries()) {
    // Each run its own fresh records: a record sent again would take the cheaper re-send path.
    let used = m * perRun;
    const running = await startReceiver(db, { RECEIVER_ADMIN_TOKEN: ADMIN_TOKEN, ...mode.env });
    try {
      const warmUp = new Agent({ keepAlive: true, maxSockets: 8 });
      await Promise.all(load.slice(used, used + WARM_UP).map((item) => post(warmUp, new URL(`${running.url}/consents`), item)));
      warmUp.destroy();
      used += WARM_UP;
      const items = load.slice(used, (m + 1) * perRun);
      let exportSeconds: number | undefined;
      let exportBytes = 0;
      const exportAgent = new Agent({ keepAlive: false });
      const until = mode.exporting
        ? (async () => {
            const t0 = performance.now();
            const answer = await getAll(exportAgent, new URL(`${running.url}/audit/ledger`), { Authorization: `Bearer ${ADMIN_TOKEN}` });
            if (answer.status !== 200) throw new Error(`the export answered ${answer.status}`);
            exportSeconds = (performance.now() - t0) / 1000;
            exportBytes = answer.bytes;
          })()
        : new Promise((resolve) => setTimeout(resolve, BASELINE_SECONDS * 1000));
      const run = await steadyLoad(running.url, items, until);
      const sorted = run.latencies.sort((a, b) => a - b);
      rows.push([
        storeName,
        mode.label,
        String(sorted.length),
        percentile(sorted, 50).toFixed(1),
        percentile(sorted, 99).toFixed(1),
        (sorted.at(-1) ?? 0).toFixed(1),
        [...run.statuses].map(([status, count]) => `${status}×${count}`).join(' '),
        exportSeconds === undefined ? '–' : `${exportSeconds.toFixed(2)} s, ${(exportBytes / 1024 / 1024).toFixed(1)} MiB`,
      ]);
    } finally {
      await running.stop();
    }
  }
  return rows;
}

export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-export-bench-'));
  const noPostgres = postgresUnavailable();
  let postgres: TestPostgres | undefined;
  const rows: string[][] = [];
  try {
    rows.push(...(await measureStore(join(dir, 'consents.db'), 'SQLite')));
    if (noPostgres) rows.push(['PostgreSQL', `skipped: ${noPostgres}`]);
    else {
      postgres = await startTestPostgres();
      rows.push(...(await measureStore(await postgres.freshDatabase(), 'PostgreSQL')));
    }
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: `Intake while the whole ledger (${LEDGER_ROWS} records) is exported (GET /audit/ledger, streamed)`,
    header: ['store', 'during', 'POSTs', 'p50 ms', 'p99 ms', 'max ms', 'statuses', 'export took'],
    rows,
    notes: [
      `${RATE_PER_SECOND} fresh records per second (one device key each, no nonce), sent on schedule whatever the earlier answers, over keep-alive connections, after ${WARM_UP} to warm the receiver up; the baseline runs ${BASELINE_SECONDS} s, the others the export's first ${LOAD_SECONDS} s (the export runs on to its end).`,
      "The export re-verifies every row (schema, notice hash, device signature, receipt), checks the chain and computes the log's root, and is read as fast as the client takes it. Goal: POST p99 under 50 ms while it runs.",
      "The receiver, the load generator, the export's client and PostgreSQL share the machine's cores.",
    ],
  };
}
