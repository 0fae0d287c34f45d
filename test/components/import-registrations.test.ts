/**
 * What importing each entry registers, as docs/frontend.md ("What each import registers") says.
 * Each entry is imported in a fresh iframe, so each starts from an empty custom element registry.
 */
import { expect, waitUntil } from '@open-wc/testing';

const TAGS = ['optin-form', 'optin-phone-input', 'optin-preferences'];

interface ProbeWindow extends Window {
  imported?: boolean;
  importFailed?: string;
}

/** A srcdoc frame has no base URL of its own in WebKit: the entry's URL is made absolute here. */
async function tagsRegisteredBy(entry: string): Promise<string[]> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><script type="module">
    try { await import(${JSON.stringify(new URL(entry, location.href).href)}); window.imported = true; } catch (error) { window.importFailed = String(error); }
  </script>`;
  document.body.append(frame);
  try {
    const probe = () => frame.contentWindow as ProbeWindow | null;
    await waitUntil(() => probe()?.imported || probe()?.importFailed, `${entry} to load`, { timeout: 20_000 });
    if (probe()!.importFailed) throw new Error(`${entry}: ${probe()!.importFailed}`);
    return TAGS.filter((tag) => probe()!.customElements.get(tag));
  } finally {
    frame.remove();
  }
}

describe('what importing each entry registers (docs/frontend.md)', () => {
  it('optin-elements (the classes) registers nothing', async () => {
    expect(await tagsRegisteredBy('/src/index.ts')).to.deep.equal([]);
  });

  it('a form class registered under a tag the page author chose registers the phone field it renders, and it works', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><script type="module">
      try {
        const { OptinForm, OptinPreferences } = await import(${JSON.stringify(new URL('/src/index.ts', location.href).href)});
        window.beforeCreating = customElements.get('optin-phone-input') !== undefined;
        customElements.define('shop-signup', OptinForm);
        customElements.define('shop-preferences', OptinPreferences);
        document.body.innerHTML = '<shop-signup business-name="Blumen Berlin" endpoint="/consents" categories="offers" privacy-url="https://blumen.example/privacy"></shop-signup>';
        await document.querySelector('shop-signup').updateComplete;
        window.imported = true;
      } catch (error) { window.importFailed = String(error); }
    </script>`;
    document.body.append(frame);
    try {
      const probe = () => frame.contentWindow as (ProbeWindow & { beforeCreating?: boolean }) | null;
      await waitUntil(() => probe()?.imported || probe()?.importFailed, 'the page to set up', { timeout: 20_000 });
      expect(probe()!.importFailed).to.equal(undefined);
      expect(probe()!.beforeCreating, 'registered by the import alone').to.equal(false);
      const phone = probe()!.document.querySelector('shop-signup')!.shadowRoot!.querySelector('optin-phone-input')!;
      expect(probe()!.customElements.get('optin-phone-input')).to.equal(phone.constructor);
      await (phone as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(phone.shadowRoot!.querySelector('input[part=input]'), 'the phone field rendered').to.not.equal(null);
    } finally {
      frame.remove();
    }
  });

  it('optin-elements/define.js registers all three', async () => {
    expect(await tagsRegisteredBy('/src/define.ts')).to.deep.equal(TAGS);
  });

  it('optin-elements/optin-form.js registers <optin-form> and <optin-phone-input>', async () => {
    expect(await tagsRegisteredBy('/src/components/optin-form/define.ts')).to.deep.equal(['optin-form', 'optin-phone-input']);
  });

  it('optin-elements/optin-preferences.js registers <optin-preferences> and <optin-phone-input>', async () => {
    expect(await tagsRegisteredBy('/src/components/optin-preferences/define.ts')).to.deep.equal(['optin-phone-input', 'optin-preferences']);
  });

  it('optin-elements/optin-phone-input.js registers <optin-phone-input> only', async () => {
    expect(await tagsRegisteredBy('/src/components/optin-phone-input/define.ts')).to.deep.equal(['optin-phone-input']);
  });

  it('optin-elements/core registers nothing', async () => {
    expect(await tagsRegisteredBy('/src/core/index.ts')).to.deep.equal([]);
  });
});
