/** The optional server challenge (`GET /consents/nonce`) put into the record before signing. */
import type { NonceUnavailableReason } from '../core/record/consent-record.js';

export type NonceOutcome = { nonce: string; expiresAt: number } | { unavailable: NonceUnavailableReason };

/**
 * Where to ask for a nonce: `nonceUrl` when set (`none` turns it off); else,
 * for an endpoint ending in `/consents` (optin-elements' receiver),
 * `<endpoint>/nonce`; other endpoints (webhooks) are not asked.
 */
export function resolveNonceUrl(endpoint: string, nonceUrl: string, base: string): string | undefined {
  try {
    if (nonceUrl === 'none') return undefined;
    if (nonceUrl) return new URL(nonceUrl, base).href;
    const url = new URL(endpoint, base);
    if (!/\/consents\/?$/.test(url.pathname)) return undefined;
    url.pathname = `${url.pathname.replace(/\/$/, '')}/nonce`;
    url.search = '';
    return url.href;
  } catch {
    return undefined;
  }
}

export async function fetchNonce(url: string, timeoutMs = 4000): Promise<NonceOutcome> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { unavailable: 'offline' };
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return { unavailable: 'offline' };
  }
  if (response.status === 404 || response.status === 405) return { unavailable: 'not-offered' };
  if (!response.ok) return { unavailable: 'failed' };
  try {
    const body = (await response.json()) as { nonce?: unknown; expiresAt?: unknown };
    const expiresAt = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : NaN;
    if (typeof body.nonce !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(body.nonce) || Number.isNaN(expiresAt)) {
      return { unavailable: 'failed' };
    }
    return { nonce: body.nonce, expiresAt };
  } catch {
    return { unavailable: 'failed' };
  }
}
