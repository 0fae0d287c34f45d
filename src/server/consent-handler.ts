/**
 * The receiver as a Web-standard handler (`Request` → `Response`), usable in
 * Node, Deno, Bun, workers and serverless routes.
 */
import { type VerifyOptions, verifyConsentRecord } from '../core/record/verify-consent-record.js';
import { canonicalize } from '../core/record/canonical-json.js';
import type { ConsentRecord } from '../core/record/consent-record.js';
import { hex, utf8Bytes } from '../core/record/encoding.js';
import { platformVerificationCrypto, serverVerificationCrypto } from './platform-crypto.js';
import type { CategoryRegistry } from './category-registry.js';
import { type ConsentStore, type LedgerEntry, NonceReplayedError } from './consent-store.js';
import { createNonceIssuer, type NonceIssuer, type NonceIssuerOptions } from './nonce-issuer.js';
import { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limiter.js';
import { CheckpointPublisher, type ReceiptLogProof } from './log/checkpoint-publisher.js';
import { loadReceiverKey, type ReceiverKey, receiverKidsOf, signReceipt } from './receiver-key.js';
import { createRouteState, handleExtendedRoute, type WhatsAppWebhookOptions } from './routes/extended-routes.js';
import { adminTokenProblem } from './routes/admin-routes.js';
import { jsonResponse } from './routes/json-response.js';
import { handleEventsRequest } from './routes/events-route.js';
import { type PlainAnswer, type RecordPost, recordPostReceivers } from './record-post.js';
import { admissionProblems, DEFAULT_MAX_FUTURE_SKEW_MS, DEFAULT_MAX_RECORD_AGE_MS, isWithdrawal } from './record-admission.js';
import { verifyPreferenceToken } from './preference-tokens.js';
import { bearerTokenOf, tokenCoversSubject } from './record-authority.js';
import type { RecordVerifier, ThreadVerificationResult } from './verification-thread.js';
import type { AuditExportRunner } from './audit-ledger-response.js';

export interface ConsentHandlerOptions {
  store: ConsentStore;
  /**
   * The receiver's key file (private keys, mode 0600), created on first start. Default: beside the
   * store's database file (`consents.db` → `consents.keys.json`). See key-file.ts.
   */
  keyFile?: string;
  /** Origins allowed to send records from a browser (`https://shop.example`), or `['*']`. The receiver's own origin is always allowed. */
  allowedOrigins?: string[];
  /** Prefix of the routes, e.g. `/api` for `/api/consents`. Default `''`. */
  basePath?: string;
  /** Largest accepted body. Default 64 KiB (the browser's keepalive budget). */
  maxBodyBytes?: number;
  /** Clock-skew rules for `capturedAt`. */
  verify?: Omit<VerifyOptions, 'now'>;
  /** The receiver's clock (for tests). */
  now?: () => Date;
  /** Bearer secret for `POST /preference-tokens` and `GET /audit/*`, at least 32 characters; those routes are off without it. */
  adminToken?: string;
  /** WhatsApp Cloud API webhook at `/webhooks/whatsapp` (double opt-in, STOP replies); off without `appSecret`. */
  whatsapp?: WhatsAppWebhookOptions;
  /** Nonces of `GET /consents/nonce`: lifetime and clock tolerance. */
  nonces?: Omit<NonceIssuerOptions, 'now'>;
  /**
   * Abuse limits, answered with 429 and `Retry-After`. `perClient` counts every request from one
   * address (default burst 120, then 300/min); `perSubject` counts new records for one phone number or
   * BSUID (default burst 20, then 30/min). `false` turns one off. Withdrawals never spend these
   * budgets: they have their own per address and subject (`perWithdrawal`, default burst 20, then
   * 30/min), so no one else's traffic can delay a person's stop.
   */
  rateLimits?: { perClient?: RateLimit | false; perSubject?: RateLimit | false; perWithdrawal?: RateLimit | false };
  /**
   * Grants whose form was filled in faster than this (milliseconds, `collection.fillMs`), or
   * whose honeypot is set, are taken for bots and refused with 422 `looks-automated` (never a
   * quiet "stored"). Withdrawals are never filtered. Default 300. 0 turns it off.
   */
  minFillMs?: number;
  /**
   * Verifies records somewhere else than in this thread; the Node server passes a worker thread.
   * Should it fail, the handler verifies in this thread. Default: in this thread.
   */
  verifier?: RecordVerifier;
  /**
   * Runs whole-ledger audit exports (`GET /audit/ledger`) somewhere else than this thread; the
   * Node server passes worker threads. Default: in this thread, page by page, yielding between pages.
   */
  auditExports?: AuditExportRunner;
  /**
   * How old a record's `capturedAt` may be when it arrives. Default 90 days
   * (`DEFAULT_MAX_RECORD_AGE_MS`): a device offline for weeks still delivers its outbox.
   */
  maxRecordAgeMs?: number;
  /**
   * The business's categories (id, label, labels per locale): the preference centre and exports
   * show these labels only. Records naming other categories are kept as evidence and change nothing.
   */
  categories?: CategoryRegistry;
  /** The business's own stop keywords (`serve --stop-word`), conclusive like STOP in WhatsApp and relayed SMS replies. */
  stopWords?: string[];
}

/** What the platform knows about the connection, beyond the `Request`. */
export interface ConsentRequestContext {
  /** The client's IP address, for per-client rate limits. */
  clientAddress?: string;
}

export type ConsentHandler = (request: Request, context?: ConsentRequestContext) => Promise<Response>;

interface ErrorBody {
  code: string;
  message: string;
  details?: Array<{ path?: string; code?: string; message: string }>;
}

const DEFAULT_MAX_BODY = 64 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const hashing = serverVerificationCrypto;
const DEFAULT_PER_CLIENT: RateLimit = { burst: 120, perMinute: 300 };
const DEFAULT_PER_SUBJECT: RateLimit = { burst: 20, perMinute: 30 };
const DEFAULT_PER_WITHDRAWAL: RateLimit = { burst: 20, perMinute: 30 };
const DEFAULT_MIN_FILL_MS = 300;

/** The subject an unverified withdrawal names, as a short bucket key (the body may be 64 KiB of anything). */
function withdrawalSubjectKey(record: unknown): string {
  const subject = (record as { subject?: { phone?: unknown; bsuid?: unknown } } | null)?.subject;
  const part = (value: unknown) => (typeof value === 'string' ? value.slice(0, 140) : '');
  return `${part(subject?.phone)}|${part(subject?.bsuid)}`;
}

/** Signs of a bot: the hidden honeypot field was filled, or the form was filled implausibly fast. */
function looksLikeBot(record: ConsentRecord, minFillMs: number): boolean {
  const { honeypot, fillMs } = record.collection;
  return honeypot === true || (minFillMs > 0 && fillMs !== undefined && fillMs < minFillMs);
}

const error = (status: number, body: ErrorBody, headers?: Record<string, string>) => jsonResponse(status, { error: body }, headers);

/** Reads at most `limit` bytes; `undefined` when the body is larger. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function isReceiverAttested(body: unknown): boolean {
  const proof = (body as { proof?: unknown } | null)?.proof;
  return typeof proof === 'object' && proof !== null && 'attestation' in proof;
}

function acceptedMediaType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  // text/plain is what navigator.sendBeacon can send without a CORS preflight.
  return type === 'application/json' || type === 'text/plain';
}

const plainError = (status: number, body: ErrorBody, headers: Record<string, string> = {}): PlainAnswer => ({
  status,
  body: { error: body },
  headers,
});

function storedAnswer(entry: LedgerEntry, created: boolean, cors: Record<string, string>, log?: ReceiptLogProof): PlainAnswer {
  return {
    status: created ? 201 : 200,
    body: {
      status: created ? 'stored' : 'duplicate',
      id: entry.id,
      seq: entry.seq,
      recordHash: entry.recordHash,
      receivedAt: entry.receivedAt,
      receipt: entry.receipt,
      // The receipt's place in the verifiable log: check it with verifyReceipt(receipt, keys, {...log, logKey}).
      ...(log ? { log } : {}),
    },
    headers: cors,
  };
}

/** The plain form of a `Request` to `POST /consents`. */
function recordPostOf(request: Request, clientAddress: string): RecordPost {
  return {
    origin: request.headers.get('Origin'),
    ownOrigin: () => new URL(request.url).origin,
    contentType: request.headers.get('Content-Type'),
    contentLength: request.headers.get('Content-Length'),
    idempotencyKey: request.headers.get('Idempotency-Key'),
    authorization: request.headers.get('Authorization'),
    clientAddress,
    // A client that goes away mid-body is a bad request, not a receiver failure.
    readBody: (limit) => readLimited(request, limit).catch(() => null),
  };
}

export function createConsentHandler(options: ConsentHandlerOptions): ConsentHandler {
  // A short admin token can be guessed; refusing to start is kinder than an open ledger.
  const weakToken = options.adminToken ? adminTokenProblem(options.adminToken) : undefined;
  if (weakToken) throw new Error(weakToken);
  const basePath = (options.basePath ?? '').replace(/\/$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const now = options.now ?? (() => new Date());
  let receiverKey: Promise<ReceiverKey> | undefined;
  const key = () =>
    (receiverKey ??= loadReceiverKey(options.store, { keyFile: options.keyFile }).then(async (loaded) => {
      // From now on every append keeps the derived state that "may I send?" reads (built here when missing).
      // A failure must not take the key (and every route) with it: the state catches up at the next append or read.
      await options.store
        .keepDerivedState?.(receiverKidsOf(loaded))
        ?.catch((error: unknown) => console.error('[optin-elements] the derived state for may-send could not be built yet', error));
      return loaded;
    }));
  const checkpoints = new CheckpointPublisher(options.store, key);
  const answerStored = async (entry: LedgerEntry, created: boolean, cors: Record<string, string>) =>
    storedAnswer(entry, created, cors, await checkpoints.proofFor(entry));
  const routeState = createRouteState(options.store);
  let nonceIssuer: Promise<NonceIssuer> | undefined;
  const nonces = () => (nonceIssuer ??= key().then((k) => createNonceIssuer(k.secret, { ...options.nonces, now })));
  const limiter = (limit: RateLimit | false | undefined, fallback: RateLimit): RateLimiter | undefined =>
    limit === false ? undefined : createRateLimiter(limit ?? fallback, () => now().getTime());
  const perClient = limiter(options.rateLimits?.perClient, DEFAULT_PER_CLIENT);
  const perClientNonces = limiter(options.rateLimits?.perClient, DEFAULT_PER_CLIENT);
  const perSubject = limiter(options.rateLimits?.perSubject, DEFAULT_PER_SUBJECT);
  const perWithdrawal = limiter(options.rateLimits?.perWithdrawal, DEFAULT_PER_WITHDRAWAL);
  // The funnel report's counts: the per-client limits, in a bucket of their own.
  const perClientEvents = limiter(options.rateLimits?.perClient, DEFAULT_PER_CLIENT);
  const minFillMs = options.minFillMs ?? DEFAULT_MIN_FILL_MS;

  function tooMany(retryAfterSeconds: number, what: string, cors: Record<string, string>): PlainAnswer {
    return plainError(
      429,
      { code: 'rate-limited', message: `too many requests ${what}; retry after ${retryAfterSeconds} s` },
      { ...cors, 'Retry-After': String(retryAfterSeconds) },
    );
  }

  const toResponse = (answer: PlainAnswer) => jsonResponse(answer.status, answer.body, answer.headers);

  function corsHeaders(origin: string | null, ownOrigin: () => string): Record<string, string> | 'forbidden' {
    // No Origin: a server-side relay or a tool, judged on its record alone.
    if (!origin) return {};
    const allowed = allowedOrigins.has('*') || allowedOrigins.has(origin) || origin === ownOrigin();
    if (!allowed) return 'forbidden';
    // Retry-After must be readable cross-origin, or the widget cannot honour it.
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After', Vary: 'Origin' };
  }

  async function issueNonce(client: string, cors: Record<string, string>): Promise<Response> {
    const decision = perClientNonces?.take(client);
    if (decision && !decision.allowed) return toResponse(tooMany(decision.retryAfterSeconds, 'from this address', cors));
    return jsonResponse(200, await (await nonces()).issue(), cors);
  }

  async function receive(post: RecordPost, cors: Record<string, string>): Promise<PlainAnswer> {
    const answer = (status: number, body: ErrorBody) => plainError(status, body, cors);
    if (!acceptedMediaType(post.contentType)) {
      return answer(415, { code: 'unsupported-media-type', message: 'send the record as Content-Type: application/json' });
    }
    const declared = Number(post.contentLength ?? '0') || 0;
    if (declared > maxBodyBytes) {
      return answer(413, { code: 'body-too-large', message: `the body is larger than ${maxBodyBytes} bytes` });
    }
    const bytes = await post.readBody(maxBodyBytes);
    if (bytes === null) return answer(400, { code: 'body-unreadable', message: 'the body ended before it was complete' });
    if (!bytes) return answer(413, { code: 'body-too-large', message: `the body is larger than ${maxBodyBytes} bytes` });
    let record: unknown;
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
      record = JSON.parse(text);
    } catch {
      return answer(400, { code: 'invalid-json', message: 'the body is not valid UTF-8 JSON' });
    }
    /** The very record already verified and stored, sent again (same bytes' meaning, same id): answered as before. */
    const storedResend = async (): Promise<LedgerEntry | undefined> => {
      const stored = typeof (record as { id?: unknown } | null)?.id === 'string' ? await options.store.findById((record as { id: string }).id) : undefined;
      return stored && (await isResendOf(stored, record)) && (post.idempotencyKey === null || post.idempotencyKey === stored.id) ? stored : undefined;
    };
    // A withdrawal never shares a budget with grants or with other people: its own bucket per
    // address and subject. Read from the unverified body, so a false claim only reaches that bucket.
    const claimsWithdrawal = isWithdrawal((record ?? {}) as object);
    // A stop already stored and sent again (a closed page never read its answer) costs one lookup by
    // id and is answered before any budget: a withdrawal is never answered 429.
    const storedWithdrawal = claimsWithdrawal && !isReceiverAttested(record) ? await storedResend() : undefined;
    if (storedWithdrawal) return answerStored(storedWithdrawal, false, cors);
    const clientDecision = claimsWithdrawal
      ? perWithdrawal?.take(`${post.clientAddress}|${withdrawalSubjectKey(record)}`)
      : perClient?.take(post.clientAddress);
    if (clientDecision && !clientDecision.allowed) return tooMany(clientDecision.retryAfterSeconds, 'from this address', cors);
    if (isReceiverAttested(record)) {
      // An attestation says "the receiver saw this"; only the receiver can say that, never a device.
      const message = 'receiver-attested records (proof.attestation) are made by the receiver, never posted';
      return answer(422, { code: 'attestation-not-accepted', message, details: [{ path: '/proof/attestation', code: 'attestation-not-accepted', message }] });
    }
    const stored = await storedResend();
    // The very record already verified and stored: answer as before, without verifying it again.
    if (stored) return answerStored(stored, false, cors);
    const receivedAt = now();
    const verifyOptions = { ...options.verify, now: receivedAt, crypto: platformVerificationCrypto };
    // The thread also signs the receipt: the one a record gets when there is no authority to add (below).
    const threadKey =
      options.verifier &&
      (await key().then(
        (k) => ({ kid: k.publicJwk.kid, privateKey: k.privateKey }),
        () => undefined,
      ));
    const verification: ThreadVerificationResult =
      (await options.verifier?.verify(text, record, verifyOptions, threadKey).catch(() => undefined)) ?? (await verifyConsentRecord(record, verifyOptions));
    if (!verification.ok) {
      const schemaOnly = verification.errors.every((e) => e.code === 'schema-invalid' || e.code === 'not-json-object');
      return answer(422, {
        code: schemaOnly ? 'record-invalid' : 'record-rejected',
        message: verification.errors.map((e) => e.message).join('; '),
        details: verification.errors.map(({ code, path, message }) => ({ code, path, message })),
      });
    }
    if (verification.record.collection.source === 'import') {
      const message = 'collection.source "import" is for lists the receiver imports and attests, never for a posted record';
      return answer(422, { code: 'source-not-accepted', message, details: [{ path: '/collection/source', code: 'source-not-accepted', message }] });
    }
    if (verification.record.kind === 'confirmation' || verification.record.inbound || verification.record.confirms) {
      // Only the receiver makes these, from its signed WhatsApp webhook: a posted one would fake a double opt-in.
      return answer(422, { code: 'record-rejected', message: 'confirmation and inbound records are made by the receiver, not posted' });
    }
    const idempotencyKey = post.idempotencyKey;
    if (idempotencyKey !== null && idempotencyKey !== verification.record.id) {
      return answer(400, { code: 'idempotency-key-mismatch', message: 'the Idempotency-Key header must equal the record id' });
    }
    // Looked up before verifying; a copy stored since then is caught by append(), which never doubles an id.
    if (stored) return sameOrConflict(stored, verification.recordHash, cors);
    const problems = admissionProblems(verification.record, {
      now: receivedAt,
      maxFutureSkewMs: options.verify?.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS,
      maxAgeMs: options.maxRecordAgeMs ?? DEFAULT_MAX_RECORD_AGE_MS,
    });
    if (problems.length > 0) {
      return answer(422, { code: problems[0].code, message: problems.map((p) => p.message).join('; '), details: problems });
    }
    const withdrawal = isWithdrawal(verification.record);
    if (!withdrawal && looksLikeBot(verification.record, minFillMs)) {
      // Said plainly: a quiet "stored" for a record that was not would mislead a real person too.
      return answer(422, {
        code: 'looks-automated',
        message: 'the form was submitted faster than a person fills it in, or its hidden field was filled; nothing was stored',
      });
    }
    // A grant sent with the person's preference token carries their authority; a withdrawal needs none.
    let authority: 'preference-token' | undefined;
    const token = withdrawal ? undefined : bearerTokenOf(post.authorization);
    if (token) {
      const check = await verifyPreferenceToken(await key(), token, receivedAt);
      // An outbox may deliver after the link expired: the grant is kept, without the person's authority.
      if (!check.ok && check.code !== 'token-expired')
        return answer(401, { code: check.code, message: `${check.message}; send the record without Authorization to store it as needing confirmation` });
      if (check.ok && !tokenCoversSubject(check.claims.sub, verification.record.subject)) {
        return answer(403, { code: 'token-subject-mismatch', message: 'the preference token was issued for another subject than the record names' });
      }
      if (check.ok) authority = 'preference-token';
    }
    if (verification.record.nonce !== undefined) {
      const nonce = verification.record.nonce;
      const check = await (await nonces()).check(nonce, new Date(verification.record.capturedAt));
      if (!check.ok) return answer(422, { code: check.code, message: check.message, details: [{ path: '/nonce', code: check.code, message: check.message }] });
      // A store that claims it in the append's own transaction saves a commit per record (see ConsentStore).
      if (!options.store.claimsNoncesOnAppend && !(await options.store.claimNonce(nonce, verification.record.id))) return nonceReplayed(cors);
    }
    const subject = verification.record.subject.phone ?? verification.record.subject.bsuid ?? '';
    const subjectDecision = withdrawal ? undefined : perSubject?.take(subject);
    if (subjectDecision && !subjectDecision.allowed) return tooMany(subjectDecision.retryAfterSeconds, 'for this subject', cors);
    const receivedAtIso = receivedAt.toISOString();
    // The verification thread's receipt has these very claims when there is no authority to add.
    const receipt =
      !authority && verification.receipt !== undefined
        ? verification.receipt
        : await signReceipt(await key(), {
            id: verification.record.id,
            recordHash: verification.recordHash,
            receivedAt: receivedAtIso,
            ...(authority ? { authority } : {}),
          });
    let appended: { entry: LedgerEntry; created: boolean };
    try {
      appended = await options.store.append({
        id: verification.record.id,
        record: verification.record,
        recordHash: verification.recordHash,
        keyThumbprint: verification.keyThumbprint,
        receivedAt: receivedAtIso,
        receipt,
        ...(options.store.claimsNoncesOnAppend && verification.record.nonce !== undefined ? { nonce: verification.record.nonce } : {}),
      });
    } catch (cause) {
      if (cause instanceof NonceReplayedError) return nonceReplayed(cors);
      throw cause;
    }
    const { entry, created } = appended;
    // Another request may have stored the same id between the look-up and the append.
    if (!created) return sameOrConflict(entry, verification.recordHash, cors);
    return answerStored(entry, true, cors);
  }

  function nonceReplayed(cors: Record<string, string>): PlainAnswer {
    const message = 'this nonce was already used by another record';
    return plainError(422, { code: 'nonce-replayed', message, details: [{ path: '/nonce', code: 'nonce-replayed', message }] }, cors);
  }

  async function sameOrConflict(entry: LedgerEntry, recordHash: string, cors: Record<string, string>): Promise<PlainAnswer> {
    if (entry.recordHash !== recordHash) {
      return plainError(409, { code: 'id-conflict', message: 'a different record is already stored under this id' }, cors);
    }
    return answerStored(entry, false, cors);
  }

  /**
   * Whether a posted value is, byte for byte in canonical form, a record already stored by a
   * device's POST. Then verifying it again would give the same answer: it was verified when stored,
   * and time only moves away from the future-skew limit. An age limit could now refuse it, and
   * records the receiver made itself may never be posted, so those take the full path.
   */
  async function isResendOf(stored: LedgerEntry, posted: unknown): Promise<boolean> {
    if (options.verify?.maxAgeMs !== undefined) return false;
    if (stored.record.kind === 'confirmation' || stored.record.inbound || stored.record.confirms) return false;
    let canonical: string;
    try {
      canonical = canonicalize(posted);
    } catch {
      return false;
    }
    return hex(await hashing.sha256(utf8Bytes(canonical))) === stored.recordHash;
  }

  const internalError = () => plainError(500, { code: 'internal-error', message: 'the receiver failed; the record was not stored, send it again' });

  /** `POST /consents` from plain values: the whole path of a record, CORS check included. */
  async function receiveRecordPost(post: RecordPost): Promise<PlainAnswer> {
    try {
      const cors = corsHeaders(post.origin, post.ownOrigin);
      if (cors === 'forbidden') {
        return plainError(403, { code: 'origin-not-allowed', message: `origin ${post.origin} may not send records here` });
      }
      return await receive(post, cors);
    } catch (cause) {
      console.error('[optin-elements] receiver failed', cause);
      return internalError();
    }
  }

  const handleConsentRequest: ConsentHandler = async (request, context = {}) => {
    try {
      const client = context.clientAddress ?? 'unknown';
      const path = new URL(request.url).pathname;
      const cors = corsHeaders(request.headers.get('Origin'), () => new URL(request.url).origin);
      if (cors === 'forbidden') {
        return error(403, { code: 'origin-not-allowed', message: `origin ${request.headers.get('Origin')} may not send records here` });
      }
      if (path === `${basePath}/consents`) {
        if (request.method === 'OPTIONS') {
          return new Response(null, {
            status: 204,
            headers: {
              ...cors,
              'Access-Control-Allow-Methods': 'POST, OPTIONS',
              'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, Authorization',
              'Access-Control-Max-Age': '86400',
            },
          });
        }
        if (request.method !== 'POST') {
          return error(405, { code: 'method-not-allowed', message: 'use POST' }, { ...cors, Allow: 'POST, OPTIONS' });
        }
        return toResponse(await receive(recordPostOf(request, client), cors));
      }
      if (path === `${basePath}/consents/nonce`) {
        if (request.method !== 'GET') {
          return error(405, { code: 'method-not-allowed', message: 'use GET' }, { ...cors, Allow: 'GET' });
        }
        return await issueNonce(client, cors);
      }
      if (path === `${basePath}/events`) {
        return await handleEventsRequest(request, { store: options.store, cors, now, take: () => perClientEvents?.take(client) });
      }
      const extended = path.startsWith(basePath)
        ? await handleExtendedRoute(request, path.slice(basePath.length), { ...options, key, now, cors, routeState, clientAddress: client, checkpoints })
        : undefined;
      if (extended) return extended;
      if (path === `${basePath}/.well-known/jwks.json` && request.method === 'GET') {
        // Every receipt key still in the key file, so receipts signed before a rotation still verify.
        return jsonResponse(200, { keys: (await key()).publishedJwks }, { 'Cache-Control': 'public, max-age=300', ...cors });
      }
      return error(404, { code: 'not-found', message: `no route ${request.method} ${path}` }, cors);
    } catch (cause) {
      console.error('[optin-elements] receiver failed', cause);
      return toResponse(internalError());
    }
  };
  recordPostReceivers.set(handleConsentRequest, { path: `${basePath}/consents`, receive: receiveRecordPost });
  return handleConsentRequest;
}
