/**
 * Where a code chunk loaded beside the script tag's file (src/platform/cdn/load-code-chunk.ts)
 * leaves its exports: a well-known global symbol per chunk, set when the chunk runs, read by the
 * loader on the chunk's `load` event (a classic script has run by then). Both sides bundle this
 * module, so they agree on the name without sharing a variable.
 */
export const codeChunkKey = (name: string): symbol => Symbol.for(`optin-elements.chunk.${name}`);

type ChunkScope = Record<symbol, unknown>;

/** Called by a chunk's entry module as it runs. */
export function registerCodeChunk(name: string, exports: unknown): void {
  (globalThis as unknown as ChunkScope)[codeChunkKey(name)] = exports;
}

export function registeredCodeChunk<T>(name: string): T | undefined {
  return (globalThis as unknown as ChunkScope)[codeChunkKey(name)] as T | undefined;
}
