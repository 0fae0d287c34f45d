/**
 * The Markdown pages a reader can open: the README, every page in docs/, and every page in the
 * folders of pages the docs index lists (docs/channels/). Dated measurement pages (docs/measurements/)
 * are reached from performance.md, not from the index, and stay out as before.
 */
import { readdirSync } from 'node:fs';

const PAGE_FOLDERS = ['channels'];

export function docPages(): string[] {
  const mdIn = (folder: string) =>
    readdirSync(folder)
      .filter((file) => file.endsWith('.md'))
      .sort()
      .map((file) => `${folder}/${file}`);
  return ['README.md', ...mdIn('docs'), ...PAGE_FOLDERS.flatMap((folder) => mdIn(`docs/${folder}`))];
}
