/**
 * Shrinks the whitespace of the elements' `html` and `svg` templates for the script-tag build
 * (vite.config.ts): a run of whitespace holding a line break, in a template's own text (never in
 * its `${…}` expressions), becomes one space. One space renders as the run did (the templates
 * use no `white-space: pre`), and attribute lists and text keep a separator, so the DOM Lit
 * builds differs only in the length of whitespace-only text. About 0.3 KiB brotli off the script.
 */

/** Collapses line-broken whitespace in the text of every html`…`/svg`…` template of a module's code. */
export function minifyHtmlTemplates(code: string): string {
  let out = '';
  // What we are inside: a template (minified or not) or an expression `${…}` with its open braces.
  const stack: ({ kind: 'template'; minify: boolean } | { kind: 'code'; braces: number })[] = [{ kind: 'code', braces: 0 }];
  let i = 0;
  while (i < code.length) {
    const top = stack[stack.length - 1];
    const char = code[i];
    if (top.kind === 'template') {
      if (char === '\\') {
        out += code.slice(i, i + 2);
        i += 2;
      } else if (char === '`') {
        stack.pop();
        out += char;
        i++;
      } else if (char === '$' && code[i + 1] === '{') {
        stack.push({ kind: 'code', braces: 0 });
        out += '${';
        i += 2;
      } else if (top.minify && /\s/.test(char)) {
        let end = i;
        while (end < code.length && /\s/.test(code[end])) end++;
        const run = code.slice(i, end);
        out += run.includes('\n') ? ' ' : run;
        i = end;
      } else {
        out += char;
        i++;
      }
      continue;
    }
    if (char === '"' || char === "'") {
      let end = i + 1;
      while (end < code.length && code[end] !== char) end += code[end] === '\\' ? 2 : 1;
      out += code.slice(i, end + 1);
      i = end + 1;
    } else if (char === '/' && (code[i + 1] === '/' || code[i + 1] === '*')) {
      const end = code[i + 1] === '/' ? code.indexOf('\n', i) : code.indexOf('*/', i + 2) + 2;
      const stop = end <= 1 || end === -1 ? code.length : end;
      out += code.slice(i, stop);
      i = stop;
    } else if (char === '`') {
      stack.push({ kind: 'template', minify: /\b(html|svg)\s*$/.test(out) });
      out += char;
      i++;
    } else {
      if (char === '{') top.braces++;
      if (char === '}' && top.braces-- === 0 && stack.length > 1) stack.pop();
      out += char;
      i++;
    }
  }
  return out;
}
