/**
 * What a log leaf is: the record's receipt, byte for byte (the compact JWS the
 * receiver signed over the record id, its hash and when it was received). So
 * whoever holds a receipt can compute its leaf, the leaf carries no personal
 * data (erasure never touches it), and the log commits to the receipt itself:
 * a receipt re-signed later, even with the receiver's key, is another leaf.
 */
import { leafHash } from './merkle-hash.js';

export function receiptLeafHash(receipt: string): Uint8Array {
  return leafHash(Buffer.from(receipt, 'utf8'));
}
