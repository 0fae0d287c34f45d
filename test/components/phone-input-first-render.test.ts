import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';

const picker = (el: OptinPhoneInput) => el.shadowRoot!.querySelector('select') as HTMLSelectElement;
const numberField = (el: OptinPhoneInput) => el.shadowRoot!.querySelector('input') as HTMLInputElement;

async function germanField(): Promise<OptinPhoneInput> {
  const el = await fixture<OptinPhoneInput>(html`<optin-phone-input default-country="DE" lang="en"></optin-phone-input>`);
  await el.updateComplete;
  return el;
}

describe('<optin-phone-input> first render', () => {
  it('shows the preselected country by flag and dial code before the country list is wanted', async () => {
    const el = await germanField();
    const options = [...picker(el).options];
    expect(options.map((option) => option.value)).to.deep.equal(['', 'DE']);
    expect(picker(el).value).to.equal('DE');
    expect(options[1].textContent).to.contain('+49');
  });

  it('fills in every country, keeping the chosen one, when the person focuses the picker', async () => {
    const el = await germanField();
    picker(el).focus();
    await el.updateComplete;
    const options = [...picker(el).options];
    expect(options.length).to.be.greaterThan(200);
    expect(options.find((option) => option.value === 'DE')?.textContent).to.contain('Germany');
    expect(picker(el).value).to.equal('DE');
  });

  it('fills in the list on a pointer press, before the picker opens', async () => {
    const el = await germanField();
    picker(el).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await el.updateComplete;
    expect(picker(el).options.length).to.be.greaterThan(200);
  });

  it('keeps the number field where it was when the list is filled in', async () => {
    const el = await germanField();
    const before = numberField(el).getBoundingClientRect();
    picker(el).focus();
    await el.updateComplete;
    const after = numberField(el).getBoundingClientRect();
    expect(after.left).to.equal(before.left);
    expect(after.width).to.equal(before.width);
  });

  it('shows the country recognised from a typed international number before the list is wanted', async () => {
    const el = await germanField();
    numberField(el).value = '+44 7400 123456';
    numberField(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(picker(el).value).to.equal('GB');
    expect(el.value).to.equal('+447400123456');
  });
});
