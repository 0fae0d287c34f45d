/**
 * The built script-tag file when the files beside it were altered (a compromised CDN or proxy):
 * web-test-runner's `script-tag-tampered` group loads the genuine dist/cdn/optin-elements.min.js,
 * with its SRI hash, from /dist/cdn-tampered/, where the German texts and the +49 phone rules are
 * changed (test/support/serve-built-files.mjs). The script must refuse both, in every engine.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';

/** Each wait below is for a fetch; on a busy machine one can take seconds (the test's own limit is 30 s). */
const NETWORK = { timeout: 20_000 };
const shadow = (el: Element) => el.shadowRoot!;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the script-tag bundle with altered files beside it', () => {
  it('shows neither the altered German texts nor a number read with altered rules, and says why in the console', async () => {
    expect(customElements.get('optin-form'), 'the script did not run: run npm run build first').to.exist;
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      document.body.insertAdjacentHTML(
        'beforeend',
        `<optin-form business-name="Blumen Berlin" endpoint="/receiver/consents" categories="offers" default-country="DE"
          locale="de" privacy-url="https://blumen.example/privacy"></optin-form>`,
      );
      const form = document.body.lastElementChild as OptinForm;
      await waitUntil(() => errors.some((error) => error.includes('locales/de.json')), 'the altered German texts are refused', NETWORK);
      await form.updateComplete;
      expect(text(shadow(form).querySelector('[part="submit"]'))).to.equal('Subscribe');

      const phone = shadow(form).querySelector('optin-phone-input')!;
      const input = shadow(phone).querySelector('input') as HTMLInputElement;
      input.focus();
      input.value = '015123456789';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await waitUntil(() => errors.some((error) => error.includes('/49.json')), 'the altered +49 rules are refused', NETWORK);
      expect(phone.value).to.equal('');
      expect(input.value).to.equal('015123456789');
    } finally {
      console.error = original;
    }
  });
});
