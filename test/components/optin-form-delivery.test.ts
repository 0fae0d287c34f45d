import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { listDeadLetters, listPendingRecords } from '../../src/client/enqueue-record.js';
import { type LaneModes, openReceiverLane, postedIds, type ReceiverLane } from '../support/receiver-lane.js';

interface Echo {
  status: string;
  received: { url: string; headers: Record<string, string>; body: string };
}

/** The URLs this page fetched since `since` (Resource Timing: nothing stands between the page and the network). */
function fetchedSince(since: number): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= since && (entry as PerformanceResourceTiming).initiatorType === 'fetch')
    .map((entry) => entry.name);
}

const shadow = (el: Element) => el.shadowRoot!;
const phoneOf = (form: OptinForm) => shadow(form).querySelector('optin-phone-input') as OptinPhoneInput;
const statusText = (form: OptinForm) => shadow(form).querySelector('[part="status"]')!.textContent ?? '';

async function fillAndSubmit(form: OptinForm) {
  const input = shadow(phoneOf(form)).querySelector('input') as HTMLInputElement;
  input.value = '01512 3456789';
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phoneOf(form).updateComplete;
  (shadow(form).querySelector('#category-offers') as HTMLInputElement).click();
  await form.updateComplete;
  (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
}

async function form(endpoint: string, extra = '', nonceUrl = '') {
  const el = await fixture<OptinForm>(html`<optin-form
    business-name=${extra || 'Blumen Berlin'}
    endpoint=${endpoint}
    nonce-url=${nonceUrl}
    categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy"
    default-country="DE"
    lang="en"
  ></optin-form>`);
  await el.updateComplete;
  return el;
}

/** A form posting to its own lane of the real receiver. */
async function laneForm(modes: LaneModes = {}, nonceUrl = ''): Promise<{ el: OptinForm; lane: ReceiverLane }> {
  const lane = await openReceiverLane(modes);
  return { el: await form(lane.endpoint, '', nonceUrl), lane };
}

const fillHoneypot = (el: OptinForm) => {
  const honeypot = shadow(el).querySelector('input[name="website"]') as HTMLInputElement;
  honeypot.value = 'https://spam.example';
  honeypot.dispatchEvent(new InputEvent('input'));
};

describe('<optin-form> delivery', () => {
  it('says the record is saved and will be sent when the receiver is unavailable, then shows success once delivered', async () => {
    const { el, lane } = await laneForm({ consents: 'unavailable' });
    const queued = oneEvent(el, 'optin-queued');
    const delivered = oneEvent(el, 'optin-success');
    await fillAndSubmit(el);
    const { detail } = await queued;
    expect(detail.status).to.equal(503);
    expect(detail.durable).to.equal(true);
    expect(['indexeddb', 'local-storage']).to.include(detail.storage);
    await el.updateComplete;
    expect(el.submissionStatus).to.equal('queued');
    expect(statusText(el)).to.contain('Saved on this device');
    const pending = await listPendingRecords();
    expect(pending.map((entry) => entry.id)).to.include(detail.record.id);
    // The receiver comes back: the outbox's next attempt gets through.
    await lane.set({ consents: 'pass' });
    const success = await delivered;
    expect(success.detail.record.id).to.equal(detail.record.id);
    expect(success.detail.response).to.include({ status: 'stored', id: detail.record.id });
    const posts = await lane.posts();
    expect(posts.map((post) => post.status).slice(-1)).to.deep.equal([201]);
    expect(
      posts.slice(0, -1).every((post) => post.status === 503),
      'refused by the lane until it passed',
    ).to.equal(true);
    expect(new Set(posts.map((post) => post.body)).size, 'every attempt sends the same bytes').to.equal(1);
    await el.updateComplete;
    expect(statusText(el)).to.contain('Thank you');
    expect((await listPendingRecords()).map((entry) => entry.id)).to.not.include(detail.record.id, 'acknowledged records leave the device');
    await expect(el).to.be.accessible();
  });

  it('keeps the record when the receiver cannot be reached at all, and sends it once it can', async () => {
    const { el, lane } = await laneForm({ consents: 'unreachable' });
    const queued = oneEvent(el, 'optin-queued');
    const delivered = oneEvent(el, 'optin-success');
    await fillAndSubmit(el);
    const { detail } = await queued;
    expect(detail.status, 'a network error').to.equal(0);
    await lane.set({ consents: 'pass' });
    await delivered;
    const posts = await lane.posts();
    expect(posts.filter((post) => post.status === 201).map((post) => post.idempotencyKey)).to.deep.equal([detail.record.id]);
    expect(
      posts.slice(0, -1).every((post) => post.status === 0),
      'dropped until the lane passed',
    ).to.equal(true);
  });

  it('moves a record the receiver refuses to the dead letters and tells the page', async () => {
    const { el, lane } = await laneForm();
    // Only bots fill the hidden field: the real receiver refuses the record for good (422).
    fillHoneypot(el);
    const failed = oneEvent(el, 'optin-error');
    await fillAndSubmit(el);
    const { detail } = await failed;
    expect(detail.status).to.equal(422);
    expect((await lane.posts()).map((post) => post.status)).to.deep.equal([422]);
    const dead = await listDeadLetters();
    expect(dead.map((entry) => entry.id)).to.include(detail.record!.id);
  });

  it('puts a nonce from the receiver into the record before signing, and the receiver accepts it', async () => {
    const { el, lane } = await laneForm();
    const done = oneEvent(el, 'optin-success');
    await fillAndSubmit(el);
    const { detail } = await done;
    const requests = await lane.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal(['GET /consents/nonce 200', 'POST /consents 201']);
    expect(detail.record.nonce).to.match(/^[A-Za-z0-9_-]{16,128}$/);
    expect((await verifyConsentRecord(detail.record)).ok).to.equal(true);
  });

  const nonceFaults: Array<{ mode: 'unreachable' | 'absent' | 'unavailable' | 'garbled'; reason: string; why: string }> = [
    { mode: 'unreachable', reason: 'offline', why: 'the device was offline' },
    { mode: 'absent', reason: 'not-offered', why: 'the endpoint offers no nonces (404)' },
    { mode: 'unavailable', reason: 'failed', why: 'the nonce request failed (503)' },
    { mode: 'garbled', reason: 'failed', why: 'the answer was not a nonce' },
  ];
  for (const { mode, reason, why } of nonceFaults) {
    it(`marks a record signed without a nonce "${reason}" when ${why}, and the receiver stores it`, async () => {
      const { el, lane } = await laneForm({ nonce: mode });
      const done = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      const { detail } = await done;
      expect(detail.record.nonce).to.equal(undefined);
      expect(detail.record.nonceUnavailable).to.equal(reason);
      expect(await lane.nonceRequests()).to.have.length.greaterThan(0);
      expect((await lane.posts()).map((post) => post.status)).to.deep.equal([201]);
    });
  }

  it('asks for no nonce at all with nonce-url="none", and says nothing about one in the record', async () => {
    const { el, lane } = await laneForm({}, 'none');
    expect(el.nonceUrl).to.equal('none');
    const done = oneEvent(el, 'optin-success');
    await fillAndSubmit(el);
    const { detail } = await done;
    expect(detail.record.nonce).to.equal(undefined);
    expect(detail.record.nonceUnavailable).to.equal(undefined);
    const requests = await lane.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal(['POST /consents 201']);
  });

  it('does not ask a third-party webhook for a nonce unless nonce-url says where', async () => {
    const since = performance.now();
    const el = await form('/test-endpoint/ok/hooks/opt-in');
    const done = oneEvent(el, 'optin-success');
    await fillAndSubmit(el);
    const { detail } = await done;
    expect(fetchedSince(since).filter((url) => url.includes('nonce'))).to.deep.equal([]);
    expect(detail.record.nonce).to.equal(undefined);
    expect(detail.record.nonceUnavailable).to.equal(undefined);

    el.remove();
    const lane = await openReceiverLane();
    const withUrl = await form('/test-endpoint/ok/hooks/opt-in', '', `${lane.endpoint}/nonce`);
    const sent = oneEvent(withUrl, 'optin-success');
    await fillAndSubmit(withUrl);
    const withNonce = (await sent).detail.record as ConsentRecord;
    expect(await lane.nonceRequests()).to.have.length(1);
    expect(withNonce.nonce).to.match(/^[A-Za-z0-9_-]{16,128}$/);
  });

  it('records the fill time and a filled honeypot, so the receiver can refuse bots', async () => {
    const { el, lane } = await laneForm();
    const honeypot = shadow(el).querySelector('input[name="website"]') as HTMLInputElement;
    expect(honeypot.closest('[aria-hidden="true"]')).to.not.equal(null);
    expect(honeypot.tabIndex).to.equal(-1);
    fillHoneypot(el);
    const failed = oneEvent(el, 'optin-error');
    await fillAndSubmit(el);
    const { detail } = await failed;
    expect(detail.record!.collection.honeypot).to.equal(true);
    expect(detail.record!.collection.fillMs).to.be.a('number');
    expect((detail.response as { error: { code: string } }).error.code).to.equal('looks-automated');
    expect(await postedIds(lane)).to.deep.equal([detail.record!.id]);
    await expect(el).to.be.accessible();
  });

  it('lets JavaScript add headers and wrap the body through prepareRequest, keeping the signed record intact', async () => {
    // A third-party webhook (the test server's echo route), not optin-elements' receiver.
    const el = await form('/test-endpoint/ok/hooks/opt-in');
    el.prepareRequest = ({ url, headers, record }) => ({
      url: `${url}?source=widget`,
      headers: { ...headers, Authorization: 'Bearer static-token' },
      body: JSON.stringify({ event: 'opt-in', data: record }),
    });
    const done = oneEvent(el, 'optin-success');
    await fillAndSubmit(el);
    const { detail } = await done;
    const { received } = detail.response as Echo;
    expect(received.url).to.equal('/test-endpoint/ok/hooks/opt-in?source=widget');
    expect(received.headers.authorization).to.equal('Bearer static-token');
    const wrapped = JSON.parse(received.body) as { event: string; data: ConsentRecord };
    expect(wrapped.event).to.equal('opt-in');
    expect(wrapped.data).to.deep.equal(detail.record);
    expect((await verifyConsentRecord(wrapped.data)).ok).to.equal(true);
  });

  it('shows attribute values containing HTML as text', async () => {
    const el = await form('/receiver/consents', '<img src=x onerror="window.__pwned=1">Blumen');
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect(shadow(el).querySelector('[part="lead"]')!.textContent).to.contain('<img src=x onerror="window.__pwned=1">Blumen');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('stays visible and usable under hostile page CSS', async () => {
    const style = document.createElement('style');
    style.textContent = `
      button, input, form, fieldset, label, p, span, [part] { display: none !important; opacity: 0 !important; }
      * { margin: 40px; letter-spacing: 4px; pointer-events: auto; }
      body { font: 30px cursive; color: transparent; }`;
    document.head.append(style);
    try {
      const { el, lane } = await laneForm();
      const button = shadow(el).querySelector('[part="submit"]') as HTMLButtonElement;
      expect(button.getBoundingClientRect().width).to.be.greaterThan(0);
      expect(getComputedStyle(button).opacity).to.equal('1');
      expect(getComputedStyle(shadow(el).querySelector('#category-offers')!).display).to.not.equal('none');
      const done = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      const { detail } = await done;
      expect(await postedIds(lane)).to.deep.equal([detail.record.id]);
    } finally {
      style.remove();
    }
  });
});

describe('<optin-form> without durable storage', () => {
  it('still sends the record from memory when storage refuses it, and says it is not durable', async () => {
    const originalPut = IDBObjectStore.prototype.put;
    const originalSetItem = Storage.prototype.setItem;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    };
    Storage.prototype.setItem = function () {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    };
    try {
      const { el, lane } = await laneForm();
      const queued = oneEvent(el, 'optin-queued');
      const delivered = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      const { detail } = await queued;
      expect(detail.storage).to.equal('memory');
      expect(detail.durable).to.equal(false);
      await delivered;
      expect(await postedIds(lane)).to.deep.equal([detail.record.id]);
    } finally {
      IDBObjectStore.prototype.put = originalPut;
      Storage.prototype.setItem = originalSetItem;
    }
  });
});

describe('<optin-form> clicks', () => {
  it('makes one record from a double click', async () => {
    const { el, lane } = await laneForm();
    const submits: string[] = [];
    el.addEventListener('optin-submit', (e) => submits.push(e.detail.record.id));
    const done = oneEvent(el, 'optin-success');
    await fillAndSubmit(el);
    (shadow(el).querySelector('[part="submit"]') as HTMLButtonElement).click();
    await done;
    expect(submits).to.have.length(1);
    expect(await postedIds(lane)).to.deep.equal(submits);
  });

  it('shows "sending" while the receiver has not answered, and a click meanwhile makes no second record', async () => {
    const { el, lane } = await laneForm({ consents: 'hold' });
    const submits: string[] = [];
    el.addEventListener('optin-submit', (e) => submits.push(e.detail.record.id));
    const done = oneEvent(el, 'optin-success');
    await fillAndSubmit(el);
    await waitUntil(async () => (await lane.held()) === 1, 'the record reached the receiver and is held there');
    await el.updateComplete;
    expect(el.submissionStatus).to.equal('sending');
    (shadow(el).querySelector('[part="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    await lane.release();
    await done;
    expect(submits).to.have.length(1);
    expect(await postedIds(lane)).to.deep.equal(submits);
    expect((await lane.posts()).map((post) => post.status)).to.deep.equal([201]);
  });
});
