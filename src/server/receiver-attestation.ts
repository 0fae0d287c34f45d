/**
 * Attests a record with the receiver's own key: for consents the receiver saw
 * (a WhatsApp button reply, an imported row) rather than a device signed.
 */
import { attestRecord, type UnsignedAttestation } from '../core/record/attest-record.js';
import type { AttestedRecord, UnsignedConsentRecord } from '../core/record/consent-record.js';
import type { ReceiverKey } from './receiver-key.js';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The receiver's signing key as a WebCrypto pair: made once by a caller that attests many records (an import). */
export async function receiverKeyPair(key: ReceiverKey): Promise<CryptoKeyPair> {
  const { kid: _kid, alg: _alg, use: _use, ...jwk } = key.publicJwk;
  const publicKey = await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, ECDSA_P256, true, ['verify']);
  return { privateKey: key.privateKey, publicKey };
}

export async function attestWithReceiverKey(
  key: ReceiverKey | CryptoKeyPair,
  record: UnsignedConsentRecord,
  evidence: UnsignedAttestation,
): Promise<AttestedRecord> {
  return attestRecord(record, evidence, 'publicJwk' in key ? await receiverKeyPair(key) : key);
}
