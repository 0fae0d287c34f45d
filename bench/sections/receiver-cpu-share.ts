/**
 * Where a receiver's CPU goes on the default path: the receiver-load row "SQLite, 1 receiver,
 * one key per record, server nonce", run again with V8's sampling profiler on every thread of
 * the receiver, the samples taken during the load summed by part (bench/cpu-profile-parts.ts).
 * The per-request figures are the basis of the 8-core projection in
 * docs/measurements/2026-12-03-throughput.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchSection } from '../bench-section.js';
import { cpuByPart, PARTS } from '../cpu-profile-parts.js';
import { runScenario } from './receiver-load.js';

export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'optin-cpu-share-'));
  try {
    const profiles = join(dir, 'profiles');
    let window = { from: 0, to: 0 };
    const row = await runScenario(
      { label: 'SQLite, 1 receiver', store: 'SQLite', instances: 1, keys: 'one per record', nonces: true },
      join(dir, 'consents.db'),
      { RECEIVER_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${profiles} --cpu-prof-interval=250` },
      (w) => (window = w),
    );
    const requests = Number(row[3]);
    const totals = cpuByPart(profiles, window);
    const all = [...totals.values()].reduce((sum, ms) => sum + ms, 0);
    const rows = PARTS.filter((part) => totals.has(part)).map((part) => {
      const ms = totals.get(part)!;
      return [part, ms.toFixed(0), `${((ms / all) * 100).toFixed(1)} %`, ((ms * 1000) / requests).toFixed(0)];
    });
    rows.push(['all parts', all.toFixed(0), '100 %', ((all * 1000) / requests).toFixed(0)]);
    return {
      title: "Receiver CPU by part of a record's path (SQLite, 1 receiver, one device key and one server nonce per record, 32 clients)",
      header: ['part', 'CPU ms (sampled)', 'share', 'µs per request'],
      rows,
      notes: [
        `${requests} requests in ${row[4]} s (${row[5]} req/s, p99 ${row[7]} ms while profiled); samples every 250 µs on the receiver's main thread and its verification thread, only those taken during the load.`,
        'A sample counts for the innermost frame that names a part; Node\'s crypto internals count for their caller (a receipt\'s ES256 signature is "receipt signing", on the verification thread unless a preference token adds authority). "network I/O": Node\'s HTTP parser and socket writes. The profiler itself costs a few per cent.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
