/**
 * Reads the fenced code blocks of a Markdown page and the marker above each one, which says how the
 * block is kept true. Pure (no Node or DOM), so the Node docs tests and the browser test that renders
 * the HTML snippets read the pages the same way.
 *
 * The marker is an HTML comment on the last non-blank line before the fence:
 * - `<!-- snippet: examples/x.ts -->`   the block is that whole file, byte for byte;
 * - `<!-- excerpt: test/apps/x.tsx -->` the block appears verbatim in that file (which tests run);
 * - `<!-- snippet: renders -->`        HTML a browser test renders: a working form, no config notice;
 * - `<!-- snippet: css -->`            CSS whose `--optin-*` properties and `::part()`s must exist;
 * - `<!-- snippet: shell (why) -->` or `<!-- snippet: illustrative (why) -->`: not run, with a reason.
 */

export type SnippetCheck =
  | { kind: 'file'; path: string }
  | { kind: 'excerpt'; path: string }
  | { kind: 'renders' }
  | { kind: 'css' }
  | { kind: 'shell' | 'illustrative'; reason: string }
  | { kind: 'unmarked' }
  | { kind: 'malformed'; marker: string };

export interface DocSnippet {
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  /** The block's text, with its final newline. */
  body: string;
  check: SnippetCheck;
}

const MARKER = /^<!--\s*(snippet|excerpt):\s*(.*?)\s*-->$/;

function readMarker(line: string | undefined): SnippetCheck {
  const match = line === undefined ? null : MARKER.exec(line.trim());
  if (!match) return { kind: 'unmarked' };
  const [, word, value] = match;
  if (word === 'excerpt') return value ? { kind: 'excerpt', path: value } : { kind: 'malformed', marker: line! };
  if (value === 'renders') return { kind: 'renders' };
  if (value === 'css') return { kind: 'css' };
  const reasoned = /^(shell|illustrative)\s*\((.+)\)$/.exec(value);
  if (reasoned) return { kind: reasoned[1] as 'shell' | 'illustrative', reason: reasoned[2].trim() };
  if (/^[\w./-]+\.\w+$/.test(value)) return { kind: 'file', path: value };
  return { kind: 'malformed', marker: line! };
}

/** Every fenced block of the page, in order. An unclosed fence runs to the end of the page. */
export function docSnippets(markdown: string): DocSnippet[] {
  const lines = markdown.split('\n');
  const snippets: DocSnippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(`{3,})\s*([\w-]*)/.exec(lines[index]);
    if (!open) continue;
    let previous = index - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    let close = index + 1;
    while (close < lines.length && lines[close].trim() !== open[1]) close++;
    const bodyLines = lines.slice(index + 1, close);
    snippets.push({
      line: index + 1,
      language: open[2],
      body: bodyLines.length ? `${bodyLines.join('\n')}\n` : '',
      check: readMarker(previous >= 0 ? lines[previous] : undefined),
    });
    index = close;
  }
  return snippets;
}

/** The page without its fenced blocks, for link checks (a link inside code is not a link). */
export function withoutCodeBlocks(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: string | undefined;
  return lines
    .map((line) => {
      const open = /^(`{3,})/.exec(line);
      if (fence) {
        if (line.trim() === fence) fence = undefined;
        return '';
      }
      if (open) {
        fence = open[1];
        return '';
      }
      return line;
    })
    .join('\n');
}

/** The relative `.md` pages a page links to (the docs index links every page). */
export function linkedPages(markdown: string): string[] {
  const pages = new Set<string>();
  for (const match of withoutCodeBlocks(markdown).matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)) {
    if (!/^[a-z]+:/i.test(match[1])) pages.add(match[1]);
  }
  return [...pages];
}
