/** One record waiting in the outbox, exactly as it will be sent again and again. */
export interface OutboxEntry {
  /** The record id: also the idempotency key and the store key. */
  id: string;
  /** Enqueue order across tabs (milliseconds plus a fraction); one subject's records go out in this order. */
  seq: number;
  /** A hash of the subject (never the phone number itself), to keep one subject's records in order. */
  subjectKey: string;
  url: string;
  headers: Record<string, string>;
  /** The body, byte-for-byte the same on every attempt. */
  body: string;
  /** Per-attempt timeout. */
  timeoutMs: number;
  state: 'pending' | 'dead';
  attempts: number;
  /** Epoch ms before which no new attempt is made (backoff). */
  nextAttemptAt: number;
  /** Last answer: HTTP status, 0 for a network failure or timeout. */
  lastStatus?: number;
  lastMessage?: string;
}

/** What is sent: the hook `prepareRequest` may change all of it, but the signed record must stay inside `body`. */
export interface PreparedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}
