/** Sends one signed record to the configured endpoint. */
import type { ConsentRecord } from '../core/consent-record.js';

export type DeliveryResult =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number; body: unknown; message: string };

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/**
 * POSTs the record as JSON with the record id as `Idempotency-Key`, so a
 * retry can never store it twice. Network failures come back as status 0.
 */
export async function deliverRecord(endpoint: string, record: ConsentRecord, signal?: AbortSignal): Promise<DeliveryResult> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id },
      body: JSON.stringify(record),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    return { ok: false, status: 0, body: undefined, message: error instanceof Error ? error.message : String(error) };
  }
  const body = await readBody(response);
  if (response.ok) return { ok: true, status: response.status, body };
  const message =
    typeof body === 'object' && body !== null && 'error' in body
      ? String((body as { error: { message?: string } }).error?.message ?? response.statusText)
      : response.statusText || `HTTP ${response.status}`;
  return { ok: false, status: response.status, body, message };
}
