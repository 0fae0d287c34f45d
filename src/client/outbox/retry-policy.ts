/** Which answers are worth another try, and when. Pure, so the outbox model test can drive it. */

export type AttemptVerdict = 'delivered' | 'retry' | 'final';

/** 2xx delivered; network failure (0), 408, 429 and 5xx retried; every other answer is final. */
export function judgeStatus(status: number): AttemptVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'final';
}

export interface BackoffOptions {
  /** First delay. Default 1 s. */
  baseMs?: number;
  /** Longest delay, also the cap on `Retry-After`. Default 5 minutes. */
  maxMs?: number;
}

/** `Retry-After` as milliseconds from now (seconds or an HTTP date), or `undefined`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with jitter ("equal jitter": half fixed, half random), so
 * many devices coming back online do not all retry in the same instant.
 * A `Retry-After` is honoured up to the cap.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 5 * 60 * 1000;
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (random * exponential) / 2;
  return retryAfterMs === undefined ? jittered : Math.min(max, Math.max(retryAfterMs, jittered / 4));
}
