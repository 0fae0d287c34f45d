/** The load generator's side of the receiver benches: a receiver in its own process, and plain HTTP clients. */
import { spawn } from 'node:child_process';
import { type Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';

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

export interface ReceiverCpu {
  process: number;
  mainThread?: number;
}

export interface BenchReceiver {
  url: string;
  /** CPU time the receiver process has used so far, in microseconds: all its threads, and its main thread alone (Linux only). */
  cpuMicros(): Promise<ReceiverCpu>;
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
    cpuMicros: async () => {
      const { cpuMicros, mainThreadMicros } = await ask<{ cpuMicros: number; mainThreadMicros?: number }>('cpu');
      return { process: cpuMicros, ...(mainThreadMicros === undefined ? {} : { mainThread: mainThreadMicros }) };
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * One kept-alive HTTP/1.1 connection that POSTs pre-serialized bodies one after another and
 * reads each answer: the load generator's client. Written on a bare socket (the request's bytes
 * built once, the answer's status line and `Content-Length` read) because Node's HTTP client
 * costs about 150 µs of CPU per request, and on a 2-core machine the load generator's CPU is
 * taken from the receiver it measures. Answers with `Transfer-Encoding: chunked` are not read:
 * the receiver's JSON answers always carry a length.
 */
export class RawHttpConnection {
  private readonly socket: Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting?: { resolve(answer: { status: number; text: string }): void; reject(cause: Error): void };
  private readonly head: string;

  private constructor(socket: Socket, endpoint: URL) {
    this.socket = socket;
    this.head = `POST ${endpoint.pathname} HTTP/1.1\r\nHost: ${endpoint.host}\r\nContent-Type: application/json\r\n`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.readAnswer();
    });
    const fail = (cause: Error) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.reject(cause);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the receiver closed the connection')));
  }

  static open(endpoint: URL): Promise<RawHttpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(endpoint.port), endpoint.hostname, () => {
        socket.off('error', reject);
        resolve(new RawHttpConnection(socket, endpoint));
      });
      socket.once('error', reject);
    });
  }

  post(item: { id: string; body: Buffer }): Promise<{ status: number; text: string }> {
    if (this.waiting) return Promise.reject(new Error('one request at a time on a connection'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(Buffer.concat([Buffer.from(`${this.head}Idempotency-Key: ${item.id}\r\nContent-Length: ${item.body.length}\r\n\r\n`), item.body]));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private readAnswer(): void {
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buffered.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.waiting.reject(new Error(`an answer without Content-Length: ${head.split('\r\n')[0]}`));
      this.waiting = undefined;
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.buffered.length < total) return;
    const text = this.buffered.toString('utf8', end + 4, total);
    this.buffered = this.buffered.subarray(total);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting.resolve({ status, text });
  }
}
