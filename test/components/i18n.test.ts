import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import i18next from 'i18next';
import '../../src/define.js';
import { useI18next } from '../../src/index.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';

const shadow = (el: Element) => el.shadowRoot!;
const formOf = (el: OptinForm) => shadow(el).querySelector('form') as HTMLFormElement;
const phoneOf = (el: OptinForm) => shadow(el).querySelector('optin-phone-input') as OptinPhoneInput;
const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

async function formIn(locale: string, attrs: { frequency?: string; dir?: string } = {}) {
  const el = await fixture<OptinForm>(html`<optin-form
    business-name="Blumen Berlin"
    endpoint="/consents"
    categories="offers,order-updates"
    frequency=${attrs.frequency ?? '4/month'}
    privacy-url="https://blumen.example/privacy"
    default-country="DE"
    locale=${locale}
    dir=${attrs.dir ?? ''}
  ></optin-form>`);
  await el.updateComplete;
  return el;
}

describe('<optin-form> languages and direction', () => {
  it('shows every text in the language of its locale attribute', async () => {
    const el = await formIn('de');
    const form = formOf(el);
    expect(form.getAttribute('lang')).to.equal('de');
    expect(text(shadow(el).querySelector('[part="lead"]')!)).to.equal(
      'Ich willige ein, Nachrichten von Blumen Berlin über WhatsApp zu den unten angekreuzten Themen zu erhalten.',
    );
    expect(text(shadow(el).querySelector('[part="submit"]')!)).to.equal('Anmelden');
    expect(text(shadow(phoneOf(el)).querySelector('label')!)).to.equal('Handynummer');
    expect(text(shadow(el).querySelector('[part="frequency"]')!)).to.equal('Höchstens 4 Nachrichten pro Monat.');
  });

  it('follows the nearest lang up the tree, also from outside a shadow root', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="es"><div id="host"></div></div>`);
    const host = outer.querySelector('#host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<optin-form business-name="Blumen" endpoint="/consents" categories="offers" privacy-url="https://blumen.example/privacy"></optin-form>`;
    const el = root.querySelector('optin-form') as OptinForm;
    await el.updateComplete;
    expect(formOf(el).getAttribute('lang')).to.equal('es');
    expect(text(shadow(el).querySelector('[part="submit"]')!)).to.equal('Suscribirme');
  });

  it('falls back from region to language to English', async () => {
    const cases: Array<[string, string]> = [
      ['de-AT', 'de'],
      ['pt', 'pt-BR'],
      ['pt-BR', 'pt-BR'],
      ['pt-PT', 'pt-PT'],
      ['pt-AO', 'pt-PT'],
      ['iw', 'he'],
      ['zz-ZZ', 'en'],
      ['not a tag!', 'en'],
    ];
    for (const [requested, shown] of cases) {
      const el = await formIn(requested);
      expect(formOf(el).getAttribute('lang'), requested).to.equal(shown);
    }
  });

  it('uses the language’s plural forms', async () => {
    const expectations: Array<[string, string, string]> = [
      ['ru', '1/week', 'Не более 1 сообщения в неделю.'],
      ['ru', '3/week', 'Не более 3 сообщений в неделю.'],
      ['pl', '2/day', 'Maksymalnie 2 wiadomości dziennie.'],
      ['ar', '1/day', 'رسالة واحدة يوميًا كحد أقصى.'],
      ['ar', '2/day', 'رسالتان يوميًا كحد أقصى.'],
      ['ar', '3/day', '3 رسائل يوميًا كحد أقصى.'],
      ['ar', '11/day', '11 رسالة يوميًا كحد أقصى.'],
      ['en', '1/year', 'Up to 1 message a year.'],
    ];
    for (const [locale, frequency, expected] of expectations) {
      const el = await formIn(locale, { frequency });
      expect(text(shadow(el).querySelector('[part="frequency"]')!), `${locale} ${frequency}`).to.equal(expected);
    }
  });

  it('names countries in the shown language through Intl.DisplayNames', async () => {
    const el = await formIn('ar');
    const button = shadow(phoneOf(el)).querySelector<HTMLButtonElement>('[part="country"]')!;
    button.focus();
    await new Promise((resolve) => setTimeout(resolve));
    const germany = new Intl.DisplayNames(['ar'], { type: 'region' }).of('DE')!;
    expect(button.getAttribute('aria-label')).to.contain(germany);
  });

  for (const locale of ['ar', 'he']) {
    it(`lays ${locale} out right to left while the number and dial code stay left to right`, async () => {
      const el = await formIn(locale);
      const form = formOf(el);
      expect(form.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(form).direction).to.equal('rtl');
      const phone = shadow(phoneOf(el));
      expect(getComputedStyle(phone.querySelector('label')!).direction).to.equal('rtl');
      const number = phone.querySelector<HTMLInputElement>('#number')!;
      expect(number.getAttribute('dir')).to.equal('ltr');
      expect(getComputedStyle(number).direction).to.equal('ltr');
      // The dial code on the country button reads left to right, isolated from the text around it.
      const dial = phone.querySelector('[part="country"] .dial')!;
      expect(dial.textContent?.trim()).to.equal('+49');
      expect(getComputedStyle(dial).direction).to.equal('ltr');
      // The submit button sits at the start edge, which is the right in RTL.
      const button = shadow(el).querySelector('[part="submit"]')!.getBoundingClientRect();
      const box = form.getBoundingClientRect();
      expect(box.right - button.right).to.be.lessThan(button.left - box.left);
    });
  }

  it('lets the host’s own dir attribute override the locale’s direction', async () => {
    const el = await formIn('ar', { dir: 'ltr' });
    expect(formOf(el).getAttribute('dir')).to.equal('ltr');
  });

  it('records the locale and the exact text of the language shown', async () => {
    const el = await formIn('es');
    el.addEventListener('optin-submit', (event) => event.preventDefault());
    const input = shadow(phoneOf(el)).querySelector('input')!;
    input.value = '01512 3456789';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    (shadow(el).querySelector('#category-offers') as HTMLInputElement).click();
    await el.updateComplete;
    const submitted = oneEvent(el, 'optin-submit');
    (shadow(el).querySelector('[part="submit"]') as HTMLButtonElement).click();
    const { detail } = await submitted;
    expect(detail.record.notice.locale).to.equal('es');
    expect(detail.record.notice.text).to.contain('Acepto recibir mensajes de Blumen Berlin por WhatsApp');
    expect(detail.record.categories[0]).to.include({ id: 'offers', label: 'Ofertas y promociones', granted: true });
  });

  it('switches language when the locale attribute changes', async () => {
    const el = await formIn('en');
    el.locale = 'fr';
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part="submit"]')!)).to.equal('M’inscrire');
    expect(text(shadow(phoneOf(el)).querySelector('label')!)).to.equal('Numéro de mobile');
  });

  it('follows a lang attribute that changes later, as single-page apps do', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="en">
      <optin-form business-name="Blumen" endpoint="/consents" categories="offers" privacy-url="https://blumen.example/privacy"></optin-form>
    </div>`);
    const el = outer.querySelector('optin-form') as OptinForm;
    await el.updateComplete;
    outer.setAttribute('lang', 'it');
    await Promise.resolve(); // the MutationObserver's microtask, queued by setAttribute, runs first
    await el.updateComplete;
    expect(formOf(el).getAttribute('lang')).to.equal('it');
    expect(text(shadow(el).querySelector('[part="submit"]')!)).to.equal('Iscriviti');
  });

  it('leaves the page’s own i18next instance untouched', async () => {
    const before = { language: i18next.language, initialized: i18next.isInitialized };
    await formIn('tr');
    expect({ language: i18next.language, initialized: i18next.isInitialized }).to.deep.equal(before);
  });

  it("translates with the page's i18next once handed over, follows its language and keeps the page's rewording", async () => {
    const page = i18next.createInstance();
    await page.init({ lng: 'es', resources: { es: { 'optin-elements': { form: { submit: '¡Quiero recibirlos!' } } } } });
    const el = await fixture<OptinForm>(
      html`<optin-form business-name="Blumen" endpoint="/consents" categories="offers" privacy-url="https://blumen.example/privacy"></optin-form>`,
    );
    useI18next(page);
    try {
      await waitUntil(() => formOf(el).getAttribute('lang') === 'es', 'Spanish once handed over', { timeout: 20_000 });
      expect(text(shadow(el).querySelector('[part="submit"]')!)).to.equal('¡Quiero recibirlos!');
      expect(text(shadow(phoneOf(el)).querySelector('label')!)).to.equal('Número de móvil');
      await page.changeLanguage('de');
      await el.updateComplete;
      // German texts are a chunk of their own: the form shows them once they are loaded.
      await waitUntil(() => text(shadow(el).querySelector('[part="submit"]')!) === 'Anmelden', 'German after changeLanguage', { timeout: 20_000 });
      expect(formOf(el).getAttribute('lang')).to.equal('de');
    } finally {
      useI18next(undefined);
    }
  });
});
