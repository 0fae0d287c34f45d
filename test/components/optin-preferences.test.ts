import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { OptinPreferences } from '../../src/components/optin-preferences/optin-preferences.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { openReceiverLane, postedIds } from '../support/receiver-lane.js';
import { auditOf, grantedMap, issuePreferenceToken, RECEIVER_ENDPOINT, storeSignedRecord, uniquePhone } from '../support/test-receiver.js';

/**
 * Answers the state route with `token-expired` for one test, as the receiver does once a
 * link's time is up (a token cannot be made to expire from the browser); every other request
 * goes to the real receiver. The real expiry check runs in the Node and end-to-end tests.
 */
function answerTokenExpired(): { stateRequests: string[]; restore: () => void } {
  const original = window.fetch;
  const stateRequests: string[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!String(input).endsWith('/preferences')) return original(input, init);
    stateRequests.push(String(input));
    return new Response(JSON.stringify({ error: { code: 'token-expired', message: 'the preference link has expired' } }), {
      status: 401,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { stateRequests, restore: () => (window.fetch = original) };
}

const shadow = (el: Element) => el.shadowRoot!;
const button = (el: OptinPreferences, name: RegExp) =>
  [...shadow(el).querySelectorAll('button')].find((b) => name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''));
const categoryState = (el: OptinPreferences, id: string) => shadow(el).querySelector(`[data-category="${id}"] [part="category-state"]`)?.textContent?.trim();
const visibleText = (el: OptinPreferences) => (shadow(el).textContent ?? '').replace(/\s+/g, ' ');

async function preferences(attributes: { token?: string; phone?: string; endpoint?: string } = {}) {
  const el = await fixture<OptinPreferences>(html`<optin-preferences
    endpoint=${attributes.endpoint ?? RECEIVER_ENDPOINT}
    business-name="Blumen Berlin"
    categories="offers,order-updates"
    default-country="DE"
    lang="en"
    token=${attributes.token ?? ''}
    phone=${attributes.phone ?? ''}
  ></optin-preferences>`);
  return el;
}

async function loaded(el: OptinPreferences) {
  await waitUntil(() => el.preferenceTokenStatus !== 'loading', 'state did not load');
  await el.updateComplete;
}

async function click(el: OptinPreferences, name: RegExp) {
  const target = button(el, name);
  expect(target, `button ${name}`).to.exist;
  const done = Promise.race([oneEvent(el, 'optin-success'), oneEvent(el, 'optin-error')]);
  target!.click();
  return done;
}

describe('<optin-preferences>', () => {
  const BOTH_GRANTED = [
    { id: 'offers', label: 'Offers and promotions', granted: true },
    { id: 'order-updates', label: 'Order updates', granted: true },
  ];

  it('with a valid token, reads the state from the receiver and shows each category as receiving or stopped', async () => {
    const phone = uniquePhone();
    await storeSignedRecord({
      subject: { phone },
      categories: [
        { id: 'offers', label: 'Offers and promotions', granted: true },
        { id: 'order-updates', label: 'Order updates', granted: false },
      ],
    });
    const el = await preferences({ token: await issuePreferenceToken({ phone }) });
    await loaded(el);
    expect(el.preferenceTokenStatus).to.equal('valid');
    expect(categoryState(el, 'offers')).to.equal('receiving');
    expect(categoryState(el, 'order-updates')).to.equal('stopped');
    expect(button(el, /Stop “Offers and promotions”/)).to.exist;
    expect(button(el, /Resume “Order updates”/)).to.exist;
    expect(shadow(el).querySelector('optin-phone-input'), 'the token names the subject').to.equal(null);
  });

  it('stops one category with one signed preferences record of the whole chosen state, then shows the state the receiver derived', async () => {
    const phone = uniquePhone();
    await storeSignedRecord({ subject: { phone }, categories: BOTH_GRANTED });
    const el = await preferences({ token: await issuePreferenceToken({ phone }) });
    await loaded(el);
    const loadedAgain = oneEvent(el, 'optin-preferences-loaded');
    const event = await click(el, /Stop “Offers and promotions”/);
    expect(event.type).to.equal('optin-success');
    await loadedAgain;
    const audit = await auditOf(phone);
    expect(audit.entries.map((e) => e.kind)).to.deep.equal(['opt-in', 'preferences']);
    const record = audit.entries[1].record;
    expect(audit.entries[1].verification.ok, 'signed, stored and receipted').to.equal(true);
    expect(record.subject).to.deep.equal({ phone });
    expect(record.categories).to.deep.equal([
      { id: 'offers', label: 'Offers and promotions', granted: false },
      { id: 'order-updates', label: 'Order updates', granted: true },
    ]);
    expect(record.notice.text).to.contain('Your messages from Blumen Berlin on WhatsApp');
    expect(record.notice.text).to.contain('Offers and promotions: discounts, sales and new products — receiving');
    expect(grantedMap(audit.state!.categories)).to.deep.equal({ offers: false, 'order-updates': true });
    await el.updateComplete;
    expect(categoryState(el, 'offers')).to.equal('stopped');
    expect(button(el, /Resume “Offers and promotions”/)).to.exist;
    expect(el.saveState).to.equal('saved');
  });

  it('stops everything with one opt-out record, and resumes one category after', async () => {
    const phone = uniquePhone();
    await storeSignedRecord({ subject: { phone }, categories: BOTH_GRANTED });
    const el = await preferences({ token: await issuePreferenceToken({ phone }) });
    await loaded(el);
    await click(el, /^\s*Stop everything\s*$/);
    await el.updateComplete;
    expect(visibleText(el)).to.contain('You will no longer receive any messages from Blumen Berlin');
    expect(categoryState(el, 'offers')).to.equal('stopped');
    expect(categoryState(el, 'order-updates')).to.equal('stopped');
    expect(grantedMap((await auditOf(phone)).state!.categories)).to.deep.equal({ offers: false, 'order-updates': false });

    await click(el, /Resume “Order updates”/);
    await waitUntil(() => categoryState(el, 'order-updates') === 'receiving', 'the resumed state is shown');
    const audit = await auditOf(phone);
    expect(audit.entries.map((e) => e.kind)).to.deep.equal(['opt-in', 'opt-out', 'preferences']);
    expect(audit.entries[1].record.categories.map((c) => c.granted)).to.deep.equal([false, false]);
    expect(grantedMap(audit.state!.categories)).to.deep.equal({ offers: false, 'order-updates': true });
    for (const entry of audit.entries) expect(entry.verification.ok).to.equal(true);
    expect(audit.chain.ok).to.equal(true);
  });

  it('says an expired link has expired, shows no state, and still lets the person stop', async () => {
    const expired = answerTokenExpired();
    const phoneNumber = uniquePhone();
    try {
      const el = await preferences({ token: 'an-expired-token' });
      await loaded(el);
      expect(expired.stateRequests).to.have.length(1);
      expect(el.preferenceTokenStatus).to.equal('expired');
      expect(shadow(el).querySelector('[part="notice"]')?.textContent).to.contain('expired');
      expect(categoryState(el, 'offers')).to.equal(undefined);
      expect(button(el, /Resume/)).to.equal(undefined);
      const phone = shadow(el).querySelector('optin-phone-input') as OptinPhoneInput;
      expect(phone, 'the person enters the number to stop').to.exist;
      const input = shadow(phone).querySelector('input') as HTMLInputElement;
      input.value = phoneNumber;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await phone.updateComplete;
      await click(el, /^\s*Stop everything\s*$/);
    } finally {
      expired.restore();
    }
    const audit = await auditOf(phoneNumber);
    expect(audit.entries.map((e) => e.kind)).to.deep.equal(['opt-out']);
    expect(audit.entries[0].verification.ok).to.equal(true);
  });

  it('without a token reads nothing, and stopping one category states only that category', async () => {
    const phone = uniquePhone();
    await storeSignedRecord({ subject: { phone }, categories: BOTH_GRANTED });
    const lane = await openReceiverLane();
    const el = await preferences({ phone, endpoint: lane.endpoint });
    await el.updateComplete;
    expect(categoryState(el, 'offers')).to.equal(undefined);
    expect(visibleText(el)).not.to.match(/receiving|stopped/);
    expect(button(el, /Resume/)).to.equal(undefined);

    await click(el, /Stop “Order updates”/);
    const requests = await lane.requests();
    expect(
      requests.filter((r) => r.path.includes('/preferences')),
      'no state is ever requested',
    ).to.deep.equal([]);
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal(['POST /consents 201']);
    await el.updateComplete;
    expect(categoryState(el, 'order-updates'), 'what the visitor did, nothing more').to.equal('stopped');
    expect(categoryState(el, 'offers')).to.equal(undefined);
    const audit = await auditOf(phone);
    expect(audit.entries.map((e) => e.kind)).to.deep.equal(['opt-in', 'preferences']);
    expect(audit.entries[1].record.categories).to.deep.equal([{ id: 'order-updates', label: 'Order updates', granted: false }]);
    expect(audit.entries[1].verification.ok).to.equal(true);
    expect(grantedMap(audit.state!.categories)).to.deep.equal({ offers: true, 'order-updates': false });
  });

  it('refuses to stop without a valid number, with the message by the field, and sends nothing', async () => {
    const el = await preferences();
    button(el, /^\s*Stop everything\s*$/)!.click();
    await el.updateComplete;
    const phone = shadow(el).querySelector('optin-phone-input') as OptinPhoneInput;
    await phone.updateComplete;
    const input = shadow(phone).querySelector('input') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.saveState, 'nothing was sent').to.equal('idle');
  });

  it('keeps a change the receiver cannot take yet on the device and delivers it once, through the outbox', async () => {
    const lane = await openReceiverLane({ consents: 'unavailable' });
    const el = await fixture<OptinPreferences>(html`<optin-preferences endpoint=${lane.endpoint} business-name="Blumen Berlin"
      categories="offers,order-updates" lang="en" phone=${uniquePhone()}></optin-preferences>`);
    const queued = oneEvent(el, 'optin-queued');
    const stored = oneEvent(el, 'optin-success');
    button(el, /^\s*Stop everything\s*$/)!.click();
    const first = await queued;
    await el.updateComplete;
    expect(first.detail.record.kind).to.equal('opt-out');
    // The receiver comes back: the outbox's next attempt gets through, and only that one is stored.
    await lane.set({ consents: 'pass' });
    const delivered = await stored;
    const posts = await lane.posts();
    expect(posts.filter((post) => post.status === 201).map((post) => post.idempotencyKey)).to.deep.equal([first.detail.record.id]);
    expect(await postedIds(lane)).to.satisfy((ids: string[]) => ids.every((id) => id === first.detail.record.id), 'one record, sent again');
    expect(delivered.detail.record.id).to.equal(first.detail.record.id);
    await el.updateComplete;
    expect(el.saveState).to.equal('saved');
    expect(categoryState(el, 'offers')).to.equal('stopped');
  });

  it('shows the page author what is missing instead of the controls, and never throws', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await fixture<OptinPreferences>(html`<optin-preferences categories="offers" phone="0151" lang="en"></optin-preferences>`);
      const notice = shadow(el).querySelector('[part="config-notice"]');
      expect(notice?.textContent).to.contain('endpoint');
      expect(notice?.textContent).to.contain('business-name');
      expect(notice?.textContent).to.contain('phone');
      expect(shadow(el).querySelector('button')).to.equal(null);
      expect(errors.join('\n')).to.contain('<optin-preferences> is not set up correctly');
    } finally {
      console.error = original;
    }
  });

  it("never shows a label or a category a stranger's record carried: only what the page and the receiver's registry name", async () => {
    const phone = uniquePhone();
    await storeSignedRecord({ subject: { phone }, categories: BOTH_GRANTED });
    // A stranger's genuinely signed opt-out for this number, with a lure label and an invented row.
    await storeSignedRecord({
      kind: 'opt-out',
      subject: { phone },
      categories: [
        { id: 'offers', label: 'You won a prize! Call +1 900 555 0100', granted: false },
        { id: 'call-us', label: 'Call +1 900 555 0100 to keep your account', granted: false },
      ],
    });
    const el = await preferences({ token: await issuePreferenceToken({ phone }) });
    await loaded(el);
    expect(el.preferenceTokenStatus).to.equal('valid');
    expect(categoryState(el, 'offers')).to.equal('stopped', 'the withdrawal itself is honoured');
    expect(visibleText(el)).to.not.contain('900 555 0100');
    expect(shadow(el).querySelector('[data-category="call-us"]')).to.equal(null);
  });
});
