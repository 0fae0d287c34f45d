import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type CustomElementsManifest, type ElementTruth, definedElements, manifestGaps, sourceFacts } from '../support/manifest-gaps.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Runtime attributes: what Lit really observes (decorators resolved), not what a regex guesses. */
async function elementTruths(): Promise<ElementTruth[]> {
  const truths: ElementTruth[] = [];
  for (const { tagName, className, folder } of definedElements()) {
    const module = (await import(`../../${folder}/${tagName}.js`)) as Record<string, { observedAttributes: string[] }>;
    truths.push({ tagName, attributes: [...module[className].observedAttributes], ...sourceFacts(folder) });
  }
  return truths;
}

function readManifest(): CustomElementsManifest {
  return JSON.parse(readFileSync(pkg.customElements, 'utf8')) as CustomElementsManifest;
}

describe('custom-elements.json', () => {
  it('is named by package.json "customElements" and shipped in the package', () => {
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('custom-elements.json'));
    assert.ok(readManifest().schemaVersion, 'run npm run analyze (part of npm run build) first');
  });

  it('documents every element, attribute, event, part and CSS custom property the code has', async () => {
    const truths = await elementTruths();
    for (const tag of ['optin-form', 'optin-phone-input'])
      assert.ok(
        truths.some((t) => t.tagName === tag),
        `no define file registers <${tag}>`,
      );
    // The scan itself must see the public contract, or a gap could hide behind it.
    const form = truths.find((t) => t.tagName === 'optin-form')!;
    assert.ok(form.attributes.includes('business-name'));
    for (const name of ['optin-submit', 'optin-success', 'optin-error']) assert.ok(form.events.includes(name), `scan misses ${name}`);
    assert.deepEqual(manifestGaps(readManifest(), truths), []);
  });

  it('reports an element, attribute or event that is missing from the manifest', async () => {
    const truths = await elementTruths();
    const manifest = readManifest();
    const form = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'optin-form')!;
    form.attributes = form.attributes!.filter((a) => a.name !== 'business-name');
    form.events = form.events!.filter((e) => e.name !== 'optin-success');
    const input = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'optin-phone-input')!;
    delete input.tagName;
    assert.deepEqual(manifestGaps(manifest, truths), [
      '<optin-form> attribute "business-name" is missing',
      '<optin-form> event "optin-success" is missing (add @event)',
      '<optin-phone-input> is missing (add a @tag optin-phone-input JSDoc tag to its class)',
    ]);
  });
});
