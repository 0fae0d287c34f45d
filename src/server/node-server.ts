/** A small Node HTTP server around the Web-standard handler, for local use and the CLI. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type ConsentHandler, type ConsentHandlerOptions, createConsentHandler } from './consent-handler.js';
import type { ConsentStore } from './consent-store.js';
import { JSON_ANSWER_HEADERS, type PlainAnswer, type RecordPost, type RecordPostReceiver, recordPostReceivers } from './record-post.js';
import { loadReceiverKey } from './receiver-key.js';
import { SqliteConsentStore } from './sqlite-consent-store.js';
import { startVerificationThread } from './verification-thread.js';

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
  // Answered before the body was read (413, 415…): the rest of the body would be taken for the
  // next request on this connection, so close it instead of keeping it alive.
  if (!res.req.complete) res.setHeader('Connection', 'close');
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Reads at most `limit` bytes of a Node request: `undefined` when larger, `null` when it ends early. */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', () => resolve(null));
    req.once('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

function recordPostOf(req: IncomingMessage, origin: string): RecordPost {
  const header = (name: string) => {
    const value = req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    origin: header('origin'),
    // Normalised as the Web path does (case, default port).
    ownOrigin: () => new URL(origin).origin,
    contentType: header('content-type'),
    contentLength: header('content-length'),
    idempotencyKey: header('idempotency-key'),
    clientAddress: req.socket.remoteAddress ?? 'unknown',
    readBody: (limit) => readNodeBody(req, limit),
  };
}

function sendPlainAnswer(answer: PlainAnswer, res: ServerResponse): void {
  const body = Buffer.from(JSON.stringify(answer.body));
  const headers: Record<string, string | number> = { ...JSON_ANSWER_HEADERS, ...answer.headers, 'Content-Length': body.length };
  // Answered before the body was read (413, 415…): see sendWebResponse.
  if (!res.req.complete) headers.Connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(body);
}

/** Node `(req, res)` listener that answers through a Web-standard handler. */
export function nodeListener(handler: ConsentHandler) {
  // A handler made by createConsentHandler takes a record's POST without the Web Request and Response.
  const records: RecordPostReceiver | undefined = recordPostReceivers.get(handler);
  return (req: IncomingMessage, res: ServerResponse) => {
    const origin = `http://${req.headers.host ?? 'localhost'}`;
    if (records && req.method === 'POST' && pathOf(req.url) === records.path) {
      records.receive(recordPostOf(req, origin))
        .then((answer) => sendPlainAnswer(answer, res))
        .catch(() => {
          if (!res.headersSent) res.statusCode = 500;
          res.end();
        });
      return;
    }
    let request: Request;
    try {
      request = toWebRequest(req, origin);
    } catch {
      // A Host header no URL can be made of: thrown here, it would take the whole process down.
      sendPlainAnswer({ status: 400, body: { error: { code: 'bad-request', message: 'the Host header is not a valid host' } }, headers: {} }, res);
      return;
    }
    handler(request, { clientAddress: req.socket.remoteAddress })
      .then((response) => sendWebResponse(response, res))
      .catch(() => {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  };
}

/** The path of a request target (`/consents?x=1` → `/consents`), as `new URL()` would give it for plain paths. */
function pathOf(target: string | undefined): string | undefined {
  if (!target || target[0] !== '/' || target.startsWith('//')) return undefined;
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  // Anything URL parsing would rewrite (dot segments, escapes, backslashes) takes the Web path.
  return /[%.\\]/.test(path) ? undefined : path;
}

export interface ConsentServerOptions extends Omit<ConsentHandlerOptions, 'store'> {
  /** SQLite file, created on first start. Ignored when `store` is given. */
  db?: string;
  store?: ConsentStore;
  port?: number;
  /** Default `127.0.0.1`: not reachable from other machines unless asked. */
  host?: string;
  /** Verify records on a worker thread beside the event loop. Default `true`; `false` verifies in the main thread. */
  verificationThread?: boolean;
}

export interface RunningConsentServer {
  url: string;
  server: Server;
  store: ConsentStore;
  /** The log's note verifier key (`origin+hash+key`), for witnesses and auditors. */
  logKey: string;
  close(): Promise<void>;
}

export async function startConsentServer(options: ConsentServerOptions = {}): Promise<RunningConsentServer> {
  const store = options.store ?? new SqliteConsentStore(options.db ?? 'consents.db');
  // At start, not at the first request: a key file that cannot be read is a clear start-up error, never a 500.
  let logKey: string;
  try {
    logKey = (await loadReceiverKey(store, { keyFile: options.keyFile })).log.verifier.text;
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
  const verifier = options.verifier ?? (options.verificationThread === false ? undefined : startVerificationThread());
  const handler = createConsentHandler({ ...options, store, verifier });
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
    logKey,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      if (verifier && verifier !== options.verifier) await verifier.close();
    },
  };
}
