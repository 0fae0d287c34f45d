import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { auditOf, RECEIVER_ENDPOINT, uniquePhone } from '../support/test-receiver.js';

const shadow = (el: Element) => el.shadowRoot!;
const approved = {
  en: {
    notice: {
      optOut: 'Reply STOP to any message from {{business}} and we stop at once; you can also write to our privacy team.',
      optOutWithdrawal: 'Withdraw whenever you like, as easily as you agreed: reply STOP to any message from {{business}}.',
    },
    form: { submit: 'Yes, keep me posted' },
  },
};

describe("<optin-form texts> (a business's own approved wording)", () => {
  it('shows the approved wording, and the record at the receiver stores the text shown', async () => {
    const phone = uniquePhone();
    const form = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint=${RECEIVER_ENDPOINT} categories="offers"
      privacy-url="https://blumen.example/privacy" default-country="DE" lang="en" .texts=${approved}></optin-form>`);
    await form.updateComplete;
    const optOut = shadow(form).querySelector('[part="opt-out"]')!.textContent!;
    expect(optOut).to.equal('Withdraw whenever you like, as easily as you agreed: reply STOP to any message from Blumen Berlin.');
    expect(shadow(form).querySelector('[part="submit"]')!.textContent!.trim()).to.equal('Yes, keep me posted');

    const phoneField = shadow(form).querySelector('optin-phone-input') as OptinPhoneInput;
    const input = shadow(phoneField).querySelector('input') as HTMLInputElement;
    input.value = phone;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await phoneField.updateComplete;
    (shadow(form).querySelector('#category-offers') as HTMLInputElement).click();
    await form.updateComplete;
    const succeeded = oneEvent(form, 'optin-success');
    (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
    await succeeded;
    const [entry] = (await auditOf(phone)).entries;
    expect(entry.verification.ok).to.equal(true);
    expect(entry.record.notice.text).to.contain(optOut);
  });

  it('takes the same texts as JSON in the attribute', async () => {
    const form = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/consents" categories="offers"
      privacy-url="https://blumen.example/privacy" default-country="US" lang="en" texts=${JSON.stringify(approved)}></optin-form>`);
    await form.updateComplete;
    expect(shadow(form).querySelector('[part="opt-out"]')!.textContent).to.contain('we stop at once');
  });

  it('blocks the form with the usual notice when the approved wording drops the STOP instruction', async () => {
    const form = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/consents" categories="offers"
      privacy-url="https://blumen.example/privacy" default-country="US" lang="en"
      .texts=${{ en: { notice: { optOut: 'You can unsubscribe whenever you like.', optOutWithdrawal: 'You can withdraw whenever you like.' } } }}></optin-form>`);
    await form.updateComplete;
    expect(shadow(form).querySelector('[part="form"]') === null, 'no form is shown').to.equal(true);
    const notice = shadow(form).querySelector('[part="config-notice"]')!.textContent!;
    expect(notice).to.contain('opt-out-explained');
    expect(notice).to.contain('STOP');
  });

  it('reports texts that are not valid JSON instead of throwing', async () => {
    const form = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/consents" categories="offers"
      privacy-url="https://blumen.example/privacy" lang="en" texts='{"en": '></optin-form>`);
    await form.updateComplete;
    expect(form.configurationProblems.map((p) => p.attribute)).to.deep.equal(['texts']);
    expect(shadow(form).querySelector('[part="config-notice"]')!.textContent).to.contain('must map locales to texts');
  });
});
