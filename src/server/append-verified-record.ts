/**
 * Verifies a record, signs a receipt and appends it: the one path every record
 * takes into the ledger, whether it came from a device or was made by the
 * receiver from an inbound message.
 */
import type { ConsentRecord } from '../core/record/consent-record.js';
import { verifyConsentRecord } from '../core/record/verify-consent-record.js';
import { platformVerificationCrypto } from './platform-crypto.js';
import type { ConsentStore, LedgerEntry } from './consent-store.js';
import { type ReceiverKey, signReceipt } from './receiver-key.js';

export type AppendOutcome = { ok: true; entry: LedgerEntry; created: boolean } | { ok: false; errors: Array<{ code: string; message: string; path?: string }> };

export async function appendVerifiedRecord(store: ConsentStore, key: ReceiverKey, record: ConsentRecord, receivedAt: Date): Promise<AppendOutcome> {
  const existing = await store.findById(record.id);
  if (existing) return { ok: true, entry: existing, created: false };
  // An attestation goes into the ledger only when this receiver made it.
  const verification = await verifyConsentRecord(record, {
    now: receivedAt,
    crypto: platformVerificationCrypto,
    attesterThumbprints: [key.publicJwk.kid],
  });
  if (!verification.ok) return { ok: false, errors: verification.errors };
  const receivedAtIso = receivedAt.toISOString();
  const receipt = await signReceipt(key, { id: record.id, recordHash: verification.recordHash, receivedAt: receivedAtIso });
  const { entry, created } = await store.append({
    id: record.id,
    record: verification.record,
    recordHash: verification.recordHash,
    keyThumbprint: verification.keyThumbprint,
    receivedAt: receivedAtIso,
    receipt,
  });
  return { ok: true, entry, created };
}
