/** The load generator's side of the receiver benches: a receiver in its own process, and plain HTTP clients. */
import { spawn } from 'node:child_process';
import { type Agent, request } from 'node:http';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** POSTs one pre-serialized body and reads the whole answer; resolves with the status and the answer's text. */
export function post(agent: Agent, endpoint: URL, item: { id: string; body: Buffer }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      endpoint,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': item.body.length, 'Idempotency-Key': item.id },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(item.body);
  });
}

/** GETs a URL and reads the whole answer (counting its bytes, keeping none): resolves with the status and size. */
export function getAll(agent: Agent, url: URL, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number; text?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      const small: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes < 65_536) small.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ...(bytes < 65_536 ? { text: Buffer.concat(small).toString('utf8') } : {}) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export interface BenchReceiver {
  url: string;
  /** CPU time (user + system) the receiver process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts bench/receiver-process.ts on `db` with `env` added (RECEIVER_ADMIN_TOKEN, RECEIVER_EXPORT_THREAD…). */
export async function startReceiver(db: string, env: Record<string, string> = {}): Promise<BenchReceiver> {
  // RECEIVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the receiver alone.
  const nodeArgs = (env.RECEIVER_NODE_ARGS ?? process.env.RECEIVER_NODE_ARGS)?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/receiver-process.ts', db], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ask = <T>(question: string) =>
    new Promise<T>((resolve) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as T));
      child.stdin.write(`${question}\n`);
    });
  return {
    url,
    cpuMicros: async () => (await ask<{ cpuMicros: number }>('cpu')).cpuMicros,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
