import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { auditOf, RECEIVER_ENDPOINT, uniquePhone } from '../support/test-receiver.js';

const shadow = (el: Element) => el.shadowRoot!;
const box = (form: OptinForm, id: string) => shadow(form).querySelector(`#${id}`) as HTMLInputElement;

/** SMS in the strictest profile (before a number is typed) needs the frequency and the terms. */
async function twoChannelForm(extra: { channels?: string } = {}) {
  const form = await fixture<OptinForm>(html`<optin-form
    business-name="Blumen Berlin"
    endpoint=${RECEIVER_ENDPOINT}
    channels=${extra.channels ?? 'whatsapp,sms'}
    categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy"
    terms-url="https://blumen.example/sms-terms"
    frequency="4/month"
    default-country="DE"
    lang="en"
  ></optin-form>`);
  await form.updateComplete;
  return form;
}

async function typeNumber(form: OptinForm, number: string) {
  const phone = shadow(form).querySelector('optin-phone-input') as OptinPhoneInput;
  const input = shadow(phone).querySelector('input') as HTMLInputElement;
  input.value = number;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phone.updateComplete;
  await form.updateComplete;
}

/** Clicks submit and collects every record the form reports delivered, until it says success. */
async function submitAndCollect(form: OptinForm): Promise<ConsentRecord[]> {
  const delivered: ConsentRecord[] = [];
  form.addEventListener('optin-success', (event) => delivered.push(event.detail.record));
  (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
  await waitUntil(() => form.submissionStatus === 'success' || form.submissionStatus === 'error', 'the form never settled', { timeout: 15000 });
  expect(form.submissionStatus).to.equal('success');
  return delivered;
}

describe('<optin-form channels="whatsapp,sms">', () => {
  it('gives each channel its own boxes under its own wording, naming the channel', async () => {
    const form = await twoChannelForm();
    const groups = shadow(form).querySelectorAll('fieldset[part="categories"]');
    expect(groups.length).to.equal(2);
    const leads = [...shadow(form).querySelectorAll('[part="lead"]')].map((lead) => lead.textContent);
    expect(leads[0]).to.contain('on WhatsApp');
    expect(leads[1]).to.contain('on SMS');
    // Two boxes per channel, none ticked, each with its own id and label.
    for (const id of ['category-offers', 'category-order-updates', 'category-sms-offers', 'category-sms-order-updates']) {
      expect(box(form, id), id).to.exist;
      expect(box(form, id).checked, id).to.equal(false);
    }
    box(form, 'category-sms-offers').click();
    await form.updateComplete;
    expect(box(form, 'category-offers').checked, 'ticking SMS offers leaves WhatsApp offers alone').to.equal(false);
    // The privacy and terms links are shown once, after the last channel.
    expect(shadow(form).querySelectorAll('[part="privacy-link"]').length).to.equal(1);
    expect(shadow(form).querySelectorAll('[part="terms-link"]').length).to.equal(1);
  });

  it('makes one signed, verified record per ticked channel at the real receiver, each with its own id and its own text', async () => {
    const phone = uniquePhone();
    const form = await twoChannelForm();
    await typeNumber(form, phone);
    box(form, 'category-offers').click();
    box(form, 'category-sms-offers').click();
    box(form, 'category-sms-order-updates').click();
    await form.updateComplete;
    const submitted: string[] = [];
    form.addEventListener('optin-submit', (event) => submitted.push(event.detail.record.channel));
    const delivered = await submitAndCollect(form);
    expect(submitted.sort()).to.deep.equal(['sms', 'whatsapp']);
    expect(delivered.map((record) => record.channel).sort()).to.deep.equal(['sms', 'whatsapp']);
    expect(new Set(delivered.map((record) => record.id)).size).to.equal(2);

    const audit = await auditOf(phone);
    const stored = audit.entries.map((entry) => entry.record);
    expect(stored.length, 'one record per ticked channel, none doubled').to.equal(2);
    for (const entry of audit.entries) expect(entry.verification.ok, JSON.stringify(entry.verification)).to.equal(true);
    const whatsapp = stored.find((record) => record.channel === 'whatsapp')!;
    const sms = stored.find((record) => record.channel === 'sms')!;
    expect(whatsapp.categories.map((c) => [c.id, c.granted])).to.deep.equal([
      ['offers', true],
      ['order-updates', false],
    ]);
    expect(sms.categories.map((c) => [c.id, c.granted])).to.deep.equal([
      ['offers', true],
      ['order-updates', true],
    ]);
    expect(whatsapp.notice.text).to.contain('on WhatsApp');
    expect(whatsapp.notice.text).not.to.contain('on SMS');
    expect(sms.notice.text).to.contain('on SMS');
    // Every record carries the text shown on screen for its channel.
    const shownText = shadow(form).querySelector('form')!.textContent!.replace(/\s+/g, ' ');
    for (const record of [whatsapp, sms]) {
      for (const line of record.notice.text.split('\n').filter((l) => !l.includes('<http'))) expect(shownText).to.contain(line.replace(/\s+/g, ' '));
    }
  });

  it('makes no record for a channel left unticked', async () => {
    const phone = uniquePhone();
    const form = await twoChannelForm();
    await typeNumber(form, phone);
    box(form, 'category-sms-order-updates').click();
    await form.updateComplete;
    const delivered = await submitAndCollect(form);
    expect(delivered.map((record) => record.channel)).to.deep.equal(['sms']);
    const audit = await auditOf(phone);
    expect(audit.entries.map((entry) => entry.record.channel)).to.deep.equal(['sms']);
  });

  it('still asks for at least one tick in any channel', async () => {
    const form = await twoChannelForm();
    await typeNumber(form, uniquePhone());
    let submitted = 0;
    form.addEventListener('optin-submit', () => submitted++);
    (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
    await form.updateComplete;
    expect(shadow(form).querySelector('[part="error"]')!.textContent).to.contain('Tick at least one');
    expect(submitted).to.equal(0);
  });

  it('cancelling optin-submit for one record of the click cancels them all', async () => {
    const form = await twoChannelForm();
    await typeNumber(form, uniquePhone());
    box(form, 'category-offers').click();
    box(form, 'category-sms-offers').click();
    await form.updateComplete;
    let asked = 0;
    form.addEventListener('optin-submit', (event) => {
      asked++;
      event.preventDefault();
    });
    (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => asked > 0);
    await form.updateComplete;
    expect(form.submissionStatus).to.equal('idle');
  });

  it('reports a channel name that is not one', async () => {
    const form = await twoChannelForm({ channels: 'whatsapp,s m s' });
    expect(form.configurationProblems.map((p) => p.attribute)).to.include('channels');
    expect(shadow(form).querySelector('[part="config-notice"]')).to.exist;
  });
});
