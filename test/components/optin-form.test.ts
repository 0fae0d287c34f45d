import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { sha256Hex } from '../../src/core/record/encoding.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import { checkbox, numberInput, phoneOf, shadow, submit, submitAndWait, tick, typeNumber, visibleText } from '../support/form-driver.js';
import { openReceiverLane, type ReceiverLane } from '../support/receiver-lane.js';

/** Fills in a valid number and a tick, submits, and answers the record the receiver stored. */
async function subscribe(form: OptinForm): Promise<ConsentRecord> {
  await typeNumber(form, '01512 3456789');
  if (!checkbox(form, 'offers').checked) await tick(form, 'offers');
  return submitAndWait(form);
}

/**
 * "Sends nothing", checked on the wire: after the refused attempt the form sends a valid record,
 * and that record is the only POST the lane saw (one subject's records go out in order, so
 * anything the refused attempt had queued would have arrived first).
 */
async function expectOnlyPostIs(lane: ReceiverLane, form: OptinForm): Promise<void> {
  const sent = await subscribe(form);
  expect((await lane.posts()).map((post) => post.idempotencyKey)).to.deep.equal([sent.id]);
}

async function basicForm(lane: ReceiverLane, extra = html``) {
  const el = await fixture<OptinForm>(html`<optin-form
    business-name="Blumen Berlin"
    endpoint=${lane.endpoint}
    categories="offers,order-updates"
    frequency="4/month"
    privacy-url="https://blumen.example/privacy"
    default-country="DE"
    lang="en"
    >${extra}</optin-form
  >`);
  await el.updateComplete;
  return el;
}

describe('<optin-form>', () => {
  it('shows the business, each category unticked, the frequency, how to stop and the privacy link', async () => {
    const el = await basicForm(await openReceiverLane());
    const text = visibleText(el);
    expect(text).to.contain('messages from Blumen Berlin on WhatsApp');
    expect(text).to.contain('Offers and promotions');
    expect(text).to.contain('Order updates');
    expect(text).to.contain('Up to 4 messages a month.');
    expect(text).to.contain('reply STOP');
    expect(checkbox(el, 'offers').checked).to.equal(false);
    expect(checkbox(el, 'order-updates').checked).to.equal(false);
    const link = shadow(el).querySelector('[part="privacy-link"]') as HTMLAnchorElement;
    expect(link.href).to.equal('https://blumen.example/privacy');
    expect(shadow(el).querySelector('[part="whatsapp-badge"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the WhatsApp name and logo beside the checkboxes when whatsapp-branding is set', async () => {
    const el = await basicForm(await openReceiverLane());
    el.whatsappBranding = true;
    await el.updateComplete;
    const badge = shadow(el).querySelector('fieldset [part="whatsapp-badge"]');
    expect(badge?.textContent?.trim()).to.equal('WhatsApp');
    expect(badge?.querySelector('svg')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('refuses to submit without a ticked box, says why by the checkboxes, and sends nothing', async () => {
    const lane = await openReceiverLane();
    const el = await basicForm(lane);
    await typeNumber(el, '01512 3456789');
    submit(el);
    await el.updateComplete;
    const error = shadow(el).querySelector('[part="error"]')!;
    expect(error.textContent).to.contain('Tick at least one');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(shadow(el).activeElement).to.equal(checkbox(el, 'offers'));
    await expect(el).to.be.accessible();
    await expectOnlyPostIs(lane, el);
  });

  it('refuses an invalid number with a message linked to the field, and sends nothing', async () => {
    const lane = await openReceiverLane();
    const el = await basicForm(lane);
    await typeNumber(el, '015');
    await tick(el, 'offers');
    submit(el);
    await phoneOf(el).updateComplete;
    const input = numberInput(el);
    const message = shadow(phoneOf(el)).getElementById(input.getAttribute('aria-describedby')!)!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(message.textContent).to.contain('too short');
    await expect(el).to.be.accessible();
    await expectOnlyPostIs(lane, el);
  });

  it('signs and posts a record of exactly what was shown, with the Idempotency-Key, and the receiver stores it', async () => {
    const lane = await openReceiverLane();
    const el = await basicForm(lane);
    await typeNumber(el, '01512 3456789');
    await tick(el, 'offers');
    const submitted = oneEvent(el, 'optin-submit');
    const succeeded = oneEvent(el, 'optin-success');
    submit(el);
    const submitEvent = await submitted;
    expect(submitEvent.cancelable).to.equal(true);
    const success = await succeeded;
    const posts = await lane.posts();
    expect(posts).to.have.length(1);
    const [post] = posts;
    const record = JSON.parse(post.body) as ConsentRecord;
    expect(post.contentType).to.equal('application/json');
    expect(post.idempotencyKey).to.equal(record.id);
    expect(post.status).to.equal(201);
    expect(success.detail.record.id).to.equal(record.id);
    expect(success.detail.response).to.include({ status: 'stored', id: record.id });
    expect(record.nonce, "the receiver's nonce, asked for at render").to.match(/^[A-Za-z0-9_-]{16,128}$/);
    expect(await lane.nonceRequests()).to.have.length(1);

    expect(record.kind).to.equal('opt-in');
    expect(record.subject).to.deep.equal({ phone: '+4915123456789' });
    expect(record.categories).to.deep.equal([
      { id: 'offers', label: 'Offers and promotions', granted: true, templateCategory: 'marketing' },
      { id: 'order-updates', label: 'Order updates', granted: false, templateCategory: 'utility' },
    ]);
    expect(record.business).to.deep.equal({ name: 'Blumen Berlin', privacyUrl: 'https://blumen.example/privacy' });
    expect(record.notice.sha256).to.equal(await sha256Hex(record.notice.text));
    const shown = visibleText(el);
    for (const line of record.notice.text.split('\n')) {
      expect(shown).to.contain(line.replace(/ <https:[^>]+>$/, ''));
    }
    expect(record.policy.profile).to.equal('gdpr'); // a German number
    expect(record.policy.checks.map((c) => c.id)).to.include.members(['business-named', 'affirmative-action', 'opt-out-explained']);

    const verified = await verifyConsentRecord(record);
    expect(verified.ok, JSON.stringify(verified)).to.equal(true);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.contain('Thank you');
    await expect(el).to.be.accessible();
  });

  it('signs later records from the same device with the same key', async () => {
    const lane = await openReceiverLane();
    const thumbprints: string[] = [];
    for (let i = 0; i < 2; i++) {
      const el = await basicForm(lane);
      await typeNumber(el, '+44 7400 123456');
      await tick(el, 'order-updates');
      const done = oneEvent(el, 'optin-success');
      submit(el);
      const { detail } = await done;
      const verified = await verifyConsentRecord(detail.record);
      if (!verified.ok) throw new Error(JSON.stringify(verified.errors));
      thumbprints.push(verified.keyThumbprint);
    }
    expect(thumbprints[0]).to.equal(thumbprints[1]);
    expect((await lane.posts()).map((post) => post.status)).to.deep.equal([201, 201]);
  });

  it('sends nothing when optin-submit is cancelled', async () => {
    const lane = await openReceiverLane();
    const el = await basicForm(lane);
    const cancel = (e: Event) => e.preventDefault();
    el.addEventListener('optin-submit', cancel);
    await typeNumber(el, '01512 3456789');
    await tick(el, 'offers');
    const submitted = oneEvent(el, 'optin-submit');
    submit(el);
    await submitted;
    await el.updateComplete;
    expect(el.submissionStatus).to.equal('idle');
    el.removeEventListener('optin-submit', cancel);
    await expectOnlyPostIs(lane, el);
  });

  it('tells the page when the receiver refuses the record', async () => {
    const lane = await openReceiverLane();
    const el = await basicForm(lane);
    // Only bots fill the hidden field: the real receiver refuses the record (422 looks-automated).
    const honeypot = shadow(el).querySelector('input[name="website"]') as HTMLInputElement;
    honeypot.value = 'https://spam.example';
    honeypot.dispatchEvent(new InputEvent('input'));
    await typeNumber(el, '01512 3456789');
    await tick(el, 'offers');
    const failed = oneEvent(el, 'optin-error');
    submit(el);
    const { detail } = await failed;
    expect(detail.status).to.equal(422);
    expect(detail.message).to.contain('nothing was stored');
    expect((await lane.posts()).map((post) => post.status)).to.deep.equal([422]);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.contain('could not save');
    await expect(el).to.be.accessible();
  });

  it('shows the page author what is missing instead of a form, and never throws', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await fixture<OptinForm>(html`<optin-form categories="offers,nonsense"></optin-form>`);
      await el.updateComplete;
      expect(shadow(el).querySelector('form')).to.equal(null);
      const notice = shadow(el).querySelector('[part="config-notice"]')!;
      expect(notice.textContent).to.contain('business-name');
      expect(notice.textContent).to.contain('endpoint');
      expect(notice.textContent).to.contain('nonsense');
      expect(el.configurationProblems.map((p) => p.attribute)).to.have.members(['business-name', 'endpoint', 'categories']);
      expect(errors.join('\n')).to.contain('business-name is required');
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });
});
