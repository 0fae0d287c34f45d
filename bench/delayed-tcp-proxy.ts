/**
 * A TCP proxy on 127.0.0.1 that holds every chunk for a while in each direction: a server on
 * another machine (a database across a network), for benches that must not measure loopback only.
 * It runs in a process of its own, so its timers fire on time whatever the load generator is doing.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface DelayedProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  close(): Promise<void>;
}

function forward(from: Socket, to: Socket, delayMs: number): void {
  from.on('data', (chunk) => setTimeout(() => to.write(chunk), delayMs));
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), delayMs));
}

/** Forwards each connection to `target`, every chunk `delayMs` later, in order; Nagle off on both sides, as PostgreSQL and its clients have it. */
function serve(target: { host: string; port: number }, delayMs: number): void {
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    forward(client, upstream, delayMs);
    forward(upstream, client, delayMs);
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
}

/** Starts the proxy in a child process and answers its port. */
export async function startDelayedProxy(target: { host: string; port: number }, delayMs: number): Promise<DelayedProxy> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), target.host, String(target.port), String(delayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = once(createInterface({ input: child.stdout! }), 'line').then(([text]) => text as string);
  const line = await Promise.race([firstLine, exited.then(() => undefined)]);
  if (!line) throw new Error('the delaying proxy did not start');
  return {
    port: Number(line),
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [host, port, delayMs] = process.argv.slice(2);
  serve({ host, port: Number(port) }, Number(delayMs));
}
