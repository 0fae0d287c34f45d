import { html, type TemplateResult } from 'lit';
import type { QrCode } from '../../core/qr-code.js';

/** The double opt-in step: the code, the wa.me link carrying it, and, once drawn, its QR code. */
export interface Confirmation {
  code: string;
  link: string;
  qr?: QrCode;
}

/**
 * A QR code as inline SVG: one path of black modules on a white square (scanners need
 * that contrast in dark themes too), so it needs no canvas, no image and no network.
 */
export function confirmationQr({ size, modules }: QrCode, label: string): TemplateResult {
  let path = '';
  modules.forEach((dark, i) => {
    if (dark) path += `M${i % size} ${(i / size) | 0}h1v1h-1z`;
  });
  return html`<svg part="confirm-qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}
