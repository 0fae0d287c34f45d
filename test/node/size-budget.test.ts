/**
 * Size budget of what `npm run build` writes to dist/cdn (run the build first).
 * Sizes are deterministic, so they are guarded here; timings live in `npm run bench`.
 *
 * Goals (issue 9): the script-tag file at most 40 KiB brotli (met), and everything a browser
 * fetches to complete an opt-in (the script plus every data file fetched beside it: the phone
 * metadata, further locales) at most 56 KiB. TOTAL_BUDGET_KIB is above that goal because the
 * phone field uses libphonenumber's "max" metadata (about 34 KiB brotli with the example
 * numbers; "min" is 16 KiB but lets invalid numbers through and cannot tell mobiles apart, see
 * README "Why the max phone metadata"); lower it to 56 when the metadata is split per country.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brotliCompressSync, constants } from 'node:zlib';

const CDN = 'dist/cdn';
const SCRIPT_BUDGET_KIB = 40;
const TOTAL_GOAL_KIB = 56;
const TOTAL_BUDGET_KIB = 72;

function brotliKiB(file: string): number {
  const bytes = readFileSync(join(CDN, file));
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length / 1024;
}

/** Files a page may fetch beside the classic script: everything in dist/cdn but the two builds and the SRI files. */
function dataFilesBesideScript(): string[] {
  const notFetched = new Set(['optin-elements.min.js', 'optin-elements.module.js', 'sri.json']);
  return readdirSync(CDN).filter((file) => !notFetched.has(file) && !file.endsWith('.sri'));
}

describe('the script-tag size budget (brotli, quality 11)', () => {
  it('keeps the classic script and the module build within the script budget', () => {
    assert.ok(existsSync(join(CDN, 'optin-elements.min.js')), 'run npm run build first');
    for (const file of ['optin-elements.min.js', 'optin-elements.module.js']) {
      const size = brotliKiB(file);
      assert.ok(size <= SCRIPT_BUDGET_KIB, `${file} is ${size.toFixed(2)} KiB brotli, over the ${SCRIPT_BUDGET_KIB} KiB budget`);
    }
  });

  it("ships Lit's production build, without its development-mode warnings", () => {
    const code = readFileSync(join(CDN, 'optin-elements.min.js'), 'utf8');
    assert.doesNotMatch(code, /Lit is in dev mode/);
  });

  it('keeps the script plus every data file beside it within the opt-in total', () => {
    const files = ['optin-elements.min.js', ...dataFilesBesideScript()];
    const total = files.reduce((sum, file) => sum + brotliKiB(file), 0);
    assert.ok(total <= TOTAL_BUDGET_KIB, `${files.join(' + ')} = ${total.toFixed(2)} KiB brotli, over the ${TOTAL_BUDGET_KIB} KiB budget (goal ${TOTAL_GOAL_KIB})`);
  });
});
