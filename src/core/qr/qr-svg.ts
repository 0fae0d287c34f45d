import { encodeQr } from './qr-code.js';

/** Light modules around the code: `encodeQr` draws 2, printed codes want the standard 4. */
const EXTRA_QUIET_ZONE = 2;

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

/**
 * A standalone SVG file of the QR code of `text`: black modules on white, a
 * 4-module quiet zone, `crispEdges` so a print shop's scaling keeps them square.
 * Throws when `text` is too long for a QR code.
 */
export function qrSvg(text: string, title = text): string {
  const { size, modules } = encodeQr(text);
  const full = size + 2 * EXTRA_QUIET_ZONE;
  let path = '';
  modules.forEach((dark, i) => {
    if (dark) path += `M${(i % size) + EXTRA_QUIET_ZONE} ${((i / size) | 0) + EXTRA_QUIET_ZONE}h1v1h-1z`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" width="${full * 10}" height="${full * 10}" shape-rendering="crispEdges" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${full}" height="${full}" fill="#fff"/>`,
    `<path d="${path}" fill="#000"/>`,
    '</svg>',
    '',
  ].join('\n');
}
