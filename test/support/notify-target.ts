/**
 * A stand-in for the endpoint `serve --notify` pushes to: a real HTTP server on 127.0.0.1 that
 * records every request (Idempotency-Key, signature, raw body) and answers what the test scripts.
 * It can go down (the port refuses connections) and come back on the same port.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NotifyRequest {
  key: string | null;
  signature: string | null;
  body: Uint8Array;
  /** What the target answered. */
  status: number;
}

export interface NotifyTarget {
  url: string;
  requests: NotifyRequest[];
  /** Decides the status of each request as it arrives (default 200). */
  answer: (request: Omit<NotifyRequest, 'status'>) => number;
  /** Resolves once `predicate` holds for the requests so far (checked at each request). */
  waitFor(predicate: (requests: NotifyRequest[]) => boolean): Promise<void>;
  /** Stops listening: connections are refused until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

function bodyOf(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export async function startNotifyTarget(path = '/optin-changes'): Promise<NotifyTarget> {
  const requests: NotifyRequest[] = [];
  const waiters: Array<{ predicate: (r: NotifyRequest[]) => boolean; resolve: () => void }> = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.predicate(requests)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const target: NotifyTarget = {
    url: '',
    requests,
    answer: () => 200,
    waitFor: (predicate) =>
      new Promise<void>((resolve) => {
        waiters.push({ predicate, resolve });
        check();
      }),
    down: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    up: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => target.down(),
  };
  const server = createServer(async (req, res) => {
    const seen = {
      key: (req.headers['idempotency-key'] as string | undefined) ?? null,
      signature: (req.headers['optin-signature'] as string | undefined) ?? null,
      body: await bodyOf(req),
    };
    const status = target.answer(seen);
    requests.push({ ...seen, status });
    res.on('error', () => undefined);
    res.writeHead(status).end();
    check();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  target.url = `http://127.0.0.1:${port}${path}`;
  return target;
}
