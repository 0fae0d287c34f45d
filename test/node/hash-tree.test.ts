import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildHashTree, verifyHashTreeFile } from '../../src/core/hash-tree.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const leaves = (count: number) => Array.from({ length: count }, (_, i) => JSON.stringify({ leaf: i }));

describe('the hash tree over the files beside the script', () => {
  it('proves every file of a tree of any size, odd ones included, to the root', async () => {
    for (let count = 1; count <= 9; count++) {
      const { root, files } = buildHashTree(leaves(count), sha256);
      for (const [i, file] of files.entries()) assert.equal(await verifyHashTreeFile(file, root), leaves(count)[i], `${count} leaves, leaf ${i}`);
    }
  });

  it("refuses a leaf with another leaf's path, a path from another tree, and a parent passed off as a leaf", async () => {
    const { root, files } = buildHashTree(leaves(5), sha256);
    const [leaf0, path0] = files[0].split('\n');
    const path1 = files[1].split('\n')[1];
    await assert.rejects(verifyHashTreeFile(`${leaf0}\n${path1}`, root), /hash path leads to/);
    await assert.rejects(verifyHashTreeFile(files[0], buildHashTree(leaves(6), sha256).root), /hash path leads to/);
    // The first step's sibling and the leaf's own hash make the parent's text: as a "leaf" it must not verify.
    const sibling = JSON.parse(path0)[0].slice(1);
    await assert.rejects(verifyHashTreeFile(`${sha256(leaf0)}${sibling}\n${JSON.stringify(JSON.parse(path0).slice(1))}`, root), /not a JSON object/);
  });
});
