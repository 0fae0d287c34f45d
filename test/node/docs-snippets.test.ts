import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { docPages } from '../support/doc-pages.js';
import { type DocSnippet, docSnippets } from '../support/doc-snippets.js';

interface ManifestElement {
  customElement?: boolean;
  tagName?: string;
  cssParts?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
}

function manifestElements(): ManifestElement[] {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: Array<{ declarations?: ManifestElement[] }> };
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
}

/** What is wrong with one CSS snippet: custom properties and `tag::part(name)` the manifest does not have. */
function cssProblems(css: string, elements: ManifestElement[]): string[] {
  const problems: string[] = [];
  const properties = new Set(elements.flatMap((e) => (e.cssProperties ?? []).map((p) => p.name)));
  for (const [name] of css.matchAll(/--optin-[a-z0-9-]+/g)) if (!properties.has(name)) problems.push(`unknown custom property ${name}`);
  for (const [, tag, part] of css.matchAll(/([a-z0-9-]+)::part\(([a-z0-9-]+)\)/g)) {
    const element = elements.find((e) => e.tagName === tag);
    if (!element?.cssParts?.some((p) => p.name === part)) problems.push(`<${tag}> has no part "${part}"`);
  }
  return problems;
}

/** Why one snippet is not kept true, or undefined when it is. */
function snippetProblem(snippet: DocSnippet, elements: ManifestElement[]): string | undefined {
  const { check, body } = snippet;
  switch (check.kind) {
    case 'unmarked':
      return 'has no marker (<!-- snippet: examples/… -->, <!-- excerpt: … -->, renders, css, shell (why) or illustrative (why))';
    case 'malformed':
      return `has a marker that says nothing checkable: ${check.marker}`;
    case 'file':
      if (!check.path.startsWith('examples/')) return `names ${check.path}, which is not under examples/`;
      if (!existsSync(check.path)) return `names ${check.path}, which does not exist`;
      return readFileSync(check.path, 'utf8') === body ? undefined : `differs from ${check.path} (copy the file into the page)`;
    case 'excerpt':
      if (!/^(examples|test)\//.test(check.path) || !existsSync(check.path)) return `names ${check.path}, not a tested file`;
      return readFileSync(check.path, 'utf8').includes(body) ? undefined : `is not a verbatim excerpt of ${check.path}`;
    case 'renders':
      if (snippet.language !== 'html') return 'is marked "renders" but is not an html block';
      return /<optin-(form|preferences|phone-input)\b/.test(body) ? undefined : 'is marked "renders" but has no optin element';
    case 'css': {
      if (snippet.language !== 'css') return 'is marked "css" but is not a css block';
      const problems = cssProblems(body, elements);
      return problems.length ? problems.join('; ') : undefined;
    }
    case 'shell':
    case 'illustrative': {
      const missing = [...check.reason.matchAll(/\b((?:test|examples)\/[\w./-]+\.\w+)/g)].map((m) => m[1]).filter((path) => !existsSync(path));
      return missing.length ? `gives a reason naming files that do not exist: ${missing.join(', ')}` : undefined;
    }
  }
}

describe('code blocks in README.md and docs/', () => {
  it('are each a tested file, an excerpt of one, a rendered or checked snippet, or marked as shell or illustration with a reason', () => {
    const elements = manifestElements();
    const problems: string[] = [];
    let count = 0;
    for (const page of docPages()) {
      for (const snippet of docSnippets(readFileSync(page, 'utf8'))) {
        count++;
        const problem = snippetProblem(snippet, elements);
        if (problem) problems.push(`${page}:${snippet.line} ${problem}`);
      }
    }
    assert.ok(count > 20, `only ${count} code blocks found: is the scan reading the pages?`);
    assert.deepEqual(problems, []);
  });

  it('shows the relay exactly as the tested examples/forward-to-webhook.ts', () => {
    const relay = docPages()
      .flatMap((page) => docSnippets(readFileSync(page, 'utf8')))
      .filter((snippet) => snippet.body.includes('createWebhookRelay'));
    assert.ok(relay.length > 0, 'no page shows the relay');
    for (const snippet of relay) assert.deepEqual(snippet.check, { kind: 'file', path: 'examples/forward-to-webhook.ts' });
  });

  it('catches an unmarked block, a changed copy of a file, a made-up excerpt and an unknown CSS property or part', () => {
    const elements = manifestElements();
    const relay = readFileSync('examples/forward-to-webhook.ts', 'utf8');
    const page = [
      '```ts',
      'const x = 1;',
      '```',
      '<!-- snippet: examples/forward-to-webhook.ts -->',
      '```ts',
      relay.replace('201', '200'),
      '```',
      '<!-- excerpt: test/apps/react/main.tsx -->',
      '```tsx',
      '<OptinForm businessName="Nobody" />',
      '```',
      '<!-- snippet: css -->',
      '```css',
      'optin-form { --optin-colour-accent: red; }',
      'optin-form::part(sbumit) { color: red; }',
      '```',
      '<!-- snippet: illustrative (tested in test/node/no-such.test.ts) -->',
      '```js',
      'x()',
      '```',
    ].join('\n');
    const problems = docSnippets(page).map((snippet) => snippetProblem(snippet, elements));
    assert.equal(problems.length, 5);
    assert.match(problems[0]!, /has no marker/);
    assert.match(problems[1]!, /differs from examples\/forward-to-webhook.ts/);
    assert.match(problems[2]!, /not a verbatim excerpt/);
    assert.match(problems[3]!, /unknown custom property --optin-colour-accent; <optin-form> has no part "sbumit"/);
    assert.match(problems[4]!, /do not exist: test\/node\/no-such.test.ts/);
  });
});
