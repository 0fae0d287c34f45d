/** The ready-to-paste script tag and element for the current configuration. */
import { WIDGET_VERSION } from '../src/core/version.js';

const CDN = `https://cdn.jsdelivr.net/npm/optin-elements@${WIDGET_VERSION}/dist/cdn/optin-elements.min.js`;

function attributeValue(value: string): string {
  // JSON needs its double quotes, so such values are wrapped in single quotes.
  if (value.includes('"') && !value.includes("'")) return `'${value.replaceAll('&', '&amp;')}'`;
  return `"${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
}

/** `attributes`: name → value, `true` for a boolean attribute. `integrity` is the SRI hash when the build wrote one. */
export function embedSnippet(attributes: Array<[string, string | true]>, integrity?: string): string {
  const script = integrity
    ? `<script\n  src="${CDN}"\n  integrity="${integrity}"\n  crossorigin="anonymous"\n></script>`
    : `<script src="${CDN}" crossorigin="anonymous"></script>`;
  const lines = attributes.map(([name, value]) => (value === true ? name : `${name}=${attributeValue(value)}`));
  return `${script}\n\n<optin-form\n  ${lines.join('\n  ')}\n></optin-form>`;
}
