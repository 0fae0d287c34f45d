import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type ReferenceManifest, renderReference } from '../../scripts/docs-reference-markdown.js';

function manifest(): ReferenceManifest {
  return JSON.parse(readFileSync('custom-elements.json', 'utf8')) as ReferenceManifest;
}

describe('docs/reference.md', () => {
  it('is exactly what custom-elements.json generates (run npm run analyze && npm run docs:reference after changing JSDoc)', () => {
    assert.equal(readFileSync('docs/reference.md', 'utf8'), renderReference(manifest()));
  });

  it('lists every element with its attributes, events, parts and CSS custom properties', () => {
    const page = renderReference(manifest());
    for (const tag of ['optin-form', 'optin-phone-input', 'optin-preferences']) assert.match(page, new RegExp(`^## \`<${tag}>\`$`, 'm'));
    for (const row of ['| `business-name` |', '| `optin-success` |', '| `confirm-qr` |', '| `--optin-color-accent` |', '| `country-listbox` |']) {
      assert.ok(page.includes(row), `missing row ${row}`);
    }
  });

  it('changes when the manifest loses a part, so a stale page is caught', () => {
    const changed = manifest();
    const form = changed.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'optin-form')!;
    form.cssParts = form.cssParts!.filter((part) => part.name !== 'confirm-qr');
    assert.notEqual(renderReference(changed), renderReference(manifest()));
    assert.ok(!renderReference(changed).includes('| `confirm-qr` |'));
  });
});
