import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { encodeQr } from '../../src/core/qr/qr-code.js';

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** The dark modules an SVG written by `qr` draws, back as a grid, quiet zone removed. */
function modulesOfSvg(svg: string): { size: number; modules: boolean[] } {
  const full = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1]);
  const size = full - 4;
  const modules = new Array<boolean>(size * size).fill(false);
  for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) modules[(Number(y) - 2) * size + Number(x) - 2] = true;
  return { size, modules };
}

/** Reads the 1-bit PNG back: the centre pixel of each module. */
function modulesOfPng(png: Buffer, scale = 10): { size: number; modules: boolean[] } {
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  const width = png.readUInt32BE(16);
  assert.equal(png[24], 1, 'bit depth 1');
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = Math.ceil(width / 8) + 1;
  const size = width / scale - 4;
  const modules: boolean[] = [];
  for (let my = 0; my < size; my++) {
    for (let mx = 0; mx < size; mx++) {
      const x = (mx + 2) * scale + scale / 2;
      const y = (my + 2) * scale + scale / 2;
      modules.push((raw[y * rowBytes + 1 + (x >> 3)] & (0x80 >> (x & 7))) === 0);
    }
  }
  return { size, modules };
}

describe('optin-elements qr', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'optin-qr-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes an SVG poster code of the landing page with optin_source=qr', async () => {
    const out = join(dir, 'poster.svg');
    const { code, out: stdout } = await cli(['qr', '--url', 'https://shop.example/join?lang=de', '--source', 'qr', '--out', out]);
    assert.equal(code, 0);
    const expected = 'https://shop.example/join?lang=de&optin_source=qr';
    assert.match(stdout, new RegExp(expected.replace(/[?.]/g, '\\$&')));
    assert.deepEqual(modulesOfSvg(readFileSync(out, 'utf8')), encodeQr(expected));
  });

  it('writes a PNG of the same code, the source given', async () => {
    const out = join(dir, 'shelf.png');
    const { code } = await cli(['qr', '--url', 'https://shop.example/join', '--source', 'in-store', '--out', out]);
    assert.equal(code, 0);
    assert.deepEqual(modulesOfPng(readFileSync(out)), encodeQr('https://shop.example/join?optin_source=in-store'));
  });

  it('writes a wa.me code that opens a chat with the business, the text typed in', async () => {
    const out = join(dir, 'chat.svg');
    const { code } = await cli(['qr', '--wa-me', '+49 30 123456', '--text', 'Hello Blumen Berlin', '--out', out]);
    assert.equal(code, 0);
    assert.deepEqual(modulesOfSvg(readFileSync(out, 'utf8')), encodeQr('https://wa.me/4930123456?text=Hello%20Blumen%20Berlin'));
  });

  for (const [url, reason] of [
    ['javascript:alert(1)', /must be an http\(s\) URL, got the scheme "javascript:"/],
    ['ftp://shop.example/join', /must be an http\(s\) URL, got the scheme "ftp:"/],
    ['shop.example/join', /is not an absolute URL/],
  ] as const) {
    it(`refuses --url ${url} with a precise error and writes nothing`, async () => {
      const out = join(dir, `refused-${encodeURIComponent(url)}.svg`);
      const { code, err } = await cli(['qr', '--url', url, '--out', out]);
      assert.equal(code, 2);
      assert.match(err, reason);
      assert.equal(existsSync(out), false);
    });
  }

  it('refuses an unknown source, the receiver-only source "import", a bad number and a bad file type', async () => {
    const out = join(dir, 'refused.svg');
    const cases: Array<[string[], RegExp]> = [
      [['--url', 'https://shop.example/', '--source', 'poster'], /--source "poster" is not one of: website, landing-page, qr/],
      [['--url', 'https://shop.example/', '--source', 'import'], /--source "import" is not one of/],
      [['--wa-me', '12', '--text', 'Hi'], /--wa-me "12" is not a phone number/],
      [['--wa-me', '+4930123456'], /--text is empty/],
      [['--url', 'https://shop.example/', '--out', join(dir, 'x.gif')], /--out must end in \.svg or \.png/],
    ];
    for (const [args, reason] of cases) {
      const { code, err } = await cli(['qr', ...args, ...(args.includes('--out') ? [] : ['--out', out])]);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, reason);
    }
    assert.equal(existsSync(out), false);
  });
});
