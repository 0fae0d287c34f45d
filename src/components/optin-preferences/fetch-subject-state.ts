/** Reads a subject's current state from the receiver with a preference token. */
import type { PreferencesCategoryState } from '../events/optin-preferences-loaded-event.js';

export type StateLoad =
  | { ok: true; subject: { phone?: string; bsuid?: string }; categories: PreferencesCategoryState[]; confirmed: boolean }
  | { ok: false; reason: 'token-expired' | 'token-invalid' | 'failed' };

export async function fetchSubjectState(stateUrl: string, token: string, signal?: AbortSignal): Promise<StateLoad> {
  try {
    const response = await fetch(stateUrl, { headers: { Authorization: `Bearer ${token}` }, credentials: 'omit', cache: 'no-store', signal });
    const body = (await response.json().catch(() => undefined)) as
      { subject?: { phone?: string; bsuid?: string }; categories?: PreferencesCategoryState[]; confirmed?: boolean; error?: { code?: string } } | undefined;
    if (response.ok && Array.isArray(body?.categories))
      return { ok: true, subject: body.subject ?? {}, categories: body.categories, confirmed: body.confirmed === true };
    const code = body?.error?.code;
    return { ok: false, reason: code === 'token-expired' || code === 'token-invalid' ? code : 'failed' };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}
