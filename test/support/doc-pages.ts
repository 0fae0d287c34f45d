/** The Markdown pages a reader can open: the README and every page in docs/. */
import { readdirSync } from 'node:fs';

export function docPages(): string[] {
  return ['README.md', ...readdirSync('docs').filter((file) => file.endsWith('.md')).sort().map((file) => `docs/${file}`)];
}
