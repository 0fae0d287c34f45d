/**
 * Receiver attestation: for a consent the person gave outside a device that
 * could sign it (a WhatsApp button reply, a row of an earlier list), the
 * receiver signs what it saw together with the record.
 */
import { canonicalize } from './canonical-json.js';
import type { AttestedRecord, ConsentRecord, ReceiverAttestation, UnsignedConsentRecord } from './consent-record.js';
import { signDetached } from './detached-jws.js';
import { utf8Bytes } from './encoding.js';

/** The attestation before the receiver signs it. */
export type UnsignedAttestation = Omit<ReceiverAttestation, 'jws'>;

/**
 * The bytes the receiver signs: the RFC 8785 form of the record with
 * `proof: {attestation}` minus the signature. Unlike a device's payload it
 * includes the evidence, so neither the record nor the evidence can be swapped.
 */
export function attestationPayload(record: UnsignedConsentRecord | ConsentRecord, attestation: UnsignedAttestation): Uint8Array<ArrayBuffer> {
  const { proof: _proof, ...unsigned } = record as ConsentRecord;
  const { jws: _jws, ...evidence } = attestation as ReceiverAttestation;
  return utf8Bytes(canonicalize({ ...unsigned, proof: { attestation: evidence } }));
}

export async function attestRecord(record: UnsignedConsentRecord, attestation: UnsignedAttestation, receiverKeyPair: CryptoKeyPair): Promise<AttestedRecord> {
  const jws = await signDetached(attestationPayload(record, attestation), receiverKeyPair);
  return { ...record, proof: { attestation: { ...attestation, jws } } };
}
