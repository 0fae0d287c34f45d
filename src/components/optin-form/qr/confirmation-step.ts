/**
 * The double opt-in step (`<optin-form confirm-number>`): the short code derived from the record's
 * id, the wa.me link carrying it, and its QR code. Code of the QR chunk, fetched only by forms with
 * `confirm-number` while the record is being sent; Lit's `html` comes from the form, so the chunk
 * carries no second copy of Lit.
 */
import type { html as litHtml, TemplateResult } from 'lit';
import { confirmationCodeFor, whatsappConfirmationLink } from '../../../core/messages/confirmation-code.js';
import { encodeQr, type QrCode } from '../../../core/qr/qr-code.js';
import type { Translate } from '../../../core/notice/consent-notice.js';
import englishConfirm from '../../../i18n/english/en-confirm.js';

export { encodeQr } from '../../../core/qr/qr-code.js';

/** The step's English texts, added to the form's English when the chunk arrives (locale-registry.ts). */
export const englishTexts = { confirm: englishConfirm };

export interface Confirmation {
  code: string;
  link: string;
  qr?: QrCode;
}

/** The step for the record `recordId`: `message(code)` is the text the person sends back. */
export async function confirmationFor(recordId: string, businessNumber: string, message: (code: string) => string): Promise<Confirmation> {
  const code = await confirmationCodeFor(recordId);
  const link = whatsappConfirmationLink(businessNumber, message(code));
  try {
    return { code, link, qr: encodeQr(link) };
  } catch (error) {
    // Too long a link for a QR code: the link and the code still work.
    console.warn(`[optin-elements] <optin-form>: the confirmation link is shown without a QR code. ${error}`);
    return { code, link };
  }
}

/**
 * A QR code as inline SVG: one path of black modules on a white square (scanners need
 * that contrast in dark themes too), so it needs no canvas, no image and no network.
 */
export function confirmationQr(html: typeof litHtml, { size, modules }: QrCode, label: string): TemplateResult {
  let path = '';
  modules.forEach((dark, i) => {
    if (dark) path += `M${i % size} ${(i / size) | 0}h1v1h-1z`;
  });
  return html`<svg part="confirm-qr" role="img" aria-label=${label} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}

export function renderConfirmation(html: typeof litHtml, t: Translate, confirmation: Confirmation): TemplateResult {
  return html`<div part="confirm" class="confirm">
    <p>${t('confirm.lead')}</p>
    <a part="confirm-link" class="confirm-link" href=${confirmation.link} target="_blank" rel="noopener">${t('confirm.link')}</a>
    <p part="confirm-code" class="confirm-code">${t('confirm.code', { code: confirmation.code })}</p>
    ${confirmation.qr ? confirmationQr(html, confirmation.qr, t('confirm.qr')) : ''}
  </div>`;
}
