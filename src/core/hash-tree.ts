/**
 * One SHA-256 in the script covers every data file beside it (the phone rules of each calling
 * code, the texts of each locale): the root of a hash tree (Merkle tree) over them, each file
 * carrying the sibling hashes from its leaf up to that root. Why not a hash per file: some 230
 * files × 32 incompressible bytes would add 7 KiB to the script, more than a typical opt-in
 * fetches in all; the path costs about 0.3 KiB per fetched file. Why not the file name: a name
 * is chosen by whoever serves the file, the bytes are what must match.
 *
 * File: line 1 is the leaf (a JSON text; the leaf hash is the SHA-256 of that line), line 2 a JSON
 * array of the path, each entry "L" or "R" (which side the sibling is on) and its hex hash; a
 * parent is the SHA-256 of left hex + right hex. A leaf is JSON starting with "{", a parent's text
 * is 128 hex digits, so one can never pass for the other. A leaf names what it is (a calling
 * code, a locale) inside the hashed line, so the reader also refuses a genuine file of another kind.
 */
import { sha256Hex } from './record/encoding.js';

const parent = (left: string, right: string) => left + right;

/** The tree over `leaves`: its root, and each leaf's file (leaf line + path line), in order. */
export function buildHashTree(leaves: readonly string[], sha256: (text: string) => string): { root: string; files: string[] } {
  const paths: string[][] = leaves.map(() => []);
  // Each level pairs neighbours; an odd last node goes up unchanged. `members` tracks which
  // leaves sit under each node, so every leaf collects its siblings on the way up.
  let level = leaves.map((leaf, i) => ({ hash: sha256(leaf), members: [i] }));
  while (level.length > 1) {
    const next: typeof level = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i];
      const right = level[i + 1];
      if (!right) {
        next.push(left);
        continue;
      }
      for (const leaf of left.members) paths[leaf].push(`R${right.hash}`);
      for (const leaf of right.members) paths[leaf].push(`L${left.hash}`);
      next.push({ hash: sha256(parent(left.hash, right.hash)), members: [...left.members, ...right.members] });
    }
    level = next;
  }
  return { root: level[0]?.hash ?? sha256(''), files: leaves.map((leaf, i) => `${leaf}\n${JSON.stringify(paths[i])}`) };
}

const PATH_STEP = /^[LR][0-9a-f]{64}$/;

/**
 * The leaf of a fetched file, if its hash path leads to `expectedRoot` (the root compiled into the
 * script, so the script's own Subresource Integrity covers the file too); throws otherwise.
 */
export async function verifyHashTreeFile(text: string, expectedRoot: string): Promise<string> {
  const newline = text.indexOf('\n');
  const leaf = newline === -1 ? text : text.slice(0, newline);
  let path: unknown;
  try {
    path = JSON.parse(text.slice(newline + 1));
  } catch {
    path = undefined;
  }
  if (newline === -1 || !Array.isArray(path) || !path.every((step) => typeof step === 'string' && PATH_STEP.test(step))) {
    throw new Error('it does not end with a hash path line');
  }
  // A parent's text (two hex hashes) would verify with the rest of its path: only JSON is a leaf.
  if (!leaf.startsWith('{')) throw new Error('its first line is not a JSON object');
  let node = await sha256Hex(leaf);
  for (const step of path as string[]) {
    const sibling = step.slice(1);
    node = await sha256Hex(step[0] === 'L' ? parent(sibling, node) : parent(node, sibling));
  }
  if (node !== expectedRoot.toLowerCase()) {
    throw new Error(`its SHA-256 hash path leads to ${node}, not to the root ${expectedRoot} this script was built with`);
  }
  return leaf;
}
