/**
 * A QR code as a PNG, with Node's own zlib (deflate and CRC-32): 1-bit
 * greyscale, `scale` pixels per module, a 4-module quiet zone. No image
 * library: a QR code is only black and white squares.
 */
import { crc32, deflateSync } from 'node:zlib';
import { encodeQr } from '../core/qr/qr-code.js';

const EXTRA_QUIET_ZONE = 2;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export function qrPng(text: string, scale = 10): Buffer {
  const { size, modules } = encodeQr(text);
  const modulesWide = size + 2 * EXTRA_QUIET_ZONE;
  const pixels = modulesWide * scale;
  const rowBytes = Math.ceil(pixels / 8);
  const raw = Buffer.alloc((rowBytes + 1) * pixels); // each row: filter byte 0, then bits (1 = white)
  for (let y = 0; y < pixels; y++) {
    const row = y * (rowBytes + 1);
    const my = Math.floor(y / scale) - EXTRA_QUIET_ZONE;
    for (let x = 0; x < pixels; x++) {
      const mx = Math.floor(x / scale) - EXTRA_QUIET_ZONE;
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && modules[my * size + mx];
      if (!dark) raw[row + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(pixels, 0);
  header.writeUInt32BE(pixels, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
