/**
 * A TCP proxy on 127.0.0.1 that holds every chunk for a while in each direction: a server on
 * another machine (a database across a network), for benches that must not measure loopback only.
 */
import { connect, createServer, type Socket } from 'node:net';

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
export async function startDelayedProxy(target: { host: string; port: number }, delayMs: number): Promise<DelayedProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    forward(client, upstream, delayMs);
    forward(upstream, client, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
