import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import type { OptinPreferences } from '../../src/components/optin-preferences/optin-preferences.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { auditOf, grantedMap, issuePreferenceToken, RECEIVER_ENDPOINT, storeSignedRecord, uniquePhone } from '../support/test-receiver.js';

interface StateRequest {
  url: string;
  authorization: string | null;
}

/**
 * Stands in for the receiver where the real one cannot be made to answer as
 * needed (an expired token, a 503): `GET …/preferences` answers the state for
 * `validToken` (or the error `tokenError`), `POST …/consents` records what
 * arrives. Every other test talks to the real receiver at /receiver/.
 */
function fakeReceiver(options: { validToken?: string; tokenError?: string; state?: Record<string, boolean>; failPosts?: number } = {}) {
  const original = window.fetch;
  const state = new Map(Object.entries(options.state ?? {}));
  const labels: Record<string, string> = { offers: 'Offers and promotions', 'order-updates': 'Order updates' };
  const posted: ConsentRecord[] = [];
  const stateRequests: StateRequest[] = [];
  let failPosts = options.failPosts ?? 0;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (url.endsWith('/preferences')) {
      stateRequests.push({ url, authorization: headers.get('Authorization') });
      if (options.tokenError) return json(401, { error: { code: options.tokenError, message: 'refused' } });
      if (headers.get('Authorization') !== `Bearer ${options.validToken}`) return json(401, { error: { code: 'token-invalid', message: 'no' } });
      return json(200, {
        subject: { phone: '+4915123456789' },
        categories: [...state].map(([id, granted]) => ({ id, label: labels[id] ?? id, granted, since: new Date().toISOString() })),
        confirmed: false,
      });
    }
    if (failPosts > 0) {
      failPosts--;
      return json(503, { error: { code: 'unavailable', message: 'try later' } });
    }
    const record = JSON.parse(String(init?.body)) as ConsentRecord;
    if (posted.some((r) => r.id === record.id)) return json(200, { status: 'duplicate', id: record.id });
    posted.push(record);
    if (record.kind === 'opt-out') for (const id of state.keys()) state.set(id, false);
    for (const category of record.categories) state.set(category.id, category.granted);
    return json(201, { status: 'stored', id: record.id });
  };
  return { posted, stateRequests, state, restore: () => (window.fetch = original) };
}

const shadow = (el: Element) => el.shadowRoot!;
const button = (el: OptinPreferences, name: RegExp) =>
  [...shadow(el).querySelectorAll('button')].find((b) => name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''));
const categoryState = (el: OptinPreferences, id: string) =>
  shadow(el).querySelector(`[data-category="${id}"] [part="category-state"]`)?.textContent?.trim();
const visibleText = (el: OptinPreferences) => (shadow(el).textContent ?? '').replace(/\s+/g, ' ');

async function preferences(attributes: { token?: string; phone?: string } = {}) {
  const el = await fixture<OptinPreferences>(html`<optin-preferences
    endpoint=${RECEIVER_ENDPOINT}
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
    const receiver = fakeReceiver({ tokenError: 'token-expired', state: { offers: true } });
    try {
      const el = await preferences({ token: 'old' });
      await loaded(el);
      expect(el.preferenceTokenStatus).to.equal('expired');
      expect(shadow(el).querySelector('[part="notice"]')?.textContent).to.contain('expired');
      expect(categoryState(el, 'offers')).to.equal(undefined);
      expect(button(el, /Resume/)).to.equal(undefined);
      const phone = shadow(el).querySelector('optin-phone-input') as OptinPhoneInput;
      expect(phone, 'the person enters the number to stop').to.exist;
      const input = shadow(phone).querySelector('input') as HTMLInputElement;
      input.value = '01512 3456789';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await phone.updateComplete;
      await click(el, /^\s*Stop everything\s*$/);
      expect(receiver.posted).to.have.length(1);
      expect(receiver.posted[0].kind).to.equal('opt-out');
      expect(receiver.posted[0].subject).to.deep.equal({ phone: '+4915123456789' });
    } finally {
      receiver.restore();
    }
  });

  it('without a token reads nothing, and stopping one category states only that category', async () => {
    const phone = uniquePhone();
    await storeSignedRecord({ subject: { phone }, categories: BOTH_GRANTED });
    const requests: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      requests.push(String(input));
      return original(input, init);
    };
    try {
      const el = await preferences({ phone });
      await el.updateComplete;
      expect(categoryState(el, 'offers')).to.equal(undefined);
      expect(visibleText(el)).not.to.match(/receiving|stopped/);
      expect(button(el, /Resume/)).to.equal(undefined);

      await click(el, /Stop “Order updates”/);
      expect(requests.filter((url) => url.includes('/preferences')), 'no state is ever requested').to.deep.equal([]);
      await el.updateComplete;
      expect(categoryState(el, 'order-updates'), 'what the visitor did, nothing more').to.equal('stopped');
      expect(categoryState(el, 'offers')).to.equal(undefined);
    } finally {
      window.fetch = original;
    }
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

  it('keeps a change that failed to send and sends the same record once with "Try again"', async () => {
    const receiver = fakeReceiver({ failPosts: 1 });
    try {
      const el = await preferences({ phone: '+4915123456789' });
      const failed = await click(el, /^\s*Stop everything\s*$/);
      expect(failed.type).to.equal('optin-error');
      await el.updateComplete;
      const firstId = (failed as CustomEvent<{ record: ConsentRecord }>).detail.record.id;
      const retry = shadow(el).querySelector('[part="retry"]') as HTMLButtonElement;
      expect(retry).to.exist;
      const done = oneEvent(el, 'optin-success');
      retry.click();
      await done;
      expect(receiver.posted.map((r) => r.id)).to.deep.equal([firstId]);
    } finally {
      receiver.restore();
    }
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
});
