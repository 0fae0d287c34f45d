/**
 * The parts each element really renders, collected from its shadow DOM in every state that shows a
 * different part, compared with `custom-elements.json`. Parts bound from data (`part=${section.kind}`,
 * the confirmation step, the open country list) are invisible to a scan of the source; here they
 * are found where a page author's `::part()` would find them.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinPhoneInput } from '../../src/components/optin-phone-input/optin-phone-input.js';
import type { OptinPreferences } from '../../src/components/optin-preferences/optin-preferences.js';
import { issuePreferenceToken, RECEIVER_ENDPOINT, storeSignedRecord, uniquePhone } from '../support/test-receiver.js';

type Tag = 'optin-form' | 'optin-phone-input' | 'optin-preferences';

/** Part names a page can reach on this element: its own `part`s and what it re-exports with `exportparts`. */
function partsOf(element: Element): string[] {
  const names = new Set<string>();
  for (const node of element.shadowRoot!.querySelectorAll('[part], [exportparts]')) {
    for (const name of (node.getAttribute('part') ?? '').split(/\s+/)) if (name) names.add(name);
    for (const mapping of (node.getAttribute('exportparts') ?? '').split(',')) {
      const outer = mapping.split(':').at(-1)!.trim();
      if (outer) names.add(outer);
    }
  }
  return [...names];
}

async function manifestParts(): Promise<Record<Tag, string[]>> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as {
    modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }> }> }>;
  };
  const parts = {} as Record<Tag, string[]>;
  for (const declaration of manifest.modules.flatMap((m) => m.declarations ?? [])) {
    if (declaration.tagName) parts[declaration.tagName as Tag] = (declaration.cssParts ?? []).map((p) => p.name);
  }
  return parts;
}

/** What differs between rendered and documented parts, for one element. */
function partGaps(tag: Tag, rendered: Set<string>, documented: string[]): string[] {
  return [
    ...[...rendered].filter((name) => !documented.includes(name)).map((name) => `<${tag}> renders part "${name}", missing from the manifest (add @csspart)`),
    ...documented.filter((name) => !rendered.has(name)).map((name) => `<${tag}> documents part "${name}", rendered in no state`),
  ].sort();
}

const PRIVACY = 'https://blumen.example/privacy';

async function formStates(): Promise<Set<string>> {
  const seen = new Set<string>();
  const collect = (el: Element) => partsOf(el).forEach((name) => seen.add(name));
  // Platform profile; GDPR with branding, a required category, a description, terms and frequency;
  // US SMS; CASL; an open popup; and a misconfigured form.
  collect(
    await fixture(
      html`<optin-form business-name="Blumen" endpoint="/consents" categories="offers" privacy-url=${PRIVACY} default-country="US" jurisdiction="platform" lang="en"></optin-form>`,
    ),
  );
  collect(
    await fixture(html`<optin-form business-name="Blumen" endpoint="/consents" privacy-url=${PRIVACY} terms-url="https://blumen.example/terms" frequency="4/month"
    default-country="DE" whatsapp-branding lang="en" categories='[{"id":"order-updates","required":true},{"id":"offers","description":"now and then"}]'></optin-form>`),
  );
  collect(
    await fixture(html`<optin-form business-name="Blumen" endpoint="/consents" categories="offers" privacy-url=${PRIVACY} terms-url="https://blumen.example/terms"
    frequency="4/month" channel="sms" default-country="US" jurisdiction="sms-us" lang="en"></optin-form>`),
  );
  // Canada's CASL profile: the sender's mailing address and contact.
  collect(
    await fixture(html`<optin-form business-name="Maple" endpoint="/consents" categories="offers" privacy-url=${PRIVACY} jurisdiction="casl"
    business-address="1 Main Street, Toronto ON M5V 2T6" business-contact="hello@maple.example" default-country="CA" lang="en"></optin-form>`),
  );
  // A popup, opened: its dialog and close button.
  const popup = await fixture<OptinForm>(html`<optin-form business-name="Blumen" endpoint="/consents" categories="offers" privacy-url=${PRIVACY}
    display="popup" trigger="manual" default-country="DE" lang="en"></optin-form>`);
  await popup.open();
  await popup.updateComplete;
  collect(popup);
  popup.close();
  const original = console.error;
  console.error = () => {};
  try {
    collect(await fixture(html`<optin-form endpoint="/consents" categories="offers" lang="en"></optin-form>`));
  } finally {
    console.error = original;
  }
  // The double opt-in step after a real submission to the test receiver.
  const form = await fixture<OptinForm>(html`<optin-form business-name="Blumen" endpoint=${RECEIVER_ENDPOINT} categories="offers" privacy-url=${PRIVACY}
    default-country="DE" lang="en" confirm-number="+49 30 1234567"></optin-form>`);
  const phone = form.shadowRoot!.querySelector('optin-phone-input') as OptinPhoneInput;
  const input = phone.shadowRoot!.querySelector('input') as HTMLInputElement;
  input.value = uniquePhone();
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await phone.updateComplete;
  (form.shadowRoot!.querySelector('#category-offers') as HTMLInputElement).click();
  await form.updateComplete;
  const succeeded = oneEvent(form, 'optin-success');
  (form.shadowRoot!.querySelector('[part="submit"]') as HTMLButtonElement).click();
  await succeeded;
  await waitUntil(() => form.shadowRoot!.querySelector('[part~="confirm-qr"]'), 'the confirmation step');
  collect(form);
  return seen;
}

async function phoneInputStates(): Promise<Set<string>> {
  const el = await fixture<OptinPhoneInput>(html`<optin-phone-input default-country="DE" lang="en"></optin-phone-input>`);
  const seen = new Set(partsOf(el));
  (el.shadowRoot!.querySelector('#country-button') as HTMLButtonElement).focus();
  await sendKeys({ press: 'ArrowDown' });
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="country-option"]'), 'the open country list');
  partsOf(el).forEach((name) => seen.add(name));
  return seen;
}

async function preferencesStates(): Promise<Set<string>> {
  const seen = new Set<string>();
  const preferences = async (token: string) => {
    const el = await fixture<OptinPreferences>(html`<optin-preferences endpoint=${RECEIVER_ENDPOINT} business-name="Blumen"
      categories="offers,order-updates" default-country="DE" lang="en" token=${token}></optin-preferences>`);
    await waitUntil(() => el.preferenceTokenStatus !== 'loading', 'the state to load');
    await el.updateComplete;
    partsOf(el).forEach((name) => seen.add(name));
  };
  // A valid link with one category stopped: states, Stop and Resume.
  const phone = uniquePhone();
  await storeSignedRecord({
    subject: { phone },
    categories: [
      { id: 'offers', label: 'Offers and promotions', granted: true },
      { id: 'order-updates', label: 'Order updates', granted: false },
    ],
  });
  await preferences(await issuePreferenceToken({ phone }));
  // No token (the number field) and a broken link (its notice).
  await preferences('');
  await preferences('not-a-token');
  const original = console.error;
  console.error = () => {};
  try {
    partsOf(await fixture(html`<optin-preferences endpoint="/consents" lang="en"></optin-preferences>`)).forEach((name) => seen.add(name));
  } finally {
    console.error = original;
  }
  return seen;
}

describe('parts rendered in the DOM and custom-elements.json', () => {
  it('<optin-form> documents every part it renders in any state, and renders every part it documents', async () => {
    expect(partGaps('optin-form', await formStates(), (await manifestParts())['optin-form'])).to.deep.equal([]);
  });

  it('<optin-phone-input> documents every part it renders, the open country list included', async () => {
    expect(partGaps('optin-phone-input', await phoneInputStates(), (await manifestParts())['optin-phone-input'])).to.deep.equal([]);
  });

  it('<optin-preferences> documents every part it renders, with and without a preference link', async () => {
    expect(partGaps('optin-preferences', await preferencesStates(), (await manifestParts())['optin-preferences'])).to.deep.equal([]);
  });
});
