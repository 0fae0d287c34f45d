/**
 * The log's tree in memory: every complete, aligned subtree's hash kept once
 * (about two hashes per leaf, in one growing buffer per level), so a root or a
 * proof for any size costs O(log² n) hashes, never a pass over the leaves.
 * Proofs follow RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF).
 */
import { EMPTY_ROOT, HASH_SIZE, nodeHash, splitPoint } from './merkle-hash.js';

/** What the receiver's routes and audits read from a log (a store exposes one). */
export interface LogView {
  /** Number of leaves. */
  readonly size: number;
  leafHash(index: number): Uint8Array;
  /** MTH of the first `size` leaves (default: all). */
  rootHash(size?: number): Uint8Array;
  /** PATH(index, D[0:size]). */
  inclusionProof(index: number, size?: number): Uint8Array[];
  /** PROOF(from, D[0:to]). */
  consistencyProof(from: number, to?: number): Uint8Array[];
}

class HashColumn {
  private bytes = Buffer.alloc(HASH_SIZE * 64);
  length = 0;

  push(hash: Uint8Array): void {
    if ((this.length + 1) * HASH_SIZE > this.bytes.length) {
      const grown = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(grown);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.length * HASH_SIZE);
    this.length += 1;
  }

  get(i: number): Uint8Array {
    return this.bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }
}

export class MerkleTree implements LogView {
  /** `levels[h][i]`: hash of the complete subtree of 2^h leaves starting at leaf i·2^h. */
  private readonly levels: HashColumn[] = [new HashColumn()];
  /**
   * Hashes of incomplete subtrees (the right edge of a tree of some size), which every proof
   * for that size needs again. Leaves never change, so an entry never goes stale; the map is
   * only emptied to bound its size.
   */
  private readonly edges = new Map<string, Uint8Array>();

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends a leaf hash (already `leafHash(leaf)`). */
  append(hash: Uint8Array): void {
    let level = 0;
    this.levels[0].push(hash);
    // Each time a subtree of 2^level leaves completes, its parent's hash is known.
    for (let index = this.levels[0].length - 1; index % 2 === 1; index = (index - 1) / 2) {
      const column = this.levels[level];
      const parent = nodeHash(column.get(index - 1), column.get(index));
      level += 1;
      (this.levels[level] ??= new HashColumn()).push(parent);
    }
  }

  leafHash(index: number): Uint8Array {
    this.check(index, 0, this.size - 1);
    return this.levels[0].get(index);
  }

  rootHash(size = this.size): Uint8Array {
    this.check(size, 0, this.size);
    return size === 0 ? EMPTY_ROOT : this.subtree(0, size);
  }

  inclusionProof(index: number, size = this.size): Uint8Array[] {
    this.check(size, 1, this.size);
    this.check(index, 0, size - 1);
    const proof: Uint8Array[] = [];
    this.path(index, 0, size, proof);
    return proof;
  }

  consistencyProof(from: number, to = this.size): Uint8Array[] {
    this.check(to, 0, this.size);
    this.check(from, 0, to);
    const proof: Uint8Array[] = [];
    if (from > 0 && from < to) this.subproof(from, 0, to, true, proof);
    return proof;
  }

  /** MTH(D[start:start+n]), n ≥ 1. */
  private subtree(start: number, n: number): Uint8Array {
    const height = Math.log2(n);
    if (Number.isInteger(height) && start % n === 0) return this.levels[height].get(start / n);
    const key = `${start}+${n}`;
    let hash = this.edges.get(key);
    if (!hash) {
      const k = splitPoint(n);
      hash = nodeHash(this.subtree(start, k), this.subtree(start + k, n - k));
      if (this.edges.size > 4096) this.edges.clear();
      this.edges.set(key, hash);
    }
    return hash;
  }

  /** PATH(m, D[start:start+n]), leaf-side first, as RFC 9162 orders it. */
  private path(m: number, start: number, n: number, out: Uint8Array[]): void {
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      this.path(m, start, k, out);
      out.push(this.subtree(start + k, n - k));
    } else {
      this.path(m - k, start + k, n - k, out);
      out.push(this.subtree(start, k));
    }
  }

  /** SUBPROOF(m, D[start:start+n], b). */
  private subproof(m: number, start: number, n: number, whole: boolean, out: Uint8Array[]): void {
    if (m === n) {
      if (!whole) out.push(this.subtree(start, n));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, k, whole, out);
      out.push(this.subtree(start + k, n - k));
    } else {
      this.subproof(m - k, start + k, n - k, false, out);
      out.push(this.subtree(start, k));
    }
  }

  private check(value: number, min: number, max: number): void {
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new RangeError(`${value} is outside the log (${min} to ${max})`);
    }
  }
}
