/**
 * Copies each file quoted whole in the docs (`<!-- snippet: examples/x.ts -->`) into its page
 * again, so `npm run format` keeps the docs test green after Prettier changes an example's layout.
 * Excerpts (`<!-- excerpt: path -->`) are only reported: which part of the file a page quotes is a
 * writer's choice. Prints what it changed; exits 1 when an excerpt is no longer verbatim.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { docPages } from '../test/support/doc-pages.js';
import { docSnippets } from '../test/support/doc-snippets.js';

let staleExcerpts = 0;
for (const page of docPages()) {
  const markdown = readFileSync(page, 'utf8');
  const lines = markdown.split('\n');
  // From the last block up, so the line numbers of the blocks still to copy stay right.
  for (const snippet of docSnippets(markdown).reverse()) {
    const { check, body, line } = snippet;
    if (check.kind === 'excerpt' && existsSync(check.path) && !readFileSync(check.path, 'utf8').includes(body)) {
      console.error(`${page}:${line} is no longer a verbatim excerpt of ${check.path}: copy the quoted part again`);
      staleExcerpts++;
    }
    if (check.kind !== 'file' || !existsSync(check.path)) continue;
    const file = readFileSync(check.path, 'utf8');
    if (file === body || !file.endsWith('\n')) continue;
    const bodyLineCount = body === '' ? 0 : body.split('\n').length - 1;
    lines.splice(line, bodyLineCount, ...file.slice(0, -1).split('\n'));
    console.log(`${page}:${line} copied from ${check.path}`);
  }
  const copied = lines.join('\n');
  if (copied !== markdown) writeFileSync(page, copied);
}
process.exitCode = staleExcerpts ? 1 : 0;
