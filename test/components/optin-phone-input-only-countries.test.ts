import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';

const part = <T extends Element>(el: OptinPhoneInput, selector: string) => el.shadowRoot!.querySelector(selector) as T;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let frame = 0; frame < 200; frame++) {
    if (check()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function typeNumber(el: OptinPhoneInput, text: string): Promise<void> {
  const input = part<HTMLInputElement>(el, '#number');
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function openPicker(el: OptinPhoneInput): Promise<string[]> {
  part<HTMLButtonElement>(el, '#country-button').focus();
  await sendKeys({ press: 'ArrowDown' });
  await until(() => el.shadowRoot!.activeElement === part(el, '#country-search'), 'the picker to open');
  const codes = [...el.shadowRoot!.querySelectorAll('#country-listbox [role="option"]')].map((option) => option.id);
  await sendKeys({ press: 'Escape' });
  return codes;
}

describe('<optin-phone-input only-countries>', () => {
  it('lists only the allowed countries in the picker, with no "international" entry', async () => {
    const el = await fixture<OptinPhoneInput>(html`<optin-phone-input only-countries="DE,AT,CH" default-country="DE" lang="en"></optin-phone-input>`);
    await el.updateComplete;
    const options = await openPicker(el);
    expect(options.length).to.equal(3);
    expect(options.join(' ')).to.match(/DE/).and.to.match(/AT/).and.to.match(/CH/);
  });

  it('gives a number from another country an accessible error, and takes an allowed one', async () => {
    const el = await fixture<OptinPhoneInput>(html`<optin-phone-input only-countries="DE,AT" default-country="DE" lang="en" required></optin-phone-input>`);
    await el.updateComplete;
    await typeNumber(el, '+44 7400 123456');
    expect(el.problem).to.equal('country-not-allowed');
    expect(el.checkValidity()).to.equal(false);
    el.reportValidity();
    await el.updateComplete;
    const input = part<HTMLInputElement>(el, '#number');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const error = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.equal('This form does not take numbers from this country.');
    await typeNumber(el, '+43 664 1234567');
    expect(el.problem).to.equal(undefined);
    expect(el.value).to.equal('+436641234567');
  });

  it('starts on the first allowed country when the default one is not allowed', async () => {
    const el = await fixture<OptinPhoneInput>(html`<optin-phone-input only-countries="AT,CH" default-country="DE" lang="en"></optin-phone-input>`);
    await el.updateComplete;
    expect(el.country).to.equal('AT');
  });

  it('passes through <optin-form only-countries> to the phone field', async () => {
    const form = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/consents" categories="offers"
      privacy-url="https://blumen.example/privacy" default-country="DE" only-countries="DE,AT" lang="en"></optin-form>`);
    await form.updateComplete;
    const phone = form.shadowRoot!.querySelector('optin-phone-input') as OptinPhoneInput;
    expect(phone.onlyCountries).to.equal('DE,AT');
    await typeNumber(phone, '+1 415 555 0123');
    expect(phone.problem).to.equal('country-not-allowed');
  });

  it('names the country codes it ignores to the page author, once, and works without them', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const el = await fixture<OptinPhoneInput>(
        html`<optin-phone-input default-country="XX" preferred-countries="AT,YY" only-countries="DE,AT,ZZ"></optin-phone-input>`,
      );
      await until(() => el.country !== '', 'a country to be chosen');
      expect(el.configurationProblems.map((p) => p.attribute)).to.deep.equal(['default-country', 'preferred-countries', 'only-countries']);
      expect(el.configurationProblems[2].message).to.contain('ZZ');
      // Ignored, not fatal: the first allowed country, and only the allowed ones are taken.
      expect(el.country).to.equal('DE');
      await typeNumber(el, '+33612345678');
      expect(el.problem).to.equal('country-not-allowed');
      el.label = 'Handy';
      await el.updateComplete;
      const reports = warnings.filter((w) => w.includes('<optin-phone-input>'));
      expect(reports).to.have.length(1);
      expect(reports[0]).to.contain('only-countries="DE,AT,ZZ"');
      el.onlyCountries = 'DE,AT';
      await el.updateComplete;
      expect(el.configurationProblems.map((p) => p.attribute)).to.deep.equal(['default-country', 'preferred-countries']);
    } finally {
      console.warn = warn;
    }
  });
});
