/**
 * `optin-elements qr`: a QR code for a poster, a shelf or a package, as an SVG
 * (or PNG) file. It points at the landing page with `optin_source` set, or at
 * a wa.me chat with the business.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { landingPageLink, whatsappChatLink } from '../core/qr/poster-link.js';
import { qrSvg } from '../core/qr/qr-svg.js';
import { qrPng } from './qr-png.js';

export const QR_COMMAND_USAGE = `       optin-elements qr --url https://shop.example/join [--source qr] --out poster.svg|poster.png
       optin-elements qr --wa-me +4930123456 --text "Hello" --out chat.svg|chat.png

  qr         writes a QR code: --url opens your landing page with ?optin_source=SOURCE (default qr),
             so one page serves every poster; --wa-me opens a WhatsApp chat with your number,
             --text typed in`;

/** Returns the exit code; every refusal names the option and writes nothing. */
export function runQrCommand(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      source: { type: 'string', default: 'qr' },
      'wa-me': { type: 'string' },
      text: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if ((values.url === undefined) === (values['wa-me'] === undefined)) {
    console.error('qr: give either --url (a landing page) or --wa-me (a WhatsApp number), not both and not neither');
    return 2;
  }
  if (!values.out) {
    console.error('qr: --out is required: the file to write, ending in .svg or .png');
    return 2;
  }
  const format = extname(values.out).toLowerCase();
  if (format !== '.svg' && format !== '.png') {
    console.error(`qr: --out must end in .svg or .png, got ${JSON.stringify(values.out)}`);
    return 2;
  }
  const link = values.url !== undefined ? landingPageLink(values.url, values.source) : whatsappChatLink(values['wa-me']!, values.text ?? '');
  if (!link.ok) {
    console.error(`qr: ${link.message}`);
    return 2;
  }
  let file: string | Buffer;
  try {
    file = format === '.svg' ? qrSvg(link.url) : qrPng(link.url);
  } catch (error) {
    console.error(`qr: the link is too long for a QR code (${link.url.length} characters): ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  writeFileSync(values.out, file);
  console.log(`${values.out}: QR code of ${link.url}`);
  return 0;
}
