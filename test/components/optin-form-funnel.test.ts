import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { FunnelReportRow } from '../../src/core/notice/funnel-events.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { RECEIVER_ENDPOINT, uniquePhone } from '../support/test-receiver.js';

const shadow = (el: Element) => el.shadowRoot!;
const ADMIN = { Authorization: 'Bearer component-tests-admin-token-0123456789abcdef' };
/** A form id no other test or engine uses (the test receiver is shared). */
const uniqueFormId = (name: string) => `${name}-${Math.floor(Math.random() * 1e9)}`;

/** The page is being left: the browser fires pagehide, and the queued counts go out as a beacon. */
const leavePage = () => window.dispatchEvent(new PageTransitionEvent('pagehide'));

async function reportRow(form: string): Promise<FunnelReportRow | undefined> {
  const response = await fetch('/receiver/audit/funnel', { headers: ADMIN });
  return ((await response.json()) as { rows: FunnelReportRow[] }).rows.find((row) => row.form === form);
}

/** Watches what the page sends to /receiver/events (beacons and keepalive fetches). */
function watchEvents() {
  const bodies: string[] = [];
  const beacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
    if (String(url).includes('/events')) bodies.push(String(data));
    return beacon(url, data);
  };
  return { bodies, restore: () => (navigator.sendBeacon = beacon) };
}

describe('<optin-form events-url> (funnel report)', () => {
  it('counts the view and the submission of an inline form at the receiver, without any personal data', async () => {
    const id = uniqueFormId('spring');
    const watch = watchEvents();
    try {
      const phone = uniquePhone();
      const form = await fixture<OptinForm>(html`<optin-form id=${id} variant="b" events-url="/receiver/events" business-name="Blumen Berlin"
        endpoint=${RECEIVER_ENDPOINT} categories="offers" privacy-url="https://blumen.example/privacy" default-country="DE" lang="en"></optin-form>`);
      await form.updateComplete;
      const field = shadow(form).querySelector('optin-phone-input') as OptinPhoneInput;
      const input = shadow(field).querySelector('input') as HTMLInputElement;
      input.value = phone;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await field.updateComplete;
      (shadow(form).querySelector('#category-offers') as HTMLInputElement).click();
      await form.updateComplete;
      const succeeded = oneEvent(form, 'optin-success');
      (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
      await succeeded;
      // Batched: nothing is sent until the page is hidden or left.
      expect(watch.bodies.filter((body) => body.includes(id))).to.deep.equal([]);
      const sentEvents = () => watch.bodies.flatMap((body) => JSON.parse(body).events).filter((e: { form: string }) => e.form === id);
      // The counter's code loads on the first count; the page is left (again) until the batch went out.
      await waitUntil(() => (leavePage(), sentEvents().some((e: { type: string }) => e.type === 'submit')), 'no batch sent on pagehide', { timeout: 10000 });
      expect(sentEvents()).to.deep.equal([
        { form: id, variant: 'b', type: 'view' },
        { form: id, variant: 'b', type: 'submit' },
      ]);
      for (const body of watch.bodies) expect(body).not.to.contain(phone.slice(1));
      await waitUntil(async () => (await reportRow(id))?.submissions === 1, 'the receiver never counted the batch', { timeout: 10000 });
      expect(await reportRow(id)).to.deep.equal({ form: id, variant: 'b', views: 1, dismissals: 0, submissions: 1, rate: 1 });
    } finally {
      watch.restore();
    }
  });

  it('counts each opening and each dismissal of a popup', async () => {
    const id = uniqueFormId('popup');
    const form = await fixture<OptinForm>(html`<optin-form id=${id} display="popup" events-url="/receiver/events" business-name="Blumen Berlin"
      endpoint=${RECEIVER_ENDPOINT} categories="offers" privacy-url="https://blumen.example/privacy" default-country="DE" lang="en" dismiss-days="0"></optin-form>`);
    await form.updateComplete;
    await form.open();
    form.close();
    await form.open();
    form.close();
    // The counter's code loads on the first count; the page is left (again) until its batch went out.
    await waitUntil(async () => (leavePage(), (await reportRow(id))?.dismissals === 2), 'the receiver never counted the popup', { timeout: 10000 });
    expect(await reportRow(id)).to.deep.equal({ form: id, variant: '', views: 2, dismissals: 2, submissions: 0, rate: 0 });
  });

  it('sends nothing without events-url (off by default)', async () => {
    const watch = watchEvents();
    try {
      const form = await fixture<OptinForm>(html`<optin-form id="no-report" business-name="Blumen Berlin" endpoint="/consents" categories="offers"
        privacy-url="https://blumen.example/privacy" default-country="DE" lang="en"></optin-form>`);
      await form.updateComplete;
      leavePage();
      expect(watch.bodies.filter((body) => body.includes('no-report'))).to.deep.equal([]);
    } finally {
      watch.restore();
    }
  });
});
