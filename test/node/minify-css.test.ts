import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyCss, minifyCssTemplates } from '../../scripts/minify-css.js';

describe("minifyCss (the script-tag build shrinks the elements' styles)", () => {
  it('drops comments, indentation and the last semicolon of a block', () => {
    assert.equal(
      minifyCss(`
  /* why: a comment with "quotes" and { braces } */
  :host {
    display: block;
    color: var(--_text, #1b1f23);
  }
  :host([hidden]) {
    display: none;
  }`),
      ':host{display:block;color:var(--_text,#1b1f23)}:host([hidden]){display:none}',
    );
  });

  it('keeps the spaces that carry meaning: descendant pseudo-classes, calc operators, value lists, media queries', () => {
    assert.equal(minifyCss('.row :focus-visible { outline: 2px solid red; }'), '.row :focus-visible{outline:2px solid red}');
    assert.equal(minifyCss('a { gap: calc(var(--_gap) + 2px); margin: 0 auto; }'), 'a{gap:calc(var(--_gap) + 2px);margin:0 auto}');
    assert.equal(minifyCss('@media (prefers-color-scheme: dark) { a { b: c } }'), '@media (prefers-color-scheme:dark){a{b:c}}');
    assert.equal(minifyCss('ul > li + li ~ p { x: y !important; }'), 'ul>li + li ~ p{x:y!important}');
  });

  it('leaves quoted strings as they are', () => {
    assert.equal(minifyCss(`a { font-family: 'Segoe  UI', sans-serif; content: "  {  }  "; }`), `a{font-family:'Segoe  UI',sans-serif;content:"  {  }  "}`);
  });

  it('rewrites only static css`` templates of a module', () => {
    const code = 'const a = css`\n  :host { display: block; }\n`; const b = html`<p>  keep  </p>`; const c = css`a{b:${x}}`;';
    assert.equal(minifyCssTemplates(code), 'const a = css`:host{display:block}`; const b = html`<p>  keep  </p>`; const c = css`a{b:${x}}`;');
  });
});
