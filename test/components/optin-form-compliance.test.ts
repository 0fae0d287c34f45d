import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import { checkbox, numberInput, part, phoneOf, shadow, submit, submitAndWait, tick, typeNumber, visibleText } from '../support/form-driver.js';
import { openReceiverLane, postedIds } from '../support/receiver-lane.js';

/** Collects console output and uncaught errors while `run` executes. */
async function watchConsole(run: () => Promise<void>) {
  const seen = { errors: [] as string[], warnings: [] as string[], uncaught: [] as unknown[] };
  const { error, warn } = console;
  console.error = (...args: unknown[]) => seen.errors.push(args.join(' '));
  console.warn = (...args: unknown[]) => seen.warnings.push(args.join(' '));
  const onError = (event: ErrorEvent) => seen.uncaught.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => seen.uncaught.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
  } finally {
    console.error = error;
    console.warn = warn;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return seen;
}

describe('<optin-form> compliance', () => {
  it('switches the consent text to name WhatsApp and Meta when a German number is typed', async () => {
    const el = await fixture<OptinForm>(html`<optin-form
      business-name="Blumen Berlin"
      endpoint="/receiver/consents"
      categories="offers,order-updates"
      privacy-url="https://blumen.example/privacy"
      default-country="US"
      lang="en"
    ></optin-form>`);
    await typeNumber(el, '+1 201 555 0123');
    expect(el.complianceReport.profile).to.equal('platform');
    expect(visibleText(el)).to.contain('messages from Blumen Berlin about the topics');
    expect(visibleText(el)).not.to.contain('WhatsApp');
    expect(visibleText(el)).not.to.contain('Meta');

    await typeNumber(el, '+49 1512 3456789');
    expect(el.complianceReport.profile).to.equal('gdpr');
    expect(el.complianceReport.country).to.equal('DE');
    const text = visibleText(el);
    expect(text).to.contain('messages from Blumen Berlin on WhatsApp');
    expect(part(el, 'recipient')?.textContent).to.contain('Meta');
    expect(part(el, 'not-conditional')?.textContent).to.contain('not a condition');
    expect(part(el, 'opt-out')?.textContent).to.contain('as easily as you gave it');
    expect(checkbox(el, 'offers').checked).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('applies the strictest profile while the country is unknown, also for an invalid default-country', async () => {
    for (const defaultCountry of ['', 'XX']) {
      const seen = await watchConsole(async () => {
        const el = await fixture<OptinForm>(html`<optin-form
          business-name="Blumen Berlin"
          endpoint="/receiver/consents"
          categories="offers"
          privacy-url="https://blumen.example/privacy"
          default-country=${defaultCountry}
          lang="en"
        ></optin-form>`);
        await phoneOf(el).updateComplete;
        await el.updateComplete;
        expect(el.complianceReport.profile, defaultCountry).to.equal('strictest');
        expect(visibleText(el)).to.contain('on WhatsApp');
        expect(part(el, 'recipient')?.textContent).to.contain('Meta');
      });
      expect(seen.uncaught).to.deep.equal([]);
    }
  });

  it("takes the phone field's country before anyone types, and renders once when it is the default country", async () => {
    // Counts the form's renders from its first one on (a second render of the same form is a
    // needless share of the longest task at load).
    const renders = new Map<string, number>();
    const original = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(document.createElement('optin-form')), 'render')!;
    const counting = function (this: OptinForm) {
      renders.set(this.lang, (renders.get(this.lang) ?? 0) + 1);
      return (original.value as () => unknown).call(this);
    };
    Object.defineProperty(Object.getPrototypeOf(document.createElement('optin-form')), 'render', { ...original, value: counting });
    try {
      const german = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/receiver/consents" categories="offers"
        privacy-url="https://blumen.example/privacy" default-country="DE" lang="en"></optin-form>`);
      // No default country: the phone field takes Austria from the page's language (English texts,
      // so no locale file to wait for), and the form renders again with Austria's profile.
      const austrian = await fixture<OptinForm>(html`<optin-form business-name="Blumen Wien" endpoint="/receiver/consents" categories="offers"
        privacy-url="https://blumen.example/privacy" lang="en-AT"></optin-form>`);
      for (const el of [german, austrian]) {
        await phoneOf(el).updateComplete;
        await el.updateComplete;
        await new Promise((resolve) => setTimeout(resolve));
      }
      expect(german.complianceReport.country).to.equal('DE');
      expect(german.complianceReport.profile).to.equal('gdpr');
      expect(austrian.complianceReport.country).to.equal('AT');
      expect(austrian.complianceReport.profile).to.equal('gdpr');
      expect(renders.get('en'), 'renders of the form whose field has its default country').to.equal(1);
      expect(renders.get('en-AT'), 'renders of the form whose field found another country').to.equal(2);
    } finally {
      Object.defineProperty(Object.getPrototypeOf(document.createElement('optin-form')), 'render', original);
    }
  });

  it('records the text actually shown and every check of the profile applied', async () => {
    const lane = await openReceiverLane();
    const el = await fixture<OptinForm>(html`<optin-form
      business-name="Blumen Berlin"
      endpoint=${lane.endpoint}
      categories="offers,order-updates"
      privacy-url="https://blumen.example/privacy"
      lang="en"
    ></optin-form>`);
    await typeNumber(el, '+41 79 123 45 67');
    await tick(el, 'order-updates');
    const done = oneEvent(el, 'optin-success');
    submit(el);
    const { detail } = await done;
    const record = detail.record as ConsentRecord;
    expect(record.policy.profile).to.equal('gdpr');
    expect(record.policy.checks.map((c) => c.id)).to.deep.equal(el.complianceReport.checks.map((c) => c.id));
    expect(record.policy.checks.map((c) => c.id)).to.include.members(['channel-named', 'recipient-named', 'withdrawal-easy']);
    expect(record.policy.checks.every((c) => c.passed)).to.equal(true);
    expect(record.notice.text).to.contain('WhatsApp is provided by Meta');
    for (const line of record.notice.text.split('\n')) {
      expect(visibleText(el)).to.contain(line.replace(/ <https:[^>]+>$/, ''));
    }
    expect(record.collection.source).to.equal('website');
    expect((await lane.posts()).map((post) => post.status)).to.deep.equal([201], 'the receiver stored it');
  });

  it('clears the ticks with a short notice when the number moves into another jurisdiction', async () => {
    const lane = await openReceiverLane();
    const el = await fixture<OptinForm>(html`<optin-form
      business-name="Blumen Berlin"
      endpoint=${lane.endpoint}
      categories="offers,order-updates"
      privacy-url="https://blumen.example/privacy"
      default-country="US"
      lang="en"
    ></optin-form>`);
    await typeNumber(el, '+1 201 555 0123');
    await tick(el, 'offers');
    expect(checkbox(el, 'offers').checked).to.equal(true);
    await typeNumber(el, '+44 7400 123456');
    expect(checkbox(el, 'offers').checked).to.equal(false);
    expect(part(el, 'text-changed')?.textContent).to.contain('tick again');
    submit(el);
    await el.updateComplete;
    await tick(el, 'offers');
    expect(part(el, 'text-changed')?.textContent).to.equal('');
    await expect(el).to.be.accessible();
    // Ticked again, it sends; that record is the only one the receiver saw.
    const sent = await submitAndWait(el);
    expect(await postedIds(lane)).to.deep.equal([sent.id]);
  });

  it('submits a BSUID-only form without a phone number, recording the BSUID and the source', async () => {
    const lane = await openReceiverLane();
    const el = await fixture<OptinForm>(html`<optin-form
      business-name="Blumen Berlin"
      endpoint=${lane.endpoint}
      categories="offers"
      privacy-url="https://blumen.example/privacy"
      bsuid="US.13491208655302741918"
      source="whatsapp-thread"
      lang="en"
    ></optin-form>`);
    expect(shadow(phoneOf(el)).querySelector('label')?.textContent).to.contain('Share your number (optional)');
    expect(phoneOf(el).required).to.equal(false);
    await tick(el, 'offers');
    const done = oneEvent(el, 'optin-success');
    submit(el);
    await done;
    const posts = await lane.posts();
    expect(posts).to.have.length(1);
    expect(posts[0].status).to.equal(201);
    const record = JSON.parse(posts[0].body) as ConsentRecord;
    expect(record.subject).to.deep.equal({ bsuid: 'US.13491208655302741918' });
    expect(record.collection.source).to.equal('whatsapp-thread');
    expect(record.policy.profile).to.equal('strictest');
    expect(record.categories).to.deep.equal([{ id: 'offers', label: 'Offers and promotions', granted: true, templateCategory: 'marketing' }]);
    const verified = await verifyConsentRecord(record);
    expect(verified.ok, JSON.stringify(verified)).to.equal(true);
  });

  it("shows a misconfigured element's notice naming the attribute and rule, and never throws", async () => {
    let el!: OptinForm;
    const seen = await watchConsole(async () => {
      el = await fixture<OptinForm>(html`<optin-form
        business-name="Blumen Berlin"
        endpoint="/receiver/consents"
        categories="offers"
        lang="en"
      ></optin-form>`);
      await el.updateComplete;
      // A page script setting nonsense must not throw either.
      (el as unknown as { categories: unknown }).categories = 42;
      el.jurisdiction = 'mars';
      await el.updateComplete;
      el.categories = 'offers';
      el.jurisdiction = 'auto';
      await el.updateComplete;
    });
    expect(seen.uncaught).to.deep.equal([]);
    expect(shadow(el).querySelector('form')).to.equal(null);
    const notice = part(el, 'config-notice')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain('privacy-url');
    expect(notice.textContent).to.contain('privacy-linked');
    expect(el.complianceReport.blocked).to.equal(true);
    expect(el.complianceReport.mode).to.equal('strict');
    expect(el.complianceReport.problems.map((p) => [p.attribute, p.rule])).to.deep.equal([['privacy-url', 'privacy-linked']]);
    expect(seen.errors.join('\n')).to.contain('privacy-url is missing');
    expect(seen.errors.join('\n')).to.contain('jurisdiction "mars"');
    await expect(el).to.be.accessible();
  });

  it('refuses a category the page asks to pre-tick, even with compliance="warn"', async () => {
    let el!: OptinForm;
    const seen = await watchConsole(async () => {
      el = await fixture<OptinForm>(html`<optin-form
        business-name="Blumen Berlin"
        endpoint="/receiver/consents"
        privacy-url="https://blumen.example/privacy"
        compliance="warn"
        lang="en"
      ></optin-form>`);
      (el as unknown as { categories: unknown }).categories = [{ id: 'offers', checked: true }];
      await el.updateComplete;
    });
    expect(seen.uncaught).to.deep.equal([]);
    expect(shadow(el).querySelector('input[type="checkbox"]')).to.equal(null);
    expect(part(el, 'config-notice')?.textContent).to.contain('never pre-ticked');
    expect(el.complianceReport.blocked).to.equal(true);
  });

  it('with compliance="warn" keeps the form, warns in the console, and records the failed rule', async () => {
    const lane = await openReceiverLane();
    let el!: OptinForm;
    const seen = await watchConsole(async () => {
      el = await fixture<OptinForm>(html`<optin-form
        business-name="Blumen Berlin"
        endpoint=${lane.endpoint}
        categories="offers"
        compliance="warn"
        default-country="FR"
        lang="en"
      ></optin-form>`);
      await el.updateComplete;
    });
    expect(seen.errors).to.deep.equal([]);
    expect(seen.warnings.join('\n')).to.contain('privacy-url is missing');
    expect(el.complianceReport.blocked).to.equal(false);
    await typeNumber(el, '06 12 34 56 78');
    await tick(el, 'offers');
    const done = oneEvent(el, 'optin-success');
    submit(el);
    const { detail } = await done;
    expect(detail.record.policy.profile).to.equal('gdpr');
    expect(detail.record.policy.checks).to.deep.include({ id: 'privacy-linked', passed: false });
    expect(await postedIds(lane)).to.deep.equal([detail.record.id]);
  });

  it('never takes consent from a typed number alone: Enter in the number field sends nothing', async () => {
    const lane = await openReceiverLane();
    const el = await fixture<OptinForm>(html`<optin-form
      business-name="Blumen Berlin"
      endpoint=${lane.endpoint}
      categories="offers"
      privacy-url="https://blumen.example/privacy"
      phone="+4915123456789"
      lang="en"
    ></optin-form>`);
    expect(numberInput(el).readOnly).to.equal(false);
    expect(numberInput(el).disabled).to.equal(false);
    expect(checkbox(el, 'offers').checked).to.equal(false);
    shadow(el).querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(part(el, 'error')?.textContent).to.contain('Tick at least one');
    // With a tick it sends; that record is the only one the receiver saw.
    await tick(el, 'offers');
    const sent = await submitAndWait(el);
    expect(await postedIds(lane)).to.deep.equal([sent.id]);
  });

  it('gives the US SMS disclosures when channel="sms" and the number is American', async () => {
    const el = await fixture<OptinForm>(html`<optin-form
      business-name="Blumen Berlin"
      endpoint="/receiver/consents"
      channel="sms"
      categories="offers,order-updates"
      frequency="4/month"
      privacy-url="https://blumen.example/privacy"
      terms-url="https://blumen.example/sms-terms"
      default-country="US"
      lang="en"
    ></optin-form>`);
    await typeNumber(el, '(201) 555-0123');
    expect(el.complianceReport.profile).to.equal('sms-us');
    expect(part(el, 'rates')?.textContent).to.contain('Msg & data rates may apply.');
    expect(part(el, 'stop-help')?.textContent).to.contain('Reply STOP to cancel, HELP for help.');
    expect(part(el, 'frequency')?.textContent).to.contain('Up to 4 messages a month.');
    expect(part(el, 'not-conditional')?.textContent).to.contain('not a condition of any purchase');
    expect((part(el, 'terms-link') as HTMLAnchorElement).href).to.equal('https://blumen.example/sms-terms');
    expect(visibleText(el)).to.contain('on SMS');
    await expect(el).to.be.accessible();
  });

  it('explains a required category and never ticks it for the person', async () => {
    const lane = await openReceiverLane();
    const el = await fixture<OptinForm>(html`<optin-form
      business-name="Blumen Berlin"
      endpoint=${lane.endpoint}
      privacy-url="https://blumen.example/privacy"
      default-country="DE"
      lang="en"
    ></optin-form>`);
    el.categories = [{ id: 'offers' }, { id: 'order-updates', required: true }];
    await el.updateComplete;
    expect(checkbox(el, 'order-updates').checked).to.equal(false);
    expect(part(el, 'required-note')?.textContent).to.contain('needed for a service you asked for');
    await typeNumber(el, '01512 3456789');
    await tick(el, 'offers');
    submit(el);
    await el.updateComplete;
    expect(part(el, 'error')?.textContent).to.contain('Order updates');
    // With the required category ticked it sends; that record is the only one the receiver saw.
    await tick(el, 'order-updates');
    const sent = await submitAndWait(el);
    expect(await postedIds(lane)).to.deep.equal([sent.id]);
  });
});
