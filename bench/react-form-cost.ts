/**
 * What `<OptinForm>` adds to a Vite + React app: the minimal app of bench/apps/react-form-cost
 * built twice by Vite, with and without the form, and the difference in JavaScript, brotli
 * quality 11. `optin-elements/react` resolves through this package's `exports` to the built
 * dist/ (run `npm run build` first), as it does in an app that installed the package.
 *
 * "At load" counts the entry chunk and every chunk it imports statically: what a page downloads
 * before the form can render. Chunks behind a dynamic `import()` (a locale other than English,
 * the phone rules of one calling code) are counted apart: a page fetches one or two of them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build, type Manifest } from 'vite';

const ROOT = fileURLToPath(new URL('./apps/react-form-cost/', import.meta.url));

export interface AppSize {
  /** Brotli bytes of the entry chunk and its static imports. */
  atLoad: number;
  /** Brotli bytes of every other JavaScript chunk (each loaded only when needed). */
  lazy: number;
  /** The largest lazy chunk, brotli bytes. */
  largestLazy: number;
}

export interface ReactFormCost {
  without: AppSize;
  with: AppSize;
  /** with.atLoad − without.atLoad */
  addedAtLoad: number;
}

const brotli = (bytes: Uint8Array) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function buildApp(entry: string): Promise<AppSize> {
  const outDir = mkdtempSync(join(tmpdir(), 'optin-react-size-'));
  try {
    await build({
      root: ROOT,
      configFile: false,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, target: 'es2022', manifest: true, rolldownOptions: { input: join(ROOT, entry) } },
    });
    const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    const atLoad = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || atLoad.has(chunk.file)) return;
      atLoad.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    visit(Object.keys(manifest).find((key) => manifest[key].isEntry)!);
    const sizes = { atLoad: 0, lazy: 0, largestLazy: 0 };
    for (const file of new Set(Object.values(manifest).map((chunk) => chunk.file))) {
      if (!file.endsWith('.js')) continue;
      const size = brotli(readFileSync(join(outDir, file)));
      if (atLoad.has(file)) sizes.atLoad += size;
      else {
        sizes.lazy += size;
        sizes.largestLazy = Math.max(sizes.largestLazy, size);
      }
    }
    return sizes;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function measureReactFormCost(): Promise<ReactFormCost> {
  const without = await buildApp('without-form.tsx');
  const withForm = await buildApp('with-form.tsx');
  return { without, with: withForm, addedAtLoad: withForm.atLoad - without.atLoad };
}
