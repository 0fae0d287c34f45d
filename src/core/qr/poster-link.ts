/**
 * The links a printed QR code carries: a landing page told which poster it
 * came from (`optin_source`), or a wa.me link that opens a WhatsApp chat with
 * the business. Checked here, so nothing unusable is ever printed.
 */
import { whatsappConfirmationLink, whatsappNumberDigits } from '../messages/confirmation-code.js';
import { SOURCE_QUERY_PARAMETER, isPageSource, pageSources } from '../record/page-source.js';

export type PosterLink = { ok: true; url: string } | { ok: false; message: string };

/** `url` with `optin_source=SOURCE` added (any earlier one replaced); only http(s) URLs. */
export function landingPageLink(url: string, source: string): PosterLink {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: `--url ${JSON.stringify(url)} is not an absolute URL: give one such as https://shop.example/join` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, message: `--url must be an http(s) URL, got the scheme "${parsed.protocol}": a phone would not open it as a web page` };
  }
  if (!isPageSource(source)) {
    return { ok: false, message: `--source ${JSON.stringify(source)} is not one of: ${pageSources().join(', ')}` };
  }
  parsed.searchParams.set(SOURCE_QUERY_PARAMETER, source);
  return { ok: true, url: parsed.href };
}

/** A wa.me link that opens a chat with the business, `text` typed in for the person to send. */
export function whatsappChatLink(businessNumber: string, text: string): PosterLink {
  const digits = whatsappNumberDigits(businessNumber);
  if (!digits) {
    return { ok: false, message: `--wa-me ${JSON.stringify(businessNumber)} is not a phone number with country code, such as +4930123456` };
  }
  if (!text.trim()) return { ok: false, message: '--text is empty: give the first message the person sends, such as "Hello"' };
  return { ok: true, url: whatsappConfirmationLink(digits, text) };
}
