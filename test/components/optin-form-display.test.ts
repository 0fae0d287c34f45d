import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import type { UnsignedConsentRecord } from '../../src/core/record/consent-record.js';

const shadow = (el: Element) => el.shadowRoot!;
const dialogOf = (el: OptinForm) => shadow(el).querySelector('dialog');
let seq = 0;
/** Each test its own endpoint: the device remembers dismissals and subscriptions per endpoint. */
const endpoint = () => `/test-endpoint/ok/display-${Date.now()}-${seq++}`;

interface FormOptions {
  display?: string;
  trigger?: string;
  endpoint?: string;
  dismissDays?: number;
  locale?: string;
}

async function form({ display = 'popup', trigger = 'manual', endpoint: url = endpoint(), dismissDays = 7, locale = 'en' }: FormOptions = {}) {
  const el = await fixture<OptinForm>(html`<optin-form
    business-name="Blumen Berlin"
    endpoint=${url}
    categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy"
    default-country="DE"
    locale=${locale}
    display=${display}
    trigger=${trigger}
    dismiss-days=${dismissDays}
  ></optin-form>`);
  await el.updateComplete;
  return el;
}

async function subscribe(el: OptinForm) {
  const phone = shadow(el).querySelector('optin-phone-input') as OptinPhoneInput;
  const input = shadow(phone).querySelector('input')!;
  input.value = `01512 345${String(seq++ % 10000).padStart(4, '0')}`;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phone.updateComplete;
  (shadow(el).querySelector('#category-offers') as HTMLInputElement).click();
  await el.updateComplete;
  const done = oneEvent(el, 'optin-success');
  (shadow(el).querySelector('[part="submit"]') as HTMLButtonElement).click();
  await done;
  await el.updateComplete;
}

/** Firefox's driver knows no "Shift+Tab" chord, WebKit's no held keys: each gets what it knows. */
async function shiftTab() {
  try {
    await sendKeys({ press: 'Shift+Tab' });
  } catch {
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
  }
}

/** What has focus, seen from the page: a focused element inside the form's shadow root reads as the form. */
const focusedFromPage = () => document.activeElement;

describe('<optin-form display>', () => {
  it('stays inline by default: no dialog, nothing to open', async () => {
    const el = await form({ display: '' });
    expect(dialogOf(el)).to.equal(null);
    expect(shadow(el).querySelector('form')!.checkVisibility()).to.equal(true);
    await el.open();
    expect(dialogOf(el)).to.equal(null);
  });

  it('renders a popup closed, taking no room on the page, until open() shows it as a modal dialog', async () => {
    const before = document.createElement('p');
    before.textContent = 'Page text above';
    const after = document.createElement('p');
    after.textContent = 'Page text below';
    document.body.prepend(before);
    const el = await form();
    el.after(after);
    const top = after.getBoundingClientRect().top;
    expect(el.getBoundingClientRect().height).to.equal(0);
    expect(dialogOf(el)!.open).to.equal(false);
    const viewed = oneEvent(el, 'optin-view');
    void el.open();
    const event = await viewed;
    expect(event.detail).to.deep.equal({ display: 'popup', trigger: 'manual' });
    const dialog = dialogOf(el)!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    // The page did not move.
    expect(after.getBoundingClientRect().top).to.equal(top);
    expect(el.getBoundingClientRect().height).to.equal(0);
    const close = shadow(el).querySelector('[part="close"]') as HTMLButtonElement;
    expect(close.getAttribute('aria-label')).to.equal('Close');
    before.remove();
    after.remove();
  });

  it('opens by itself after delay:S', async () => {
    const el = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint=${endpoint()} categories="offers"
      privacy-url="https://blumen.example/privacy" default-country="DE" locale="en" display="popup" trigger="delay:0"></optin-form>`);
    const event = await oneEvent(el, 'optin-view');
    expect(event.detail).to.deep.equal({ display: 'popup', trigger: 'delay' });
    expect(dialogOf(el)!.open).to.equal(true);
  });

  it('opens by itself once the page is read to scroll:P', async () => {
    const spacer = document.createElement('div');
    spacer.style.blockSize = '5000px';
    document.body.append(spacer);
    scrollTo(0, 0);
    try {
      const el = await form({ trigger: 'scroll:50' });
      expect(dialogOf(el)!.open, 'not before scrolling').to.equal(false);
      const viewed = oneEvent(el, 'optin-view');
      scrollTo(0, document.documentElement.scrollHeight);
      expect((await viewed).detail.trigger).to.equal('scroll');
      expect(dialogOf(el)!.open).to.equal(true);
    } finally {
      spacer.remove();
      scrollTo(0, 0);
    }
  });

  it('opens on exit intent on a touch screen when the person scrolls back up a third of a screen', async function () {
    if (matchMedia('(hover: hover)').matches) this.skip();
    const spacer = document.createElement('div');
    spacer.style.blockSize = '6000px';
    document.body.append(spacer);
    scrollTo(0, 0);
    try {
      const el = await form({ trigger: 'exit-intent' });
      scrollTo(0, innerHeight * 2);
      await new Promise((resolve) => addEventListener('scroll', resolve, { once: true }));
      expect(dialogOf(el)!.open, 'reading on is not exit intent').to.equal(false);
      const viewed = oneEvent(el, 'optin-view');
      scrollTo(0, innerHeight);
      expect((await viewed).detail.trigger).to.equal('exit-intent');
    } finally {
      spacer.remove();
      scrollTo(0, 0);
    }
  });

  it('opens on exit intent: with a mouse, when the pointer leaves through the top of the page', async function () {
    if (!matchMedia('(hover: hover)').matches) this.skip();
    const el = await form({ trigger: 'exit-intent' });
    document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: 300, relatedTarget: null }));
    await el.updateComplete;
    expect(dialogOf(el)!.open, 'leaving lower down is not exit intent').to.equal(false);
    const viewed = oneEvent(el, 'optin-view');
    document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: 0, relatedTarget: null }));
    expect((await viewed).detail.trigger).to.equal('exit-intent');
  });

  it('can be used with the keyboard alone: Tab stays inside, Esc closes, focus returns to where it was', async () => {
    const button = document.createElement('button');
    button.textContent = 'Join us';
    document.body.append(button);
    const el = await form();
    button.addEventListener('click', () => void el.open());
    button.focus();
    const viewed = oneEvent(el, 'optin-view');
    await sendKeys({ press: 'Enter' });
    await viewed;
    await el.updateComplete;
    // Every Tab and Shift+Tab, more than there are stops, keeps the focus in the form.
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      expect(focusedFromPage(), `after Tab ${i + 1}`).to.equal(el);
    }
    for (let i = 0; i < 12; i++) {
      await shiftTab();
      expect(focusedFromPage(), `after Shift+Tab ${i + 1}`).to.equal(el);
    }
    const dismissed = oneEvent(el, 'optin-dismiss');
    await sendKeys({ press: 'Escape' });
    expect((await dismissed).detail).to.deep.equal({ display: 'popup', reason: 'escape' });
    expect(dialogOf(el)!.open).to.equal(false);
    expect(document.activeElement).to.equal(button);
    button.remove();
  });

  it('closes by its visible close button, and stays closed on this device for dismiss-days', async () => {
    const url = endpoint();
    const first = await form({ endpoint: url, trigger: 'scroll:0' });
    expect(dialogOf(first)!.open, 'scroll:0 opens at once').to.equal(true);
    const dismissed = oneEvent(first, 'optin-dismiss');
    (shadow(first).querySelector('[part="close"]') as HTMLButtonElement).click();
    expect((await dismissed).detail.reason).to.equal('close-button');
    first.remove();

    const later = await form({ endpoint: url, trigger: 'scroll:0', dismissDays: 7 });
    expect(dialogOf(later)!.open, 'dismissed 0 days ago, dismiss-days 7').to.equal(false);
    // The page's own button still opens it: the person asks for it.
    await later.open();
    expect(dialogOf(later)!.open).to.equal(true);
    later.remove();

    const noMemory = await form({ endpoint: url, trigger: 'scroll:0', dismissDays: 0 });
    expect(dialogOf(noMemory)!.open, 'dismiss-days 0').to.equal(true);
    noMemory.remove();

    // Eight days later (the stored time moved back), a 7-day dismissal is over.
    const key = `optin-elements.dismissed:${new URL(url, document.baseURI).href}`;
    localStorage.setItem(key, String(Date.now() - 8 * 86_400_000));
    const weekLater = await form({ endpoint: url, trigger: 'scroll:0', dismissDays: 7 });
    expect(dialogOf(weekLater)!.open).to.equal(true);
  });

  it('never opens by itself again on a device that subscribed, and closing after success is no dismissal', async () => {
    const url = endpoint();
    const first = await form({ endpoint: url, trigger: 'scroll:0' });
    expect(dialogOf(first)!.open).to.equal(true);
    await subscribe(first);
    let dismissals = 0;
    first.addEventListener('optin-dismiss', () => dismissals++);
    first.close();
    await first.updateComplete;
    expect(dialogOf(first)!.open).to.equal(false);
    expect(dismissals).to.equal(0);
    first.remove();

    const again = await form({ endpoint: url, trigger: 'scroll:0', dismissDays: 0 });
    expect(dialogOf(again)!.open).to.equal(false);
  });

  it('leaves no mark on the device from an inline form (only a popup or flyout remembers a subscription)', async () => {
    const url = endpoint();
    const inline = await form({ endpoint: url, display: 'inline' });
    await subscribe(inline);
    expect(Object.keys(localStorage).filter((key) => key.includes(url))).to.deep.equal([]);
  });

  it('shows a flyout as a non-modal panel that leaves the page usable and the focus where it was', async () => {
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Search');
    document.body.append(input);
    input.focus();
    const el = await form({ display: 'flyout', trigger: 'scroll:0' });
    const dialog = dialogOf(el)!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(false);
    expect(getComputedStyle(dialog).position).to.equal('fixed');
    expect(document.activeElement, 'a trigger does not steal the focus').to.equal(input);
    const dismissed = oneEvent(el, 'optin-dismiss');
    (shadow(el).querySelector('[part="close"]') as HTMLButtonElement).click();
    expect((await dismissed).detail).to.deep.equal({ display: 'flyout', reason: 'close-button' });
    input.remove();
  });
});

describe('<optin-form> slots, attribution and variant', () => {
  it('shows the business’s headline, picture and incentive around the legal text, which they do not enter', async () => {
    const el = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint=${endpoint()} categories="offers"
      privacy-url="https://blumen.example/privacy" default-country="DE" locale="en" variant="spring-b">
      <h2 slot="headline">Spring flowers, first</h2>
      <img slot="image" alt="Tulips" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
      <p slot="incentive">10 % off your first bouquet</p>
      <p slot="success">See you in your WhatsApp chats!</p>
    </optin-form>`);
    await el.updateComplete;
    for (const name of ['headline', 'image', 'incentive']) {
      const slot = shadow(el).querySelector(`slot[name="${name}"]`) as HTMLSlotElement;
      expect(slot.assignedElements().length, name).to.equal(1);
    }
    history.replaceState(null, '', `${location.pathname}?utm_source=newsletter&utm_campaign=spring&phone=%2B4915100000000&fbclid=abc`);
    const phone = shadow(el).querySelector('optin-phone-input') as OptinPhoneInput;
    const input = shadow(phone).querySelector('input')!;
    input.value = '01512 3456700';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    (shadow(el).querySelector('#category-offers') as HTMLInputElement).click();
    await el.updateComplete;
    const submitted = oneEvent(el, 'optin-submit');
    const succeeded = oneEvent(el, 'optin-success');
    (shadow(el).querySelector('[part="submit"]') as HTMLButtonElement).click();
    const record = (await submitted).detail.record as UnsignedConsentRecord;
    history.replaceState(null, '', location.pathname);
    expect(record.notice.text).not.to.contain('Spring flowers');
    expect(record.notice.text).not.to.contain('10 %');
    expect(record.collection.campaign).to.deep.equal({ utm_source: 'newsletter', utm_campaign: 'spring', fbclid: 'abc' });
    expect(record.collection.variant).to.equal('spring-b');
    expect(record.collection.pageUrl).not.to.contain('?');
    await succeeded;
    await el.updateComplete;
    const success = shadow(el).querySelector('slot[name="success"]') as HTMLSlotElement;
    expect(success.assignedElements()[0].textContent).to.equal('See you in your WhatsApp chats!');
  });
});

describe('<optin-form> business-country and the CASL profile', () => {
  async function typed(el: OptinForm, number: string) {
    const phone = shadow(el).querySelector('optin-phone-input') as OptinPhoneInput;
    const input = shadow(phone).querySelector('input')!;
    input.value = number;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await phone.updateComplete;
    await el.updateComplete;
  }

  it('shows GDPR wording to a US number when the business is established in the EU', async () => {
    const el = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint=${endpoint()} categories="offers"
      privacy-url="https://blumen.example/privacy" locale="en" business-country="DE"></optin-form>`);
    await typed(el, '+1 201 555 0123');
    expect(el.complianceReport.country).to.equal('US');
    expect(el.complianceReport.profile).to.equal('gdpr');
    expect(shadow(el).querySelector('[part="recipient"]')?.textContent).to.contain('Meta');
  });

  it('gives a Canadian number the CASL profile with the sender’s address and contact', async () => {
    const el = await fixture<OptinForm>(html`<optin-form business-name="Maple Books" endpoint=${endpoint()} categories="offers"
      privacy-url="https://maple.example/privacy" locale="en" business-address="12 Main St, Toronto ON M5V 2T6"
      business-contact="hello@maple.example"></optin-form>`);
    await typed(el, '+1 416 555 0123');
    expect(el.complianceReport.country).to.equal('CA');
    expect(el.complianceReport.profile).to.equal('casl');
    expect(shadow(el).querySelector('[part="sender-address"]')?.textContent).to.contain('12 Main St, Toronto ON M5V 2T6');
    expect(shadow(el).querySelector('[part="sender-contact"]')?.textContent).to.contain('hello@maple.example');
  });

  it('refuses a Canadian number, visibly, when the form has no sender details, and records nothing', async () => {
    const el = await fixture<OptinForm>(html`<optin-form business-name="Maple Books" endpoint=${endpoint()} categories="offers"
      privacy-url="https://maple.example/privacy" locale="en"></optin-form>`);
    let submits = 0;
    el.addEventListener('optin-submit', () => submits++);
    await typed(el, '+1 416 555 0123');
    expect(shadow(el).querySelector('form'), 'the form stays for the person').to.not.equal(null);
    (shadow(el).querySelector('#category-offers') as HTMLInputElement).click();
    (shadow(el).querySelector('[part="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="error"]')?.textContent).to.equal('This form cannot take numbers from this country yet.');
    expect(submits).to.equal(0);
  });
});
