import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import '../../src/define.js';
import type { OptinForm } from '../../src/components/optin-form/optin-form.js';

const shadow = (el: Element) => el.shadowRoot!;

/** Counts the element's updates and every console message while `run` executes (and one frame after). */
async function watch(el: OptinForm, run: () => void): Promise<{ updates: number; console: string[] }> {
  const seen = { updates: 0, console: [] as string[] };
  el.addController({ hostUpdate: () => void (seen.updates += 1) });
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((name) => console[name]);
  for (const name of methods) console[name] = (...args: unknown[]) => void seen.console.push(`${name}: ${args.join(' ')}`);
  try {
    run();
    expect(el.isUpdatePending, 'reading asked for no update').to.equal(false);
    await nextFrame();
    await el.updateComplete;
  } finally {
    methods.forEach((name, i) => (console[name] = originals[i]));
  }
  return seen;
}

describe('complianceReport is a pure read', () => {
  it('changes nothing, renders nothing and logs nothing, however often it is read', async () => {
    // compliance="warn" with a rule broken: the element has a warning to log, once, at its update.
    const el = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/receiver/consents"
      categories="offers" compliance="warn" default-country="FR" lang="en"></optin-form>`);
    const problems = el.configurationProblems;
    const shown = shadow(el).querySelector('form')!.textContent;
    let reads: unknown[] = [];
    const seen = await watch(el, () => {
      reads = Array.from({ length: 5 }, () => el.complianceReport);
    });
    expect(seen).to.deep.equal({ updates: 0, console: [] });
    for (const read of reads) expect(read).to.deep.equal(reads[0]);
    expect((reads[0] as OptinForm['complianceReport']).problems.map((p) => p.rule)).to.deep.equal(['privacy-linked']);
    expect(el.configurationProblems, 'the element kept what it had, not a re-evaluated copy').to.equal(problems);
    expect(shadow(el).querySelector('form')!.textContent).to.equal(shown);
  });

  it('describes the form as shown: a change counts from the update that shows it, as in the record', async () => {
    const el = await fixture<OptinForm>(html`<optin-form business-name="Blumen Berlin" endpoint="/receiver/consents"
      categories="offers" privacy-url="https://blumen.example/privacy" default-country="DE" lang="en"></optin-form>`);
    expect(el.complianceReport.blocked).to.equal(false);
    el.privacyUrl = '';
    // Not rendered yet: the person still sees (and would sign) the form with its privacy link.
    expect(el.complianceReport.blocked).to.equal(false);
    expect(shadow(el).querySelector('form')).to.not.equal(null);
    await el.updateComplete;
    expect(el.complianceReport.blocked).to.equal(true);
    expect(el.complianceReport.problems.map((p) => p.rule)).to.deep.equal(['privacy-linked']);
    expect(shadow(el).querySelector('form')).to.equal(null);
  });

  it('keeps nothing when read before the element is on a page', () => {
    const el = document.createElement('optin-form') as OptinForm;
    el.setAttribute('categories', 'offers');
    const report = el.complianceReport;
    expect(report.blocked).to.equal(true);
    expect(report.problems.map((p) => p.attribute)).to.include.members(['business-name', 'endpoint']);
    expect(el.configurationProblems, 'nothing stored by a read').to.deep.equal([]);
    expect(el.complianceReport).to.deep.equal(report);
  });
});
