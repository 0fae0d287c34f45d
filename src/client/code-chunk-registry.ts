/**
 * The hand-over between the script tag's file and a code chunk it loaded beside itself
 * (src/client/load-code-chunk.cdn.ts): the chunk, a classic script, calls `registerCodeChunk`
 * when it runs, and the loader's waiting promise receives its exports. Both sides bundle this
 * module, so they meet on one well-known global symbol rather than on a shared variable.
 */
type Waiting = Map<string, Array<(exports: unknown) => void>>;

const KEY = Symbol.for('optin-elements.code-chunks');

function waiting(): Waiting {
  const scope = globalThis as unknown as Record<symbol, Waiting | undefined>;
  return (scope[KEY] ??= new Map());
}

/** Resolves with the exports of chunk `name` when it registers. */
export function whenCodeChunkRegisters<T>(name: string): Promise<T> {
  return new Promise((resolve) => {
    const list = waiting().get(name) ?? [];
    list.push(resolve as (exports: unknown) => void);
    waiting().set(name, list);
  });
}

/** Called by a chunk's entry module as it runs. */
export function registerCodeChunk(name: string, exports: unknown): void {
  const list = waiting().get(name) ?? [];
  waiting().delete(name);
  for (const resolve of list) resolve(exports);
}
