/**
 * "May I send?" on a large ledger (SQLite file): one `GET /may-send` over HTTP on 127.0.0.1 (goal:
 * p99 under 5 ms on 100,000 records) and one 10,000-subject `POST /may-send` (goal: under 1 s).
 * The ledger is built by appending genuinely signed records straight to the store (no HTTP), then
 * the derived state is built from it as a receiver does when it opens a ledger that has none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { maySend } from '../../src/server/may-send.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { loadReceiverKey, receiverKidsOf, signReceipt } from '../../src/server/receiver-key.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { generateTestKeyPair, signedSample } from '../../test/support/sample-record.js';
import { type BenchSection, benchSize, medianMs } from '../bench-section.js';

const RECORDS = benchSize(100_000, 1_000);
/** Two records per person on average: an opt-in, and for every fourth person a later change. */
const PEOPLE = Math.ceil(RECORDS / 2);
const GETS = benchSize(2_000, 50);
const BATCH = 10_000;
const ADMIN = 'bench-may-send-admin-token-0123456789abcdef';
/** Records signed and appended together: one group-commit transaction each. */
const CHUNK = 500;

const phoneOf = (person: number) => `+4915${String(100_000_000 + person)}`;

async function fillLedger(store: SqliteConsentStore): Promise<void> {
  const key = await loadReceiverKey(store);
  const device = await generateTestKeyPair();
  // The first record is verified as the receiver would; the rest are signed the same way and appended as they are.
  const first = await signedSample({ subject: { phone: phoneOf(0) } }, device);
  if (!(await verifyConsentRecord(first)).ok) throw new Error('bench record does not verify');
  for (let start = 0; start < RECORDS; start += CHUNK) {
    const indexes = Array.from({ length: Math.min(CHUNK, RECORDS - start) }, (_, i) => start + i);
    const entries = await Promise.all(
      indexes.map(async (i) => {
        const person = i % PEOPLE;
        const later = i >= PEOPLE;
        const record = await signedSample(
          {
            subject: { phone: phoneOf(person) },
            kind: later ? (person % 2 ? 'opt-out' : 'preferences') : 'opt-in',
            ...(later ? { categories: [{ id: 'offers', label: 'Offers', granted: false }] } : {}),
          },
          device,
        );
        return { record, receivedAt: new Date().toISOString() };
      }),
    );
    await Promise.all(
      entries.map(async ({ record, receivedAt }) => {
        const recordHash = record.notice.sha256; // any 64 hex: the bench reads answers, it does not verify the chain
        await store.append({
          id: record.id,
          record,
          recordHash,
          keyThumbprint: 'bench-device',
          receivedAt,
          receipt: await signReceipt(key, { id: record.id, recordHash, receivedAt }),
        });
      }),
    );
  }
}

/** One GET over a keep-alive connection (node:http, lighter than fetch, as a sender's client would be). */
function get(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-bench-may-send-'));
  const file = join(dir, 'consents.db');
  const fillStart = performance.now();
  const writer = new SqliteConsentStore(file, { synchronous: 'normal' });
  await fillLedger(writer);
  const fillSeconds = (performance.now() - fillStart) / 1000;
  // Built from the ledger, as a receiver opening a ledger without a derived state does.
  const buildStart = performance.now();
  await writer.keepDerivedState(receiverKidsOf(await loadReceiverKey(writer)));
  const buildSeconds = (performance.now() - buildStart) / 1000;
  await writer.close();

  const server = await startConsentServer({ db: file, port: 0, verificationThread: false, adminToken: ADMIN });
  try {
    const headers = { Authorization: `Bearer ${ADMIN}` };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const times: number[] = [];
    for (let i = 0; i < GETS; i++) {
      const phone = phoneOf((i * 7919) % PEOPLE);
      const start = performance.now();
      const status = await get(agent, `${server.url}/may-send?phone=${encodeURIComponent(phone)}&category=offers`, headers);
      times.push(performance.now() - start);
      if (status !== 200) throw new Error(`GET /may-send answered ${status}`);
    }
    agent.destroy();
    times.sort((a, b) => a - b);
    const subjects = Array.from({ length: BATCH }, (_, i) => ({ phone: phoneOf((i * 31) % (PEOPLE + 1000)) }));
    const body = JSON.stringify({ category: 'offers', subjects });
    const batch = await medianMs(5, async () => {
      const response = await fetch(`${server.url}/may-send`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body });
      if (response.status !== 200) throw new Error(`POST /may-send answered ${response.status}`);
      await response.json();
    });
    const cpuBefore = process.cpuUsage();
    const direct = await medianMs(5, () => maySend(server.store, { category: 'offers', subjects }));
    const cpu = process.cpuUsage(cpuBefore);
    // CPU time per call as well: on a shared machine the wall time also counts other work.
    const directCpuMs = (cpu.user + cpu.system) / 1000 / benchSize(5, 3);
    return {
      title: `May I send? (Node, SQLite file, ledger of ${RECORDS.toLocaleString('en')} records, ${PEOPLE.toLocaleString('en')} people)`,
      header: ['operation', 'figure', 'goal'],
      rows: [
        [
          `GET /may-send, one person (${GETS} requests one after another, HTTP keep-alive)`,
          `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`,
          'p99 < 5 ms',
        ],
        [`POST /may-send, ${BATCH.toLocaleString('en')} subjects (median of 5)`, `${batch.toFixed(0)} ms`, '< 1000 ms'],
        [
          `maySend(store, …) in the process, ${BATCH.toLocaleString('en')} subjects (median of 5; CPU time per call)`,
          `${direct.toFixed(0)} ms (CPU ${directCpuMs.toFixed(0)} ms)`,
          '-',
        ],
        [`derived state built from the ledger (a receiver opening a ledger without one)`, `${buildSeconds.toFixed(1)} s`, '-'],
        [`ledger filled by direct appends (signing included)`, `${fillSeconds.toFixed(1)} s`, '-'],
      ],
      notes: [
        'Answers come from the derived state the append keeps (src/server/derived-subject-state.ts), never from a rescan of the history.',
        'Half the people have a second record (a stop of offers, or an opt-out); the batch asks for 10,000 people, some unknown.',
      ],
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
