/**
 * Reads V8 CPU profiles (`node --cpu-prof`, one file per thread) and sums the sampled time by
 * part of a record's path. Each sample goes to the innermost frame that names a part; Node's
 * crypto internals and native frames are passed through to their caller, so a signature counts
 * for whoever asked for it (receipt signing, nonce check, verification).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export const PARTS = [
  'verify (verification thread)',
  'verify (main thread)',
  'receipt signing',
  'nonce check',
  'store (SQL, chain hash, driver)',
  'log (leaf, proof, checkpoint)',
  'handler (JSON, admission, answer)',
  'network I/O (HTTP parser, sockets)',
  'garbage collection',
  'other (V8, module loading, timers)',
] as const;
export type Part = (typeof PARTS)[number];

const RULES: Array<[RegExp, Part]> = [
  [/\/src\/server\/log\//, 'log (leaf, proof, checkpoint)'],
  [/\/src\/server\/(receiver-key|receipt-jws)\.ts/, 'receipt signing'],
  [/\/src\/server\/nonce-issuer\.ts/, 'nonce check'],
  [
    /\/src\/server\/(sqlite|postgres)-consent-store\.ts|\/src\/server\/ledger-chain\.ts|\/node_modules\/(better-sqlite3|pg|pg-protocol|pg-pool)\//,
    'store (SQL, chain hash, driver)',
  ],
  [/\/src\/core\//, 'verify (main thread)'],
  [/\/src\/server\//, 'handler (JSON, admission, answer)'],
  [/^node:/, 'network I/O (HTTP parser, sockets)'],
];

const PASS_THROUGH = /^node:internal\/crypto|\/src\/server\/platform-crypto\.ts/;

function partOf(stack: ProfileNode[]): Part | undefined {
  const leaf = stack[0]?.callFrame.functionName;
  if (leaf === '(idle)') return undefined;
  if (leaf === '(garbage collector)') return 'garbage collection';
  for (const node of stack) {
    const { url } = node.callFrame;
    // Native frames, Node's crypto and our thin wrapper over it count for whoever called them.
    if (!url || PASS_THROUGH.test(url)) continue;
    // The verification thread signs receipts too (verification-worker.ts).
    if (node.callFrame.functionName === 'receiptFor') return 'receipt signing';
    for (const [pattern, part] of RULES) if (pattern.test(url)) return part;
  }
  return 'other (V8, module loading, timers)';
}

/**
 * Milliseconds of sampled CPU per part, over every profile in `dir`, counting only samples taken
 * within `window` (µs of the monotonic clock: `process.hrtime.bigint() / 1000n`, which V8's
 * profile timestamps also use on Linux).
 */
export function cpuByPart(dir: string, window?: { from: number; to: number }): Map<Part, number> {
  const totals = new Map<Part, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    // (Under tsx a module's URL carries a query, so match the name, not the end.)
    const workerThread = profile.nodes.some((node) => node.callFrame.url.includes('/verification-worker.'));
    const cache = new Map<number, Part | undefined>();
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i];
      if (window && (at < window.from || at > window.to)) return;
      let part = cache.get(id);
      if (!cache.has(id)) {
        const stack: ProfileNode[] = [];
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
        part = partOf(stack);
        // The verification thread does nothing else: all its busy time is verifying.
        if (workerThread && part !== undefined && part !== 'garbage collection' && part !== 'receipt signing') part = 'verify (verification thread)';
        cache.set(id, part);
      }
      if (part) totals.set(part, (totals.get(part) ?? 0) + profile.timeDeltas[i] / 1000);
    });
  }
  return totals;
}
