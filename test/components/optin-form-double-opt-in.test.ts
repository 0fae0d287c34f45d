import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { confirmationCodeFor } from '../../src/core/messages/confirmation-code.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { auditOf, postWhatsAppMessage, RECEIVER_ENDPOINT, uniquePhone } from '../support/test-receiver.js';

const shadow = (el: Element) => el.shadowRoot!;

async function subscribe(form: OptinForm, number = '01512 3456789') {
  const phone = shadow(form).querySelector('optin-phone-input') as OptinPhoneInput;
  const input = shadow(phone).querySelector('input') as HTMLInputElement;
  input.value = number;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phone.updateComplete;
  (shadow(form).querySelector('#category-offers') as HTMLInputElement).click();
  await form.updateComplete;
  const succeeded = oneEvent(form, 'optin-success');
  (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
  const event = await succeeded;
  await form.updateComplete;
  return event.detail.record;
}

describe('<optin-form confirm-number> (double opt-in through WhatsApp)', () => {
  it('after success shows a wa.me link, the short code and a QR code; the code sent back confirms the opt-in at the receiver', async () => {
    const phone = uniquePhone();
    const form =
      await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint=${RECEIVER_ENDPOINT} categories="offers" privacy-url="https://blumen.example/privacy"
      default-country="DE" lang="en" confirm-number="+49 30 1234567"></optin-form>`);
    expect(shadow(form).querySelector('[part="confirm"]'), 'nothing to confirm before submitting').to.equal(null);
    const record = await subscribe(form, phone);
    const code = await confirmationCodeFor(record.id);
    expect(code).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const link = shadow(form).querySelector('[part="confirm-link"]') as HTMLAnchorElement;
    expect(link.textContent?.trim()).to.equal('Confirm on WhatsApp');
    const url = new URL(link.href);
    expect(`${url.origin}${url.pathname}`).to.equal('https://wa.me/49301234567');
    expect(url.searchParams.get('text')).to.equal(`Confirm my subscription to Blumen Berlin. Code: ${code}`);
    expect(shadow(form).querySelector('[part="confirm-code"]')?.textContent).to.contain(code);
    const qr = shadow(form).querySelector('svg[part="confirm-qr"]') as SVGSVGElement;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.contain('scan');
    expect(qr.querySelector('path')?.getAttribute('d')?.length ?? 0).to.be.greaterThan(500);

    // The person sends the typed-in message from WhatsApp; the platform calls the receiver's webhook.
    const answer = await postWhatsAppMessage({ id: `wamid.${record.id}`, from: phone.slice(1), text: url.searchParams.get('text')! });
    expect(answer.status).to.equal(200);
    const audit = await auditOf(phone);
    expect(audit.entries.map((e) => e.kind)).to.deep.equal(['opt-in', 'confirmation']);
    expect(audit.entries[1].record.confirms).to.deep.equal({ recordId: record.id, code });
    expect(audit.entries[1].verification.ok).to.equal(true);
    expect(audit.state?.confirmed).to.equal(true);
  });

  it('shows no confirmation step without confirm-number', async () => {
    const form =
      await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint=${RECEIVER_ENDPOINT} categories="offers" privacy-url="https://blumen.example/privacy"
      default-country="DE" lang="en"></optin-form>`);
    await subscribe(form, uniquePhone());
    expect(shadow(form).querySelector('[part="confirm"]')).to.equal(null);
  });

  it('names a confirm-number that cannot be a WhatsApp number instead of showing the form', async () => {
    const original = console.error;
    const errors: string[] = [];
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const form = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/consents" categories="offers"
        lang="en" confirm-number="call us"></optin-form>`);
      expect(shadow(form).querySelector('[part="config-notice"]')?.textContent).to.contain('confirm-number');
      expect(errors.join('\n')).to.contain('confirm-number');
    } finally {
      console.error = original;
    }
  });
});
