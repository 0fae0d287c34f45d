/**
 * Token buckets keyed by client address or subject, in memory. A receiver
 * running several processes gets one budget per process, which is fine for
 * abuse control (not for billing).
 */

export interface RateLimit {
  /** Requests allowed in a burst. */
  burst: number;
  /** Sustained requests per minute. */
  perMinute: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

const MAX_TRACKED_KEYS = 50_000;

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = limit.perMinute / 60_000;

  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: time };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (time - bucket.at) * refillPerMs);
      bucket.at = time;
      // Keep memory bounded under a flood of distinct keys: full buckets carry no information.
      if (buckets.size >= MAX_TRACKED_KEYS && !buckets.has(key)) {
        for (const [k, b] of buckets) if (b.tokens + (time - b.at) * refillPerMs >= limit.burst) buckets.delete(k);
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
    },
  };
}
