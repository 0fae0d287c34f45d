/**
 * The RFC 9162 root of a log read leaf by leaf, keeping only the right edge: one hash per
 * complete subtree (at most log2(n) of them), so a whole-ledger export holds no tree in memory.
 * Same MTH as `MerkleTree.rootHash()`, which also keeps every node for proofs.
 */
import { EMPTY_ROOT, nodeHash } from './merkle-hash.js';

export class CompactRoot {
  /** Complete subtrees, largest first: `[height, hash]`. */
  private readonly edge: Array<[number, Uint8Array]> = [];
  size = 0;

  append(hash: Uint8Array): void {
    let node: [number, Uint8Array] = [0, hash];
    // Two neighbouring subtrees of one height make the next one up, as in the full tree.
    while (this.edge.length > 0 && this.edge.at(-1)![0] === node[0]) {
      const [height, left] = this.edge.pop()!;
      node = [height + 1, nodeHash(left, node[1])];
    }
    this.edge.push(node);
    this.size += 1;
  }

  /** MTH of every leaf appended: the incomplete right edge folded from the right. */
  rootHash(): Uint8Array {
    if (this.edge.length === 0) return EMPTY_ROOT;
    let root = this.edge.at(-1)![1];
    for (let i = this.edge.length - 2; i >= 0; i--) root = nodeHash(this.edge[i][1], root);
    return root;
  }
}
