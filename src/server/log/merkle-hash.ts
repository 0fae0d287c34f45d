/**
 * RFC 9162 §2.1.1 hashing: a leaf is SHA-256(0x00 || leaf), an inner node
 * SHA-256(0x01 || left || right), the empty tree SHA-256(""). The prefixes
 * keep a leaf from ever being passed off as an inner node (second preimages).
 * Not the same tree as `src/core/hash-tree.ts`, which hashes CDN asset files.
 */
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function leafHash(leaf: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}): the root of a tree with no leaves. */
export const EMPTY_ROOT: Uint8Array = createHash('sha256').digest();

/** The largest power of two smaller than `n` (n > 1): where RFC 9162 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
