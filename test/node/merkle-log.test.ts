/**
 * The log's tree against RFC 9162 §2.1 written out again here, as plainly as the
 * RFC states it (MTH, PATH, PROOF/SUBPROOF by recursion over leaf lists), with
 * its own SHA-256 calls: the two must agree on every root and proof, and the
 * verifiers must accept exactly the proofs that belong.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { MerkleTree } from '../../src/server/log/merkle-tree.js';
import { leafHash } from '../../src/server/log/merkle-hash.js';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from '../../src/server/log/merkle-proofs.js';

const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
};
const refLeaf = (d: Uint8Array) => sha256(Uint8Array.of(0), d);
const refNode = (l: Uint8Array, r: Uint8Array) => sha256(Uint8Array.of(1), l, r);
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);

function MTH(D: Uint8Array[]): Uint8Array {
  if (D.length === 0) return sha256();
  if (D.length === 1) return refLeaf(D[0]);
  return refNode(MTH(D.slice(0, k(D.length))), MTH(D.slice(k(D.length))));
}
function PATH(m: number, D: Uint8Array[]): Uint8Array[] {
  if (D.length === 1) return [];
  const s = k(D.length);
  return m < s ? [...PATH(m, D.slice(0, s)), MTH(D.slice(s))] : [...PATH(m - s, D.slice(s)), MTH(D.slice(0, s))];
}
function SUBPROOF(m: number, D: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === D.length) return b ? [] : [MTH(D)];
  const s = k(D.length);
  return m <= s ? [...SUBPROOF(m, D.slice(0, s), b), MTH(D.slice(s))] : [...SUBPROOF(m - s, D.slice(s), false), MTH(D.slice(0, s))];
}
const PROOF = (m: number, D: Uint8Array[]) => (m === 0 || m === D.length ? [] : SUBPROOF(m, D, true));

const hexOf = (hashes: Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('hex'));

function sizesToTry(): number[] {
  const sizes = new Set([0, 1, 2, 3]);
  for (let p = 2; p <= 256; p *= 2) [p - 1, p, p + 1].forEach((n) => sizes.add(n));
  let seed = 20;
  for (let i = 0; i < 6; i++) sizes.add(((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 380) + 1);
  return [...sizes].sort((a, b) => a - b);
}

function build(n: number): { leaves: Uint8Array[]; tree: MerkleTree } {
  const leaves = Array.from({ length: n }, () => new Uint8Array(randomBytes(1 + (n % 40))));
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leafHash(leaf));
  return { leaves, tree };
}

describe('RFC 9162 Merkle tree', () => {
  const largest = Math.max(...sizesToTry());
  const { leaves, tree } = build(largest);

  it('hashes the empty tree, a leaf and a node exactly as RFC 9162 §2.1.1 says', () => {
    const empty = new MerkleTree();
    assert.equal(Buffer.from(empty.rootHash()).toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const one = new MerkleTree();
    one.append(leafHash(new Uint8Array()));
    assert.equal(Buffer.from(one.rootHash()).toString('hex'), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('gives the same root as MTH for every size (0, 1, 2, powers of two ± 1, random)', () => {
    for (const n of sizesToTry()) assert.deepEqual(hexOf([tree.rootHash(n)]), hexOf([MTH(leaves.slice(0, n))]), `size ${n}`);
  });

  it('gives PATH for every leaf of every size, and the proof verifies to the root', () => {
    for (const n of sizesToTry().filter((s) => s > 0 && s <= 130)) {
      const D = leaves.slice(0, n);
      const root = MTH(D);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        assert.deepEqual(hexOf(proof), hexOf(PATH(m, D)), `leaf ${m} of ${n}`);
        assert.ok(verifyInclusion(m, n, refLeaf(D[m]), proof, root), `leaf ${m} of ${n} verifies`);
      }
    }
  });

  it('gives PROOF between every pair of sizes, and the proof verifies', () => {
    for (const n of sizesToTry().filter((s) => s <= 70)) {
      const D = leaves.slice(0, n);
      for (let m = 0; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        assert.deepEqual(hexOf(proof), hexOf(PROOF(m, D)), `${m} → ${n}`);
        assert.ok(verifyConsistency(m, n, MTH(leaves.slice(0, m)), MTH(D), proof), `${m} → ${n} verifies`);
      }
    }
    for (const [m, n] of [
      [1, largest],
      [127, 257],
      [200, largest],
      [largest - 1, largest],
    ]) {
      assert.ok(verifyConsistency(m, n, MTH(leaves.slice(0, m)), MTH(leaves.slice(0, n)), tree.consistencyProof(m, n)), `${m} → ${n}`);
    }
  });

  it('refuses an inclusion proof for another leaf, another index, another size or with a hash changed', () => {
    const n = 37;
    const D = leaves.slice(0, n);
    const root = MTH(D);
    const proof = tree.inclusionProof(12, n);
    assert.ok(verifyInclusion(12, n, refLeaf(D[12]), proof, root));
    assert.equal(verifyInclusion(12, n, refLeaf(D[13]), proof, root), false);
    assert.equal(verifyInclusion(13, n, refLeaf(D[12]), proof, root), false);
    // A size whose tree has another shape (the size itself is bound to the root by the checkpoint's signature).
    assert.equal(verifyInclusion(12, 16, refLeaf(D[12]), proof, root), false);
    assert.equal(verifyInclusion(12, n, refLeaf(D[12]), proof.slice(1), root), false);
    assert.equal(verifyInclusion(12, n, refLeaf(D[12]), [...proof, proof[0]], root), false);
    const bent = proof.map((h, i) => (i === 2 ? refLeaf(h) : h));
    assert.equal(verifyInclusion(12, n, refLeaf(D[12]), bent, root), false);
    assert.equal(rootFromInclusionProof(n, n, refLeaf(D[0]), proof), undefined);
  });

  it('refuses a consistency proof between a tree and a rewritten, truncated or forked one', () => {
    const old = MTH(leaves.slice(0, 100));
    const proof = tree.consistencyProof(100, 150);
    const now = MTH(leaves.slice(0, 150));
    assert.ok(verifyConsistency(100, 150, old, now, proof));
    const forked = [...leaves.slice(0, 150)];
    forked[40] = new Uint8Array([1, 2, 3]);
    assert.equal(verifyConsistency(100, 150, old, MTH(forked), proof), false, 'an old leaf rewritten');
    assert.equal(verifyConsistency(150, 100, now, old, proof), false, 'a shorter tree');
    assert.equal(verifyConsistency(100, 150, old, now, proof.slice(0, -1)), false);
    assert.equal(verifyConsistency(100, 150, old, now, []), false);
    assert.equal(verifyConsistency(100, 100, old, now, []), false, 'same size, other root');
    assert.ok(verifyConsistency(100, 100, old, old, []));
  });

  it('refuses proofs for sizes or indexes outside the log', () => {
    assert.throws(() => tree.inclusionProof(5, 5), RangeError);
    assert.throws(() => tree.consistencyProof(10, 5), RangeError);
    assert.throws(() => tree.rootHash(largest + 1), RangeError);
  });
});
