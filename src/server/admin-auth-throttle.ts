/**
 * Slows guessing of the admin token: per client address, a few wrong tokens are free, then each
 * further one locks the address out of the admin routes for twice as long as the last (1 s, 2 s,
 * 4 s … up to 15 min). While locked, every admin request from that address gets 429 before its
 * token is even compared, so a guess made then tells the guesser nothing. A right token resets
 * the count. Only the admin routes use this: the person-facing routes never share its budget.
 * In memory, per process (like the rate limits); an IPv6 client counts by its /64, which one
 * machine usually holds whole.
 */

export interface AdminAuthThrottleOptions {
  /** Wrong tokens allowed before any lock-out. Default 5. */
  freeFailures?: number;
  /** Longest lock-out, in seconds. Default 900. */
  maxLockSeconds?: number;
}

export interface AdminAuthThrottle {
  /** Seconds this address must still wait before its next admin request is looked at; 0 when it may go on. */
  retryAfterSeconds(address: string, nowMs: number): number;
  /** A wrong admin token from this address. */
  failed(address: string, nowMs: number): void;
  /** The right admin token from this address: it starts again from zero. */
  succeeded(address: string): void;
}

interface Failures {
  count: number;
  lockedUntil: number;
  lastAt: number;
}

const MAX_TRACKED_ADDRESSES = 10_000;
/** An address with no wrong token for this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 3600 * 1000;

/** The part of a client address that one client holds: the address itself, or an IPv6 address's /64. */
export function clientKey(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function createAdminAuthThrottle(options: AdminAuthThrottleOptions = {}): AdminAuthThrottle {
  const freeFailures = options.freeFailures ?? 5;
  const maxLockMs = (options.maxLockSeconds ?? 900) * 1000;
  const byClient = new Map<string, Failures>();

  function forgetOld(nowMs: number): void {
    for (const [key, entry] of byClient) {
      if (entry.lockedUntil <= nowMs && nowMs - entry.lastAt > FORGET_AFTER_MS) byClient.delete(key);
    }
    // Still full under a flood of addresses: drop the oldest (Map keeps insertion order).
    while (byClient.size >= MAX_TRACKED_ADDRESSES) byClient.delete(byClient.keys().next().value!);
  }

  return {
    retryAfterSeconds(address, nowMs) {
      const entry = byClient.get(clientKey(address));
      return entry && entry.lockedUntil > nowMs ? Math.ceil((entry.lockedUntil - nowMs) / 1000) : 0;
    },
    failed(address, nowMs) {
      const key = clientKey(address);
      let entry = byClient.get(key);
      if (entry && nowMs - entry.lastAt > FORGET_AFTER_MS) entry = undefined;
      if (!entry) {
        if (byClient.size >= MAX_TRACKED_ADDRESSES) forgetOld(nowMs);
        entry = { count: 0, lockedUntil: 0, lastAt: nowMs };
      }
      entry.count += 1;
      entry.lastAt = nowMs;
      const over = entry.count - freeFailures;
      if (over > 0) entry.lockedUntil = nowMs + Math.min(maxLockMs, 1000 * 2 ** Math.min(over - 1, 30));
      byClient.set(key, entry);
    },
    succeeded(address) {
      byClient.delete(clientKey(address));
    },
  };
}
