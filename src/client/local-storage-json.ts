/**
 * JSON values in `localStorage`, one key each, for the outbox fallback and the
 * click journal. Every access may throw (storage disabled, private modes,
 * quota): these answer `false` or nothing instead.
 */

/** Writes `value` as JSON under `key`; `false` when the browser refuses. */
export function writeJson(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The value under `key`, or `undefined` when absent, unreadable or not JSON (another script's value). */
export function readJson<T>(key: string): T | undefined {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '') as T;
  } catch {
    return undefined;
  }
}

export function removeKey(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage gone: nothing left to remove.
  }
}

/** Keys that start with `prefix`, without it. */
export function keysAfter(prefix: string): string[] {
  try {
    return Object.keys(localStorage).flatMap((key) => (key.startsWith(prefix) ? [key.slice(prefix.length)] : []));
  } catch {
    return [];
  }
}
