import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';
import { docPages } from '../support/doc-pages.js';
import { linkedPages, withoutCodeBlocks } from '../support/doc-snippets.js';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of withoutCodeBlocks(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

/** Every relative link (and image) of a page that does not lead to an existing file and heading. */
function brokenLinks(page: string, markdown: string): string[] {
  const broken: string[] = [];
  for (const [, target] of withoutCodeBlocks(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [path, anchor] = target.split('#');
    if (!path) {
      if (anchor && !anchorsOf(markdown).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor} on this page)`);
      continue;
    }
    const file = normalize(join(dirname(page), decodeURIComponent(path)));
    if (!existsSync(file)) {
      broken.push(`${page}: ${target} (no file ${file})`);
      continue;
    }
    if (anchor && !statSync(file).isDirectory() && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
      broken.push(`${page}: ${target} (no heading #${anchor} in ${file})`);
    }
  }
  return broken;
}

describe('links in README.md and docs/', () => {
  it('lead to files and headings that exist', () => {
    const broken = docPages().flatMap((page) => brokenLinks(page, readFileSync(page, 'utf8')));
    assert.deepEqual(broken, []);
  });

  it('include, in the docs index, every page in docs/', () => {
    const linked = new Set(linkedPages(readFileSync('docs/README.md', 'utf8')).map((path) => normalize(join('docs', path))));
    const unlinked = docPages().filter((page) => page.startsWith('docs/') && page !== 'docs/README.md' && !linked.has(page));
    assert.deepEqual(unlinked, [], 'a newcomer finds pages from docs/README.md: add a row for each');
  });

  it('catch a missing file, a missing heading and a heading anchor made of code and punctuation', () => {
    const page = [
      '# The way back out: `<optin-preferences>`',
      '[ok](#the-way-back-out-optin-preferences) [self](#nowhere) [gone](no-such-page.md) [bad anchor](marketers.md#no-such-heading)',
      '[fine](marketers.md#the-script-tag-and-the-form) [web](https://example.com/x.md)',
      '```md',
      '[inside code](nowhere.md)',
      '```',
    ].join('\n');
    assert.deepEqual(
      brokenLinks('docs/test-page.md', page).map((b) => b.split(' (')[0]),
      ['docs/test-page.md: #nowhere', 'docs/test-page.md: no-such-page.md', 'docs/test-page.md: marketers.md#no-such-heading'],
    );
  });
});
