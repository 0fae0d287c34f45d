/** A small Node HTTP server around the Web-standard handler, for local use and the CLI. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type ConsentHandler, type ConsentHandlerOptions, createConsentHandler } from './consent-handler.js';
import type { ConsentStore } from './consent-store.js';
import { SqliteConsentStore } from './sqlite-consent-store.js';

/** Turns a Node request into a Web `Request`, streaming the body. */
export function toWebRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // Node's fetch needs this for a streamed request body.
    duplex: 'half',
  } as RequestInit);
}

export async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Node `(req, res)` listener that answers through a Web-standard handler. */
export function nodeListener(handler: ConsentHandler) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    handler(toWebRequest(req, origin), { clientAddress: req.socket.remoteAddress })
      .then((response) => sendWebResponse(response, res))
      .catch(() => {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  };
}

export interface ConsentServerOptions extends Omit<ConsentHandlerOptions, 'store'> {
  /** SQLite file, created on first start. Ignored when `store` is given. */
  db?: string;
  store?: ConsentStore;
  port?: number;
  /** Default `127.0.0.1`: not reachable from other machines unless asked. */
  host?: string;
}

export interface RunningConsentServer {
  url: string;
  server: Server;
  store: ConsentStore;
  close(): Promise<void>;
}

export async function startConsentServer(options: ConsentServerOptions = {}): Promise<RunningConsentServer> {
  const store = options.store ?? new SqliteConsentStore(options.db ?? 'consents.db');
  const handler = createConsentHandler({ ...options, store });
  const server = createServer(nodeListener(handler));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    store,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
