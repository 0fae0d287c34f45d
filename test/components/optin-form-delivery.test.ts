import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentRecord } from '../../src/core/consent-record.js';
import { verifyConsentRecord } from '../../src/core/verify-consent-record.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import { listDeadLetters, listPendingRecords } from '../../src/client/enqueue-record.js';

interface Call {
  method: string;
  url: string;
  body: string;
}

interface Echo {
  status: string;
  received: { url: string; headers: Record<string, string>; body: string };
}

/**
 * Watches this page's requests; with `nonce: 'offline'` the nonce request fails as it would
 * offline. Records are answered by the test server's /test-endpoint/ routes (see
 * test/support/test-endpoints.mjs), so a record gets the same answer whichever page sends it.
 */
function watchNetwork(options: { nonce?: 'offline' } = {}) {
  const original = window.fetch;
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ method, url: String(input), body: String(init?.body) });
    if (method === 'GET' && options.nonce === 'offline') throw new TypeError('Failed to fetch');
    return original(input, init);
  };
  return { calls, posts: () => calls.filter((c) => c.method === 'POST'), restore: () => (window.fetch = original) };
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

async function form(endpoint = '/test-endpoint/ok/consents', extra = '') {
  const el = await fixture<OptinForm>(html`<optin-form
    business-name=${extra || 'Blumen Berlin'}
    endpoint=${endpoint}
    categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy"
    default-country="DE"
    lang="en"
  ></optin-form>`);
  await el.updateComplete;
  return el;
}

describe('<optin-form> delivery', () => {
  it('says the record is saved and will be sent when the first attempt fails, then shows success once delivered', async () => {
    const net = watchNetwork();
    try {
      const el = await form('/test-endpoint/flaky/consents');
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
      const success = await delivered;
      expect(success.detail.record.id).to.equal(detail.record.id);
      const [first] = net.posts();
      expect((success.detail.response as Echo).received.body).to.equal(first.body, 'the retry sends the same bytes');
      await el.updateComplete;
      expect(statusText(el)).to.contain('Thank you');
      expect((await listPendingRecords()).map((entry) => entry.id)).to.not.include(detail.record.id, 'acknowledged records leave the device');
      await expect(el).to.be.accessible();
    } finally {
      net.restore();
    }
  });

  it('moves a refused record to the dead letters and tells the page', async () => {
    const net = watchNetwork();
    try {
      const el = await form('/test-endpoint/refuse/consents');
      const failed = oneEvent(el, 'optin-error');
      await fillAndSubmit(el);
      const { detail } = await failed;
      expect(detail.status).to.equal(422);
      const dead = await listDeadLetters();
      expect(dead.map((entry) => entry.id)).to.include(detail.record!.id);
    } finally {
      net.restore();
    }
  });

  it('puts a nonce from the receiver into the record before signing', async () => {
    const net = watchNetwork();
    try {
      const el = await form('/test-endpoint/ok/consents');
      const done = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      const { detail } = await done;
      expect(net.calls[0].method).to.equal('GET');
      expect(net.calls[0].url).to.equal(new URL('/test-endpoint/ok/consents/nonce', location.href).href);
      expect(detail.record.nonce).to.equal('n0nce-from-the-receiver-0123456789');
      expect((await verifyConsentRecord(detail.record)).ok).to.equal(true);
    } finally {
      net.restore();
    }
  });

  it('marks a record signed without a nonce because the device was offline', async () => {
    const net = watchNetwork({ nonce: 'offline' });
    try {
      const el = await form('/test-endpoint/ok/consents');
      const done = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      const { detail } = await done;
      expect(detail.record.nonce).to.equal(undefined);
      expect(detail.record.nonceUnavailable).to.equal('offline');
    } finally {
      net.restore();
    }
  });

  it('does not ask a third-party webhook for a nonce unless nonce-url says where', async () => {
    const net = watchNetwork();
    try {
      const el = await form('/test-endpoint/ok/hooks/opt-in');
      const done = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      const { detail } = await done;
      expect(net.calls.every((c) => c.method === 'POST')).to.equal(true);
      expect(detail.record.nonce).to.equal(undefined);
      expect(detail.record.nonceUnavailable).to.equal(undefined);

      el.remove();
      const withUrl = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/test-endpoint/ok/hooks/opt-in" nonce-url="/my-nonce"
        categories="offers" privacy-url="https://blumen.example/privacy" default-country="DE" lang="en"></optin-form>`);
      await waitUntil(() => net.calls.some((c) => c.method === 'GET' && c.url.endsWith('/my-nonce')), 'asks nonce-url');
      expect(withUrl.nonceUrl).to.equal('/my-nonce');
    } finally {
      net.restore();
    }
  });

  it('records the fill time and a filled honeypot, so the receiver can ignore bots', async () => {
    const net = watchNetwork();
    try {
      const el = await form();
      const honeypot = shadow(el).querySelector('input[name="website"]') as HTMLInputElement;
      expect(honeypot.closest('[aria-hidden="true"]')).to.not.equal(null);
      expect(honeypot.tabIndex).to.equal(-1);
      honeypot.value = 'https://spam.example';
      honeypot.dispatchEvent(new InputEvent('input'));
      const done = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      const { detail } = await done;
      expect(detail.record.collection.honeypot).to.equal(true);
      expect(detail.record.collection.fillMs).to.be.a('number');
      await expect(el).to.be.accessible();
    } finally {
      net.restore();
    }
  });

  it('lets JavaScript add headers and wrap the body through prepareRequest, keeping the signed record intact', async () => {
    const net = watchNetwork();
    try {
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
    } finally {
      net.restore();
    }
  });

  it('shows attribute values containing HTML as text', async () => {
    const net = watchNetwork();
    try {
      const el = await form(undefined, '<img src=x onerror="window.__pwned=1">Blumen');
      expect(shadow(el).querySelector('img')).to.equal(null);
      expect(shadow(el).querySelector('[part="lead"]')!.textContent).to.contain('<img src=x onerror="window.__pwned=1">Blumen');
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    } finally {
      net.restore();
    }
  });

  it('stays visible and usable under hostile page CSS', async () => {
    const style = document.createElement('style');
    style.textContent = `
      button, input, form, fieldset, label, p, span, [part] { display: none !important; opacity: 0 !important; }
      * { margin: 40px; letter-spacing: 4px; pointer-events: auto; }
      body { font: 30px cursive; color: transparent; }`;
    document.head.append(style);
    const net = watchNetwork();
    try {
      const el = await form();
      const button = shadow(el).querySelector('[part="submit"]') as HTMLButtonElement;
      expect(button.getBoundingClientRect().width).to.be.greaterThan(0);
      expect(getComputedStyle(button).opacity).to.equal('1');
      expect(getComputedStyle(shadow(el).querySelector('#category-offers')!).display).to.not.equal('none');
      const done = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      await done;
    } finally {
      style.remove();
      net.restore();
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
      const el = await form('/test-endpoint/ok/consents');
      const queued = oneEvent(el, 'optin-queued');
      const delivered = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      const { detail } = await queued;
      expect(detail.storage).to.equal('memory');
      expect(detail.durable).to.equal(false);
      await delivered;
    } finally {
      IDBObjectStore.prototype.put = originalPut;
      Storage.prototype.setItem = originalSetItem;
    }
  });
});

describe('<optin-form> clicks', () => {
  it('makes one record from a double click', async () => {
    const net = watchNetwork();
    try {
      const el = await form('/test-endpoint/ok/consents');
      const submits: string[] = [];
      el.addEventListener('optin-submit', (e) => submits.push(e.detail.record.id));
      const done = oneEvent(el, 'optin-success');
      await fillAndSubmit(el);
      (shadow(el).querySelector('[part="submit"]') as HTMLButtonElement).click();
      await done;
      expect(submits).to.have.length(1);
      expect(net.posts()).to.have.length(1);
    } finally {
      net.restore();
    }
  });
});
