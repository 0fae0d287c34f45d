import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { openReceiverLane } from '../support/receiver-lane.js';

const shadow = (el: Element) => el.shadowRoot!;
const phoneOf = (form: OptinForm) => shadow(form).querySelector('optin-phone-input') as OptinPhoneInput;
const numberInput = (form: OptinForm) => shadow(phoneOf(form)).querySelector('input') as HTMLInputElement;
const checkbox = (form: OptinForm, id: string) => shadow(form).querySelector(`#category-${id}`) as HTMLInputElement;

async function optIn(form: OptinForm, typed: string): Promise<ConsentRecord> {
  const input = numberInput(form);
  input.value = typed;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phoneOf(form).updateComplete;
  checkbox(form, 'offers').click();
  await form.updateComplete;
  const done = oneEvent(form, 'optin-success');
  (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
  return (await done).detail.record as ConsentRecord;
}

describe('<optin-form kiosk>', () => {
  it('starts over for the next person: empty fields, no ticks, no status, and records in-store with the staff and location ids', async () => {
    const lane = await openReceiverLane();
    const el = await fixture<OptinForm>(html`<optin-form kiosk staff-id="anna" location-id="berlin-mitte"
      business-name="Blumen Berlin" endpoint=${lane.endpoint} categories="offers,order-updates"
      privacy-url="https://blumen.example/privacy" default-country="DE" lang="en"></optin-form>`);
    await el.updateComplete;
    const record = await optIn(el, '01512 3456781');
    expect(record.collection.source).to.equal('in-store');
    expect(record.collection.staffId).to.equal('anna');
    expect(record.collection.locationId).to.equal('berlin-mitte');
    // The thank-you stays 5 seconds; then the form starts over.
    await waitUntil(() => el.submissionStatus === 'idle', 'the form did not start over for the next person', { timeout: 10_000 });
    await el.updateComplete;
    expect(el.submissionStatus).to.equal('idle');
    expect(numberInput(el).value).to.equal('');
    expect(phoneOf(el).value).to.equal('');
    expect(checkbox(el, 'offers').checked).to.equal(false);
    expect(shadow(el).querySelector('[part="status"]')!.textContent!.trim()).to.equal('');
    expect(shadow(el).textContent).not.to.contain('3456781');

    const second = await optIn(el, '01512 3456782');
    expect(second.subject.phone).to.equal('+4915123456782');
    expect(second.id).not.to.equal(record.id);
    const posts = await lane.posts();
    expect(posts.map((post) => post.idempotencyKey)).to.deep.equal([record.id, second.id]);
    expect(posts.map((post) => post.status)).to.deep.equal([201, 201], 'the receiver stored both people');
  });

  it("keeps an explicit source, and a form without kiosk keeps the last person's thank-you", async () => {
    const lane = await openReceiverLane();
    const el = await fixture<OptinForm>(html`<optin-form source="social-ad"
      business-name="Blumen Berlin" endpoint=${lane.endpoint} categories="offers"
      privacy-url="https://blumen.example/privacy" default-country="DE" lang="en"></optin-form>`);
    await el.updateComplete;
    const record = await optIn(el, '01512 3456783');
    expect(record.collection.source).to.equal('social-ad');
    expect(record.collection.staffId).to.equal(undefined);
    await el.updateComplete;
    expect(el.submissionStatus).to.equal('success');
  });

  it('records at most 64 characters of a staff-id', async () => {
    const lane = await openReceiverLane();
    const el = await fixture<OptinForm>(html`<optin-form kiosk staff-id=${'s'.repeat(80)}
      business-name="Blumen Berlin" endpoint=${lane.endpoint} categories="offers"
      privacy-url="https://blumen.example/privacy" default-country="DE" lang="en"></optin-form>`);
    await el.updateComplete;
    const record = await optIn(el, '01512 3456784');
    expect(record.collection.staffId).to.equal('s'.repeat(64));
    expect(record.collection.locationId).to.equal(undefined);
  });
});
