/** A small Node HTTP server around the Web-standard handler, for local use and the CLI. */
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import { type ConsentHandler, type ConsentHandlerOptions, createConsentHandler } from './consent-handler.js';
import type { ConsentStore } from './consent-store.js';
import { JSON_ANSWER_HEADERS, type PlainAnswer, type RecordPost, type RecordPostReceiver, recordPostReceivers } from './record-post.js';
import { hasInboundJournal, reprocessPendingDeliveries } from './inbound-journal.js';
import { loadReceiverKey, type ReceiverKey, receiverKidsOf } from './receiver-key.js';
import { parseRequestTarget } from './request-target.js';
import { openConsentStore } from './open-consent-store.js';
import { startVerificationThread } from './verification-thread.js';
import { auditExportThreads } from './audit-export-thread.js';
import { isStreamed } from './streamed-response.js';
import { clientAddressOf, type TrustProxy, trustProxyCheck } from './client-address.js';
import { type ChangeNotifier, type ChangeNotifyOptions, notifyUrlProblem, startChangeNotifier } from './changes/change-notifier.js';

/** Turns a Node request into a Web `Request`, streaming the body; `url` from `parseRequestTarget`. */
export function toWebRequest(req: IncomingMessage, url: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
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
  if (isStreamed(response) && response.body) {
    await writeStreamedBody(response.body, res);
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Writes a body as it is produced, reading the next chunk only once the socket took the last one. */
async function writeStreamedBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  // The client went away: stop producing (an export's thread and connection are released).
  const stop = () => void reader.cancel().catch(() => undefined);
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done).off('close', done);
            resolve();
          };
          res.on('drain', done).on('close', done);
        });
      }
      if (res.destroyed) return;
    }
    res.end();
  } catch {
    // Produced in part: the status line is sent, so the body is cut short, which the client sees.
    res.destroy();
  } finally {
    res.off('close', stop);
  }
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

function recordPostOf(req: IncomingMessage, origin: string, clientAddress: string): RecordPost {
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
    authorization: header('authorization'),
    clientAddress,
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

/**
 * Node `(req, res)` listener that answers through a Web-standard handler. `trustProxy`: the
 * proxies in front of it (see client-address.ts); without it, the client is the socket's peer.
 */
export function nodeListener(handler: ConsentHandler, options: { trustProxy?: TrustProxy } = {}) {
  const trusted = trustProxyCheck(options.trustProxy);
  const clientOf = (req: IncomingMessage) => clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
  // A handler made by createConsentHandler takes a record's POST without the Web Request and Response.
  const records: RecordPostReceiver | undefined = recordPostReceivers.get(handler);
  return (req: IncomingMessage, res: ServerResponse) => {
    const target = parseRequestTarget(req.headers.host, req.url);
    if (!target.ok) {
      // Before any route: a malformed Host or target is the client's error on every route, never a 5xx.
      sendPlainAnswer({ status: 400, body: { error: { code: 'bad-request', message: target.message } }, headers: { Connection: 'close' } }, res);
      return;
    }
    if (records && req.method === 'POST' && plainPath(target.path) === records.path) {
      records
        .receive(recordPostOf(req, target.origin, clientOf(req)))
        .then((answer) => sendPlainAnswer(answer, res))
        .catch(() => {
          if (!res.headersSent) res.statusCode = 500;
          res.end();
        });
      return;
    }
    let request: Request;
    try {
      request = toWebRequest(req, `${target.origin}${target.target}`);
    } catch {
      // parseRequestTarget checked what a URL needs; should a Request still refuse it, it is the client's bytes.
      sendPlainAnswer(
        { status: 400, body: { error: { code: 'bad-request', message: 'the request target is not a valid URL' } }, headers: { Connection: 'close' } },
        res,
      );
      return;
    }
    handler(request, { clientAddress: clientOf(req) })
      .then((response) => sendWebResponse(response, res))
      .catch(() => {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  };
}

/** A path the fast path may compare as it is: anything URL parsing would rewrite (dot segments, escapes, backslashes, `//`) takes the Web path. */
function plainPath(path: string): string | undefined {
  return path.startsWith('//') || /[%.\\]/.test(path) ? undefined : path;
}

export interface ConsentServerOptions extends Omit<ConsentHandlerOptions, 'store'> {
  /** SQLite file, created on first start, or a `postgres://` URL. Ignored when `store` is given. */
  db?: string;
  store?: ConsentStore;
  port?: number;
  /** Default `127.0.0.1`: not reachable from other machines unless asked. */
  host?: string;
  /** Verify records on a worker thread beside the event loop. Default `true`; `false` verifies in the main thread. */
  verificationThread?: boolean;
  /**
   * Run whole-ledger audit exports on a worker thread with its own read-only connection. Default
   * `true`; `false` runs them in the main thread, page by page.
   */
  exportThread?: boolean;
  /**
   * The reverse proxies or load balancers in front of the receiver, so the per-address rate limits
   * and the admin throttle see each client, not the proxy: a number of proxies (`1`), or their
   * addresses and CIDR ranges. Then the client is the rightmost `X-Forwarded-For` hop no trusted
   * proxy vouches for. Default: none, and `X-Forwarded-For` is ignored (anyone can send one).
   */
  trustProxy?: TrustProxy;
  /**
   * Deadline for receiving a whole request, headers and body, in milliseconds. Default 30 000: a
   * record is at most 64 KiB, which even a poor mobile link sends in a few seconds. A client still
   * sending then (one byte every few seconds, to hold a socket) is answered 408 and disconnected.
   */
  requestTimeoutMs?: number;
  /** Deadline for the request's headers alone. Default 10 000, or `requestTimeoutMs` when that is shorter. */
  headersTimeoutMs?: number;
  /**
   * Push every consent change (the `GET /changes` feed), signed, to these URLs (`serve --notify`):
   * retried until a 2xx, resumed after a restart, one receiver of a shared database at a time.
   * See `changes/change-notifier.ts` and docs/changes.md.
   */
  notify?: Array<string | ChangeNotifyOptions>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

/** Node's own request deadlines, checked often enough that a deadline means what it says. */
export function readDeadlines(options: { requestTimeoutMs?: number; headersTimeoutMs?: number }): ServerOptions {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isInteger(requestTimeout) || requestTimeout < 1)
    throw new RangeError(`requestTimeoutMs must be a whole number of milliseconds above 0, got ${requestTimeout}`);
  const headersTimeout = Math.min(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout);
  return {
    requestTimeout,
    headersTimeout,
    // Node looks for expired requests at this interval (default 30 s, which would double a 30 s deadline).
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
  };
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'the request was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'the request headers are too large'],
};

/**
 * What Node's HTTP parser refuses before any route runs (a malformed request line, headers too
 * large, a request past its deadline): answered in the receiver's error shape, then the socket is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const response = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request', 'the request is not valid HTTP/1.1'];
  const code = status === 408 ? 'request-timeout' : status === 431 ? 'headers-too-large' : 'bad-request';
  const body = JSON.stringify({ error: { code, message } });
  // end() only half-closes: once the answer is flushed, the socket goes, whatever the client does.
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Webhook deliveries a crash left half processed are finished before the first request is taken. */
async function reprocessOnStart(store: ConsentStore, options: ConsentServerOptions): Promise<void> {
  if (!hasInboundJournal(store)) return;
  try {
    const outcome = await reprocessPendingDeliveries(store, await loadReceiverKey(store), {
      ...options.whatsapp,
      ...(options.categories ? { categories: options.categories } : {}),
      ...(options.stopWords ? { stopWords: options.stopWords } : {}),
    });
    if (outcome.deliveries > 0) {
      console.log(
        `[optin-elements] reprocessed ${outcome.deliveries} journalled webhook deliveries: ${outcome.completed} completed, ${outcome.pendingUnits} messages still pending`,
      );
    }
  } catch (cause) {
    // The receiver still starts: the entries stay journalled for the next attempt.
    console.error('[optin-elements] reprocessing journalled webhook deliveries failed', cause);
  }
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
  const targets = (options.notify ?? []).map((target) => (typeof target === 'string' ? { url: target } : target));
  // Before anything is opened: a mistyped URL is a start-up error, not a silent loss of every notification.
  for (const target of targets) {
    const problem = notifyUrlProblem(target.url);
    if (problem) throw new Error(problem);
  }
  const store = options.store ?? (await openConsentStore(options.db ?? 'consents.db'));
  if (targets.length > 0 && !store.acquireDeliveryLease) {
    if (!options.store) await store.close();
    throw new Error('notify needs a store that keeps delivery cursors (acquireDeliveryLease); the SQLite and PostgreSQL stores do');
  }
  // At start, not at the first request: a key file that cannot be read is a clear start-up error, never a 500.
  let logKey: string;
  try {
    const key = await loadReceiverKey(store, { keyFile: options.keyFile });
    logKey = key.log.verifier.text;
    // The derived state "may I send?" reads: built from the ledger now when missing, not at the first request.
    await store.keepDerivedState?.(receiverKidsOf(key));
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
  const verifier = options.verifier ?? (options.verificationThread === false ? undefined : startVerificationThread());
  const auditExports = options.auditExports ?? (options.exportThread === false ? undefined : auditExportThreads());
  const handler = createConsentHandler({ ...options, store, verifier, auditExports });
  await reprocessOnStart(store, options);
  const server = createServer(readDeadlines(options), nodeListener(handler, { trustProxy: options.trustProxy }));
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  // Once listening: a receiver that failed to start delivers nothing.
  let notifierKey: Promise<ReceiverKey> | undefined;
  const notifiers: ChangeNotifier[] = targets.map((target) =>
    startChangeNotifier(store, () => (notifierKey ??= loadReceiverKey(store, { keyFile: options.keyFile })), {
      ...target,
      ...(options.categories ? { categories: options.categories } : {}),
    }),
  );
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    store,
    logKey,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(notifiers.map((notifier) => notifier.stop()));
      await store.close();
      if (verifier && verifier !== options.verifier) await verifier.close();
    },
  };
}
