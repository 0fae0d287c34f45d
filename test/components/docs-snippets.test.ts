/**
 * Every HTML snippet the docs mark `<!-- snippet: renders -->`, rendered in a real browser: each
 * `<optin-form>` and `<optin-preferences>` must show a working form, not the "not set up correctly"
 * notice, and each `<optin-phone-input>` its field. The pages are read from the test server the way
 * a newcomer finds them: the README, the docs index, and every page the index links to.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { LitElement } from 'lit';
import { docSnippets, linkedPages } from '../support/doc-snippets.js';

async function text(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
}

async function renderedSnippets(): Promise<Array<{ page: string; line: number; body: string }>> {
  const pages = ['/README.md', '/docs/README.md', ...linkedPages(await text('/docs/README.md')).map((path) => `/docs/${path}`)];
  const snippets: Array<{ page: string; line: number; body: string }> = [];
  for (const page of new Set(pages)) {
    for (const snippet of docSnippets(await text(page))) {
      if (snippet.check.kind === 'renders') snippets.push({ page, line: snippet.line, body: snippet.body });
    }
  }
  return snippets;
}

const WORKING_PART: Record<string, string> = { 'optin-form': 'form', 'optin-preferences': 'panel', 'optin-phone-input': 'input' };

/** What is wrong with one snippet once rendered, or an empty list. */
async function renderProblems(body: string): Promise<string[]> {
  const template = document.createElement('template');
  template.innerHTML = body;
  template.content.querySelectorAll('script').forEach((script) => script.remove());
  const container = document.createElement('div');
  container.append(template.content);
  document.body.append(container);
  try {
    const elements = [...container.querySelectorAll<LitElement>('optin-form, optin-preferences, optin-phone-input')];
    if (!elements.length) return ['renders no optin element'];
    const problems: string[] = [];
    for (const element of elements) {
      await element.updateComplete;
      const tag = element.localName;
      const notice = element.shadowRoot?.querySelector('[part="config-notice"]');
      if (notice) problems.push(`<${tag}> shows the notice: ${notice.textContent?.replace(/\s+/g, ' ').trim()}`);
      else if (!element.shadowRoot?.querySelector(`[part="${WORKING_PART[tag]}"]`)) problems.push(`<${tag}> renders no ${WORKING_PART[tag]}`);
    }
    return problems;
  } finally {
    container.remove();
  }
}

describe('HTML snippets in the docs', () => {
  it('each render a working element, not the "not set up correctly" notice', async () => {
    const snippets = await renderedSnippets();
    expect(snippets.length, 'the snippets marked "renders"').to.be.greaterThan(5);
    const problems: string[] = [];
    for (const snippet of snippets) {
      for (const problem of await renderProblems(snippet.body)) problems.push(`${snippet.page}:${snippet.line} ${problem}`);
    }
    expect(problems).to.deep.equal([]);
  });

  it('catch a snippet that leaves out what the form needs (no privacy-url in reach of the GDPR profile)', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const problems = await renderProblems('<optin-form locale="pt-BR" business-name="Flores" endpoint="/consents" categories="offers"></optin-form>');
      expect(problems).to.have.length(1);
      expect(problems[0]).to.contain('<optin-form> shows the notice');
    } finally {
      console.error = original;
    }
  });
});
