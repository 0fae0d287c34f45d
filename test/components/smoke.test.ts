/// <reference types="mocha" />
// Infrastructure smoke test: legacy Lit decorators, `.js` -> `.ts` imports, @open-wc/testing and
// axe all work in every engine. Safe to delete once real component tests exist.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { customElement, property } from 'lit/decorators.js';

import { greeting } from './fixtures/smoke-helper.js';

@customElement('wtr-smoke-element')
class WtrSmokeElement extends LitElement {
  @property() name = 'World';

  override render() {
    return litHtml`<p><button type="button">${greeting(this.name)}</button></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wtr-smoke-element': WtrSmokeElement;
  }
}

describe('component test infrastructure', () => {
  it('renders a Lit element with a legacy @property() into its shadow DOM', async () => {
    const el = await fixture<WtrSmokeElement>(html`<wtr-smoke-element name="Ada"></wtr-smoke-element>`);
    expect(el).to.be.instanceOf(WtrSmokeElement);
    expect(el.shadowRoot?.textContent?.trim()).to.equal('Hello, Ada!');

    el.name = 'Grace';
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('button')?.textContent).to.equal('Hello, Grace!');
  });

  it('is accessible', async () => {
    const el = await fixture<WtrSmokeElement>(html`<wtr-smoke-element></wtr-smoke-element>`);
    await expect(el).to.be.accessible();
  });
});
