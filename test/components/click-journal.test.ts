import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { clickJournalEntry } from '../../src/client/click-journal/click-journal-entry.js';
import { journalLockName, listClickJournal, readClickJournal, writeClickJournal } from '../../src/client/click-journal/click-journal.js';
import { finishClickJournal } from '../../src/client/click-journal/finish-click-journal.js';
import { listPendingRecords } from '../../src/client/enqueue-record.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import type { OptinPreferences } from '../../src/components/optin-preferences/optin-preferences.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { openReceiverLane, postedIds } from '../support/receiver-lane.js';

const shadow = (el: Element) => el.shadowRoot!;

async function filledForm(endpoint = '/receiver/consents'): Promise<OptinForm> {
  const form = await fixture<OptinForm>(html`<optin-form
    business-name="Blumen Berlin"
    endpoint=${endpoint}
    categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy"
    default-country="DE"
    lang="en"
  ></optin-form>`);
  await form.updateComplete;
  const phone = shadow(form).querySelector('optin-phone-input') as OptinPhoneInput;
  const input = shadow(phone).querySelector('input') as HTMLInputElement;
  input.value = '01512 3456789';
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phone.updateComplete;
  (shadow(form).querySelector('#category-offers') as HTMLInputElement).click();
  await form.updateComplete;
  return form;
}

/** Journal entries other than those a test left on purpose. */
const journalIds = () => listClickJournal();

describe('the click journal (a consent is on disk before the click handler yields)', () => {
  it('writes a Subscribe click to localStorage synchronously, and removes it once the signed record is in the outbox', async () => {
    const lane = await openReceiverLane();
    const form = await filledForm(lane.endpoint);
    const before = new Set(journalIds());
    const delivered = oneEvent(form, 'optin-success');
    (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
    // No await since the click: a tab closed here has the click on disk already.
    const written = journalIds().filter((id) => !before.has(id));
    expect(written, 'one journal entry, written inside the click').to.have.length(1);
    const entry = readClickJournal(written[0]!)!;
    expect(entry.endpoint).to.equal(new URL(lane.endpoint, location.href).href, 'resolved, so any page of the site finishes it');
    expect(entry.input.subject.phone).to.equal('+4915123456789');
    expect(entry.input.categories.find((c) => c.id === 'offers')?.granted).to.equal(true);
    const { detail } = await delivered;
    expect(detail.record.id).to.equal(written[0]);
    expect(detail.record.capturedAt).to.equal(entry.input.capturedAt);
    expect(journalIds()).to.not.include(written[0]);
    expect(await postedIds(lane)).to.deep.equal([detail.record.id]);
  });

  it('writes a Stop click in the preference centre synchronously too', async () => {
    const lane = await openReceiverLane();
    const prefs = await fixture<OptinPreferences>(html`<optin-preferences endpoint=${lane.endpoint} business-name="Blumen Berlin"
      categories="offers,order-updates" lang="en" phone="+4915123450001"></optin-preferences>`);
    await prefs.updateComplete;
    const before = new Set(journalIds());
    const delivered = oneEvent(prefs, 'optin-success');
    const stopAll = [...shadow(prefs).querySelectorAll('button')].find((b) => /Stop everything/.test(b.textContent ?? ''))!;
    stopAll.click();
    const written = journalIds().filter((id) => !before.has(id));
    expect(written).to.have.length(1);
    expect(readClickJournal(written[0]!)!.input.kind).to.equal('opt-out');
    const { detail } = await delivered;
    expect(detail.record.id).to.equal(written[0]);
    expect(journalIds()).to.not.include(written[0]);
    expect(await postedIds(lane)).to.deep.equal([detail.record.id]);
  });

  it('forgets the click when the page cancels optin-submit', async () => {
    const form = await filledForm();
    form.addEventListener('optin-submit', (e) => e.preventDefault());
    const before = journalIds().length;
    const submitted = oneEvent(form, 'optin-submit');
    (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
    expect(journalIds()).to.have.length(before + 1);
    await submitted;
    await waitUntil(() => journalIds().length === before, 'the cancelled click stayed in the journal');
  });

  it('signs and delivers, once, a click a closed page left in the journal, with its own id, time and text', async () => {
    const lane = await openReceiverLane();
    const id = crypto.randomUUID();
    const capturedAt = new Date(Date.now() - 2000);
    const entry = clickJournalEntry(new URL(lane.endpoint, location.href).href, {
      id,
      capturedAt,
      kind: 'opt-out',
      subject: { phone: '+4915123450002' },
      business: { name: 'Blumen Berlin', privacyUrl: null },
      channel: 'whatsapp',
      categories: [{ id: 'offers', label: 'Offers', granted: false }],
      notice: { locale: 'en', text: 'Stop everything from Blumen Berlin.' },
      source: 'website',
      pageUrl: location.href,
      policy: { profile: 'platform', checks: [] },
    });
    expect(writeClickJournal(entry)).to.equal(true);
    // Two finishing runs at once (two tabs loading): one signs, the other finds it locked or gone.
    await Promise.all([finishClickJournal(), finishClickJournal()]);
    expect(readClickJournal(id), 'the entry leaves the journal once the record is in the outbox').to.equal(undefined);
    await waitUntil(async () => !(await listPendingRecords()).some((e) => e.id === id), 'not delivered');
    await finishClickJournal();
    const posts = await lane.posts();
    expect(
      posts.map((post) => [post.idempotencyKey, post.status]),
      'POSTed once, and stored',
    ).to.deep.equal([[id, 201]]);
    const sent = JSON.parse(posts[0]!.body) as ConsentRecord;
    expect(sent.capturedAt).to.equal(capturedAt.toISOString());
    expect(sent.notice.text).to.equal('Stop everything from Blumen Berlin.');
    expect((await verifyConsentRecord(sent)).ok).to.equal(true);
  });

  it('leaves an entry alone while another page holds its lock (that page is still signing it)', async function () {
    if (!navigator.locks) this.skip();
    const lane = await openReceiverLane();
    const id = crypto.randomUUID();
    const entry = clickJournalEntry(new URL(lane.endpoint, location.href).href, {
      id,
      capturedAt: new Date(),
      kind: 'opt-in',
      subject: { phone: '+4915123450003' },
      business: { name: 'Blumen Berlin', privacyUrl: null },
      channel: 'whatsapp',
      categories: [{ id: 'offers', label: 'Offers', granted: true }],
      notice: { locale: 'en', text: 'Offers from Blumen Berlin.' },
      source: 'website',
      pageUrl: location.href,
      policy: { profile: 'platform', checks: [] },
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await new Promise<void>((granted) => void navigator.locks.request(journalLockName(id), () => (granted(), held)));
    writeClickJournal(entry);
    try {
      await finishClickJournal();
      expect(readClickJournal(id), 'still there for its owner').to.not.equal(undefined);
      expect(await lane.posts()).to.have.length(0);
      release();
      // The other page let go: wait until the browser has freed the lock, then a page load finishes the entry.
      await navigator.locks.request(journalLockName(id), () => undefined);
      await finishClickJournal();
      expect(readClickJournal(id)).to.equal(undefined);
      await waitUntil(async () => (await postedIds(lane)).includes(id), 'not sent after the lock was released');
    } finally {
      release();
    }
  });

  it('still sends the consent when localStorage throws (private mode, quota), without throwing into the page', async () => {
    const originalSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    };
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in e ? e.reason : e.error);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const form = await filledForm();
      const before = journalIds().length;
      const delivered = oneEvent(form, 'optin-success');
      (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
      expect(journalIds()).to.have.length(before);
      const { detail } = await delivered;
      expect((await verifyConsentRecord(detail.record)).ok).to.equal(true);
      expect(errors).to.deep.equal([]);
    } finally {
      Storage.prototype.setItem = originalSetItem;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });
});
