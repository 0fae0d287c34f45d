/**
 * Minifies the CSS of the elements' `css` templates for the script-tag build (vite.config.ts):
 * comments go, whitespace shrinks to what CSS needs. Conservative on purpose: a space is dropped
 * only beside `{ } ; , >` or after `:`, so descendant pseudo-classes (`.a :hover`), `calc(a + b)`
 * and quoted strings keep their meaning. About 0.6 KiB brotli off the script.
 */
const DROP_AFTER = new Set(['{', '}', ';', ',', '>', ':', '(']);
const DROP_BEFORE = new Set(['{', '}', ';', ',', '>', ')', '!']);

export function minifyCss(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const char = css[i];
    if (char === '"' || char === "'") {
      let end = i + 1;
      while (end < css.length && css[end] !== char) end += css[end] === '\\' ? 2 : 1;
      out += css.slice(i, end + 1);
      i = end + 1;
    } else if (char === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? css.length : end + 2;
    } else if (/\s/.test(char)) {
      while (i < css.length && /\s/.test(css[i])) i++;
      const next = css.startsWith('/*', i) ? ' ' : css[i];
      if (out !== '' && next !== undefined && !DROP_AFTER.has(out[out.length - 1]) && !DROP_BEFORE.has(next)) out += ' ';
    } else {
      // The last declaration of a block needs no `;`.
      if (char === '}' && out.endsWith(';')) out = out.slice(0, -1);
      out += char;
      i++;
    }
  }
  return out;
}

/** Minifies the text of every css`…` template without interpolations in a module's code. */
export function minifyCssTemplates(code: string): string {
  return code.replace(/\bcss`([^`$\\]*)`/g, (_match, text: string) => `css\`${minifyCss(text)}\``);
}
