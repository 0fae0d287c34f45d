import { canonicalize } from './canonical-json.js';
import type { ConsentRecord, DeviceSignedRecord, UnsignedConsentRecord } from './consent-record.js';
import { signDetached } from './detached-jws.js';
import { utf8Bytes } from './encoding.js';

/** The bytes that are signed: the RFC 8785 form of the record without `proof`. */
export function signingPayload(record: UnsignedConsentRecord | ConsentRecord): Uint8Array<ArrayBuffer> {
  const { proof: _proof, ...unsigned } = record as ConsentRecord;
  return utf8Bytes(canonicalize(unsigned));
}

export async function signRecord(record: UnsignedConsentRecord, keyPair: CryptoKeyPair): Promise<DeviceSignedRecord> {
  const jws = await signDetached(signingPayload(record), keyPair);
  return { ...record, proof: { jws } };
}
