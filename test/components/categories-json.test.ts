import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';

function categoryLabels(form: OptinForm): string[] {
  return Array.from(form.shadowRoot!.querySelectorAll('[part="category"]')).map((label) => label.textContent!.replace(/\s+/g, ' ').trim());
}

describe('<optin-form categories> as JSON (no JavaScript on the page)', () => {
  it('shows custom categories given as JSON, each with its own unticked checkbox', async () => {
    const form = await fixture<OptinForm>(html`<optin-form
      lang="en"
      business-name="Blumen Berlin"
      endpoint="/consents"
      privacy-url="https://blumen.example/privacy"
      categories='[{"id":"loyalty","label":"Loyalty points","description":"your balance once a month"},"offers"]'
    ></optin-form>`);
    expect(form.configurationProblems).to.deep.equal([]);
    expect(categoryLabels(form)).to.deep.equal(['Loyalty points: your balance once a month', 'Offers and promotions: discounts, sales and new products']);
    const boxes = Array.from(form.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
    expect(boxes.map((box) => box.checked)).to.deep.equal([false, false]);
  });

  it('names broken JSON in a notice and in the console, instead of showing a form', async () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const form = await fixture<OptinForm>(html`<optin-form
        lang="en"
        business-name="Blumen Berlin"
        endpoint="/consents"
        categories="[{'id':'loyalty'}]"
      ></optin-form>`);
      expect(form.shadowRoot!.querySelector('form')).to.equal(null);
      const notice = form.shadowRoot!.querySelector('[part="config-notice"]')!;
      expect(notice.textContent).to.contain('categories is not valid JSON');
      expect(logged.join('\n')).to.contain('double quotes inside single quotes');
    } finally {
      console.error = original;
    }
  });
});
