import { html, type TemplateResult } from 'lit';
import { encode } from 'uqr';

/**
 * A QR code as inline SVG: one path of dark modules, drawn in `currentColor`
 * on a light square, so it needs no canvas, no image and no network.
 */
export function confirmationQr(text: string, label: string): TemplateResult {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return html`<svg part="confirm-qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}
