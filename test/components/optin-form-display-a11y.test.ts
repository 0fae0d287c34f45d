import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import '../../src/define.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';

declare global {
  interface Window {
    axe: { run(context: ElementContext, options: RunOptions): Promise<AxeResults> };
  }
}

/** The same rules as test/components/a11y.test.ts: WCAG 2.2 A and AA plus best practices, page-level rules off. */
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false }, 'landmark-one-main': { enabled: false } },
};

async function violations(el: Element): Promise<string[]> {
  const results = await window.axe.run(el, AXE_OPTIONS);
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join('; ')}`);
}

let seq = 0;

async function openForm(display: string, locale: string): Promise<OptinForm> {
  const el = await fixture<OptinForm>(html`<optin-form
    business-name="Blumen Berlin"
    endpoint=${`/test-endpoint/ok/display-a11y-${Date.now()}-${seq++}`}
    categories="offers,order-updates"
    privacy-url="https://blumen.example/privacy"
    default-country="DE"
    whatsapp-branding
    locale=${locale}
    display=${display}
  >
    <h2 slot="headline">Fresh flowers, first</h2>
    <p slot="incentive">10 % off your first bouquet</p>
  </optin-form>`);
  await el.open();
  return el;
}

function checks(dark: boolean) {
  for (const display of ['inline', 'popup', 'flyout']) {
    for (const locale of ['en', 'ar']) {
      it(`has no violations: ${display}, ${locale}${dark ? ', dark' : ''}`, async () => {
        const el = await openForm(display, locale);
        if (display !== 'inline') expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
        expect(el.shadowRoot!.querySelector('form')!.getAttribute('dir')).to.equal(locale === 'ar' ? 'rtl' : 'ltr');
        expect(await violations(el)).to.deep.equal([]);
      });
    }
  }
}

describe('accessibility of every display (axe-core, WCAG 2.2 AA)', () => {
  checks(false);

  describe('dark colour scheme', () => {
    let emulated = false;
    before(async function () {
      try {
        await emulateMedia({ colorScheme: 'dark' });
        emulated = matchMedia('(prefers-color-scheme: dark)').matches;
      } catch {
        emulated = false;
      }
      // WebKitGTK over WebDriver cannot emulate media features (as in a11y.test.ts).
      if (!emulated) this.skip();
    });
    after(async () => {
      if (emulated) await emulateMedia({ colorScheme: 'light' });
    });
    checks(true);
  });
});
