/**
 * A record's POST as plain values, and the answer as plain values. The
 * Web-standard handler builds one from a `Request`; the Node server builds one
 * straight from the socket, skipping the Web `Request`/`Response` objects and
 * their streams, which cost more than verifying the record.
 */
export interface RecordPost {
  /** The `Origin` header, `null` for a server-side relay or a tool. */
  origin: string | null;
  /** The receiver's own origin (as `new URL(…).origin` gives it), always allowed to send; asked only when needed. */
  ownOrigin(): string;
  contentType: string | null;
  contentLength: string | null;
  idempotencyKey: string | null;
  /** The `Authorization` header: a preference token (`Bearer …`) gives a grant the person's authority. */
  authorization?: string | null;
  clientAddress: string;
  /** The body, at most `limit` bytes: `undefined` when it is larger, `null` when it ended before it was complete. */
  readBody(limit: number): Promise<Uint8Array | undefined | null>;
}

export interface PlainAnswer {
  status: number;
  /** Sent as JSON. */
  body: unknown;
  headers: Record<string, string>;
}

export interface RecordPostReceiver {
  /** The path records are posted to, base path included. */
  path: string;
  receive(post: RecordPost): Promise<PlainAnswer>;
}

/** The plain entry of each handler made by `createConsentHandler`, for a server that can use it. */
export const recordPostReceivers = new WeakMap<object, RecordPostReceiver>();

/** Headers of every JSON answer, before the route's own. */
export const JSON_ANSWER_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } as const;
