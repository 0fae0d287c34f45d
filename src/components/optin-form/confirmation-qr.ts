import { html, nothing, type TemplateResult } from 'lit';
import { encodeQr } from '../../core/qr-code.js';

/**
 * A QR code as inline SVG: one path of black modules on a white square (scanners need
 * that contrast in dark themes too), so it needs no canvas, no image and no network.
 * A text too long for a QR code draws nothing (the link beside it still works).
 */
export function confirmationQr(text: string, label: string): TemplateResult | typeof nothing {
  let qr: ReturnType<typeof encodeQr>;
  try {
    qr = encodeQr(text);
  } catch (error) {
    // The wa.me link is short; should a message ever outgrow a QR code, the page keeps running.
    console.warn(`[optin-elements] <optin-form>: the confirmation link is shown without a QR code. ${error}`);
    return nothing;
  }
  const { size, modules } = qr;
  let path = '';
  modules.forEach((dark, i) => {
    if (dark) path += `M${i % size} ${(i / size) | 0}h1v1h-1z`;
  });
  return html`<svg part="confirm-qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}
