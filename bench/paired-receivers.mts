/**
 * Paired A/B of two receiver trees under the same load at the same time: both receivers run
 * side by side (each in its own process, its own SQLite file), one load generator sends them
 * the same kind of records interleaved, and each receiver's CPU time per request is compared.
 * Noise from other work on the machine hits both alike, unlike runs one after the other.
 * `npx tsx bench/paired-receivers.mts /path/to/other/checkout` (that checkout's
 * bench/receiver-process.ts is started; node_modules may be a link to this one's).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestKeyPair, signedSample } from '../test/support/sample-record.js';

const RECORDS = Number(process.env.RECORDS ?? 2000);
const CONCURRENCY = 16;

function startReceiver(cwd: string, db: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/receiver-process.ts', db], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  const url = new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  const cpu = () =>
    new Promise<number>((resolve) => {
      child.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { cpuMicros: number }).cpuMicros));
      child.stdin.write('\n');
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { url, cpu, stop: () => (child.kill('SIGTERM'), exited) };
}

function post(agent: Agent, endpoint: URL, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(endpoint, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const other = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'optin-paired-'));
const receivers = { this: startReceiver(process.cwd(), join(dir, 'this.db')), other: startReceiver(other, join(dir, 'other.db')) };
try {
  const urls = { this: await receivers.this.url, other: await receivers.other.url };
  const keyPair = await generateTestKeyPair();
  const bodies = { this: [] as Buffer[], other: [] as Buffer[] };
  for (let i = 0; i < RECORDS; i++) {
    for (const side of ['this', 'other'] as const) {
      bodies[side].push(Buffer.from(JSON.stringify(await signedSample({ subject: { phone: `+49151${String(10_000_000 + i)}` } }, keyPair))));
    }
  }
  const agents = { this: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }), other: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) };
  const before = { this: await receivers.this.cpu(), other: await receivers.other.cpu() };
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RECORDS) {
        const i = next++;
        // Interleaved: every client sends the same record index to both receivers, in alternating order.
        const order = i % 2 === 0 ? (['this', 'other'] as const) : (['other', 'this'] as const);
        for (const side of order) {
          const status = await post(agents[side], new URL(`${urls[side]}/consents`), bodies[side][i]);
          if (status !== 201) throw new Error(`${side} answered ${status}`);
        }
      }
    }),
  );
  const after = { this: await receivers.this.cpu(), other: await receivers.other.cpu() };
  const perRequest = (side: 'this' | 'other') => (after[side] - before[side]) / RECORDS;
  console.log(
    JSON.stringify({
      records: RECORDS,
      cpuMicrosPerRequest: { this: Math.round(perRequest('this')), other: Math.round(perRequest('other')) },
      ratio: +(perRequest('this') / perRequest('other')).toFixed(3),
    }),
  );
  agents.this.destroy();
  agents.other.destroy();
} finally {
  await Promise.all([receivers.this.stop(), receivers.other.stop()]);
  rmSync(dir, { recursive: true, force: true });
}
