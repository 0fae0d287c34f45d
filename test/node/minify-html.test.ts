import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyHtmlTemplates } from '../../scripts/minify-html.js';

describe("minifyHtmlTemplates (the script-tag build shrinks the elements' html and svg templates)", () => {
  it("turns line-broken whitespace in a template's text into one space", () => {
    const code = 'const t = html`<div\n      part="a"\n      class="b">\n  <p>${x}</p>\n</div>`;';
    assert.equal(minifyHtmlTemplates(code), 'const t = html`<div part="a" class="b"> <p>${x}</p> </div>`;');
    assert.equal(minifyHtmlTemplates('svg`<svg>\n  <path d="M0 0"/>\n</svg>`'), 'svg`<svg> <path d="M0 0"/> </svg>`');
  });

  it('keeps spaces without a line break, and the code inside ${…} as it is', () => {
    const code = 'html`<b>a  b</b>${items.map((i) => {\n  return `x\n  y`;\n})}\n<i>${"\\n  q"}</i>`';
    assert.equal(minifyHtmlTemplates(code), 'html`<b>a  b</b>${items.map((i) => {\n  return `x\n  y`;\n})} <i>${"\\n  q"}</i>`');
  });

  it('minifies templates nested in expressions, and leaves other templates, strings and comments alone', () => {
    const code =
      "/* html`a\n  b` in a comment */\nconst s = 'html`\\n';\nconst m = `line\n  two`;\nhtml`<ul>\n  ${list.map((i) => html`<li>\n    ${i}\n  </li>`)}\n</ul>`";
    assert.equal(
      minifyHtmlTemplates(code),
      "/* html`a\n  b` in a comment */\nconst s = 'html`\\n';\nconst m = `line\n  two`;\nhtml`<ul> ${list.map((i) => html`<li> ${i} </li>`)} </ul>`",
    );
  });

  it("keeps escapes in a template's text", () => {
    assert.equal(minifyHtmlTemplates('html`a\\`\n  b`'), 'html`a\\` b`');
  });
});
