/**
 * The built script-tag file, as a marketer's page loads it: web-test-runner's `script-tag` group
 * (web-test-runner.config.mjs) puts `<script src="/dist/cdn/optin-elements.min.js" integrity=…>`
 * in a plain page, before this file runs, in Chromium, Firefox and WebKit. Nothing here imports
 * src/: every element, text and phone rule comes from dist/cdn (run `npm run build` first).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';
import type { OptinSuccessEvent } from '../../src/components/events/optin-success-event.js';

/** Each wait below is for a fetch; on a busy machine one can take seconds (the test's own limit is 30 s). */
const NETWORK = { timeout: 20_000 };
const shadow = (el: Element) => el.shadowRoot!;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const fetched = (pattern: RegExp) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => pattern.test(path));

describe('the script-tag bundle (dist/cdn/optin-elements.min.js) on a plain page', () => {
  it('registers every element from the classic script alone', () => {
    expect(customElements.get('optin-form'), 'dist/cdn/optin-elements.min.js did not run: run npm run build first').to.exist;
    expect(customElements.get('optin-phone-input')).to.exist;
    expect(customElements.get('optin-preferences')).to.exist;
  });

  it('shows German texts and formats a German number with files fetched beside the script and checked against its hashes, then delivers a signed record', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<optin-form business-name="Blumen Berlin" endpoint="/receiver/consents" categories="offers" default-country="DE"
        locale="de" privacy-url="https://blumen.example/privacy"></optin-form>`,
    );
    const form = document.body.lastElementChild as OptinForm;
    await waitUntil(() => text(shadow(form).querySelector('[part="submit"]')) === 'Anmelden', 'the German texts (locales/de.json) arrive', NETWORK);
    expect(fetched(/^\/dist\/cdn\/locales\/de\.json$/)).to.have.length(1);

    const phone = shadow(form).querySelector('optin-phone-input')!;
    const input = shadow(phone).querySelector('input') as HTMLInputElement;
    input.focus();
    input.value = '015123456789';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    // The rules of +49 arrive from optin-phone-metadata.<root>/49.json; the typed digits wait for them.
    await waitUntil(() => input.value === '01512 3456789', 'the +49 rules (optin-phone-metadata.<root>/49.json) format the number', NETWORK);
    expect(fetched(/^\/dist\/cdn\/optin-phone-metadata\.[0-9a-f]{12}\/49\.json$/)).to.have.length(1);
    expect(phone.value).to.equal('+4915123456789');

    (shadow(form).querySelector('#category-offers') as HTMLInputElement).click();
    await form.updateComplete;
    const stored = oneEvent(form, 'optin-success') as Promise<OptinSuccessEvent>;
    (shadow(form).querySelector('[part="submit"]') as HTMLButtonElement).click();
    const { record } = (await stored).detail;
    expect(record.subject.phone).to.equal('+4915123456789');
    expect(record.notice.locale).to.equal('de');
    expect(record.notice.text).to.contain('Blumen Berlin');
    expect('jws' in record.proof && record.proof.jws).to.match(/^[\w-]+\.\.[\w-]+$/);
  });
});
