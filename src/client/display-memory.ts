/**
 * What this device remembers about a popup or flyout form, in localStorage: that the person
 * subscribed (then it never opens by itself again) and when they last dismissed it (then it stays
 * closed for `dismiss-days`). Keyed by the form's endpoint, so every form collecting for the same
 * receiver shares them. Storage that is full or blocked remembers nothing, and breaks nothing.
 */

const PREFIX = 'optin-elements.';

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + key, value);
  } catch {
    // Private mode or a full quota: the form may show again, which is harmless.
  }
}

/** Called when a record was accepted or saved for sending: the outbox delivers it, so the person counts as subscribed. */
export function rememberSubscribed(endpoint: string): void {
  write(`subscribed:${endpoint}`, new Date().toISOString());
}

export function hasSubscribed(endpoint: string): boolean {
  return read(`subscribed:${endpoint}`) !== null;
}

export function rememberDismissed(endpoint: string, now: number): void {
  write(`dismissed:${endpoint}`, String(now));
}

export function dismissedAt(endpoint: string): number | undefined {
  const value = read(`dismissed:${endpoint}`);
  return value === null ? undefined : Number(value);
}
