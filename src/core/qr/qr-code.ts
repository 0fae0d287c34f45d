/**
 * A minimal QR code encoder: byte mode (UTF-8), error correction level M, versions 1–40,
 * automatic mask, 2-module light border. It follows Nayuki's QR Code generator step by step (as
 * `uqr`, which test/node/qr-code.test.ts holds it to), without the numeric and alphanumeric modes,
 * the other levels and the classes: our only input is a `https://wa.me/…` link. Like uqr's
 * `encode()` (whose `boostEcc` is off unless asked for), it keeps level M even where a higher level
 * would fit the same version.
 */

// Level M, versions 1–40, one character per version (value = char code − 48): error correction
// codewords per block (halved: all are even), then the number of blocks.
const ECC_HALVES = '58=9<89;;=?;;<<>>====' + '>'.repeat(19);
const BLOCKS = '11122444555899::;=>@AABDEGIJLMOQSUVX[]_a';

/** The UTF-8 bytes of `text` as a QR code, row by row (`true` is dark); throws if they do not fit. */
/** A QR code's modules, row by row (`true` = dark), quiet zone included. */
export interface QrCode {
  size: number;
  modules: boolean[];
}

export function encodeQr(text: string): QrCode {
  const bytes = new TextEncoder().encode(text);
  let version = 0;
  let codewords: number; // data and error correction, all blocks
  let dataCodewords: number;
  let blocks: number;
  let eccLength: number;
  // The smallest version whose capacity holds mode (4 bits), byte count (8 or 16 bits) and bytes.
  do {
    if (++version > 40) throw new Error(`QR code: ${bytes.length} bytes do not fit (at most 2331 at level M)`);
    const align = version < 2 ? 0 : ((version / 7) | 0) + 2;
    // Modules left for data once finder, timing, alignment, format and version patterns are drawn.
    codewords = ((16 * version + 128) * version + 64 - (align && (25 * align - 10) * align - 55) - (version < 7 ? 0 : 36)) >> 3;
    eccLength = 2 * ECC_HALVES.charCodeAt(version - 1) - 96;
    blocks = BLOCKS.charCodeAt(version - 1) - 48;
    dataCodewords = codewords - eccLength * blocks;
  } while (dataCodewords * 8 < 4 + (version < 10 ? 8 : 16) + 8 * bytes.length);

  // The bit stream: byte mode, count, bytes, terminator, pad bytes. In byte mode the header leaves
  // the stream 4 bits past a byte boundary, so the 4-bit terminator always fits and aligns it.
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    while (length--) bits.push((value >> length) & 1);
  };
  const capacity = dataCodewords * 8;
  put(4, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  bytes.forEach((byte) => put(byte, 8));
  put(0, 4);
  for (let pad = 236; bits.length < capacity; pad ^= 253) put(pad, 8); // 236, 17, 236, …
  const data: number[] = [];
  bits.forEach((bit, i) => (data[i >> 3] = (data[i >> 3] << 1) | bit));

  // Reed–Solomon over GF(256) with the QR polynomial 0x11D.
  const multiply = (x: number, y: number) => {
    let z = 0;
    for (let i = 8; i--;) z = (z << 1) ^ ((z >> 7) * 285) ^ (((y >> i) & 1) * x);
    return z;
  };
  const divisor: number[] = Array(eccLength - 1).fill(0);
  divisor.push(1);
  for (let i = 0, root = 1; i < eccLength; i++, root = multiply(root, 2)) {
    divisor.forEach((coefficient, j) => (divisor[j] = multiply(coefficient, root) ^ (divisor[j + 1] | 0)));
  }
  // Blocks: the first ones are one data byte shorter (the last is the longest); interleave data
  // bytes, then ECC bytes.
  const shortBlocks = blocks - (codewords % blocks);
  const shortData = ((codewords / blocks) | 0) - eccLength;
  const dataBlocks: number[][] = [];
  const eccBlocks: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const block = data.slice(k, (k += shortData + (i < shortBlocks ? 0 : 1)));
    const remainder = divisor.map(() => 0);
    block.forEach((byte) => {
      const factor = byte ^ remainder.shift()!;
      remainder.push(0);
      divisor.forEach((coefficient, j) => (remainder[j] ^= multiply(coefficient, factor)));
    });
    dataBlocks.push(block);
    eccBlocks.push(remainder);
  }
  const stream: number[] = [];
  for (const parts of [dataBlocks, eccBlocks]) {
    for (let i = 0; i < parts[blocks - 1].length; i++) parts.forEach((part) => i < part.length && stream.push(part[i]));
  }

  // The matrix, flat: `modules` 1 = dark, `fixed` marks function patterns (never masked).
  const size = version * 4 + 17;
  const modules: number[] = Array(size * size).fill(0);
  const fixed: number[] = [];
  const set = (x: number, y: number, dark: number | boolean) => {
    modules[y * size + x] = +dark;
    fixed[y * size + x] = 1;
  };
  // A BCH code word: `data` followed by the remainder of its division by `poly`.
  const bch = (data: number, length: number, poly: number) => {
    let rest = data;
    for (let i = 0; i < length; i++) rest = (rest << 1) ^ ((rest >> (length - 1)) * poly);
    return (data << length) | rest;
  };
  // Format information (level M is 00, so the data is the mask alone), in two copies.
  const drawFormat = (mask: number) => {
    const format = bch(mask, 10, 1335) ^ 21522;
    for (let i = 0; i < 15; i++) {
      const bit = (format >> i) & 1;
      if (i < 8) {
        set(8, i < 6 ? i : i + 1, bit);
        set(size - 1 - i, 8, bit);
      } else {
        set(i < 9 ? 7 : 14 - i, 8, bit);
        set(8, size - 15 + i, bit);
      }
    }
    set(8, size - 8, 1); // the dark module
  };

  // A square pattern centred on (cx, cy), cut at the edge; `dark` has bit d set where the ring at
  // distance d from the centre is dark.
  const square = (cx: number, cy: number, radius: number, dark: number) => {
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, (dark >> Math.max(Math.abs(dx), Math.abs(dy))) & 1);
      }
    }
  };
  // Timing patterns.
  for (let i = 0; i < size; i++) {
    set(6, i, !(i & 1));
    set(i, 6, !(i & 1));
  }
  // Finder patterns (dark rings 0, 1, 3) with their light separator (ring 4).
  square(3, 3, 4, 11);
  square(size - 4, 3, 4, 11);
  square(3, size - 4, 4, 11);
  // Alignment patterns (dark rings 0, 2) on a grid of positions, except where it meets the finder patterns.
  const positions = version < 2 ? [] : [6];
  const step = version == 32 ? 26 : Math.ceil((version * 4 + 4) / (((version / 7) | 0) * 2 + 2)) * 2;
  for (let p = size - 7; positions.length && positions.length < ((version / 7) | 0) + 2; p -= step) positions.splice(1, 0, p);
  const last = positions.length - 1;
  positions.forEach((cx, i) => positions.forEach((cy, j) => (i || j) && (i || j != last) && (i != last || j) && square(cx, cy, 2, 5)));
  drawFormat(0); // reserves the format areas; drawn again once the mask is chosen
  if (version > 6) {
    const versionBits = bch(version, 12, 7973);
    for (let i = 0; i < 18; i++) {
      const a = size - 11 + (i % 3);
      const b = (i / 3) | 0;
      set(a, b, (versionBits >> i) & 1);
      set(b, a, (versionBits >> i) & 1);
    }
  }

  // Codewords in two-column zigzags from the bottom right, skipping the vertical timing column.
  // Bits past the stream (the remainder bits) stay light.
  let bit = 0;
  for (let right = size - 1; right > 0; right -= 2) {
    if (right == 6) right = 5;
    for (let vertical = 0; vertical < size; vertical++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = (right + 1) & 2 ? vertical : size - 1 - vertical;
        if (!fixed[y * size + x]) modules[y * size + x] = (stream[bit >> 3] >> (7 - (bit++ & 7))) & 1;
      }
    }
  }

  // The eight masks: a module is inverted where its mask gives 0. Applying a mask twice undoes it.
  const masks = [
    (x: number, y: number) => (x + y) % 2,
    (_: number, y: number) => y % 2,
    (x: number) => x % 3,
    (x: number, y: number) => (x + y) % 3,
    (x: number, y: number) => (((x / 3) | 0) + ((y / 2) | 0)) % 2,
    (x: number, y: number) => ((x * y) % 2) + ((x * y) % 3),
    (x: number, y: number) => (((x * y) % 2) + ((x * y) % 3)) % 2,
    (x: number, y: number) => (((x + y) % 2) + ((x * y) % 3)) % 2,
  ];
  const applyMask = (mask: number) =>
    modules.forEach((_, i) => {
      if (!fixed[i] && !masks[mask](i % size, (i / size) | 0)) modules[i] ^= 1;
    });

  // Penalty rules N1–N4 of the standard, computed exactly as Nayuki does (his reading of N3
  // counts a finder-like run next to 4 light modules, the area beyond the edge counting as light).
  const penalty = () => {
    let score = 0;
    let dark = 0;
    for (let a = 0; a < size; a++) {
      for (const at of [(b: number) => modules[a * size + b], (b: number) => modules[b * size + a]]) {
        let color = 0;
        let run = 0;
        const history = [0, 0, 0, 0, 0, 0, 0];
        const addRun = (length: number) => {
          history.pop();
          history.unshift(length + (history[0] ? 0 : size)); // the first run starts at the light edge
        };
        const finderLike = () => {
          const n = history[1];
          const core = n > 0 && history[2] == n && history[3] == n * 3 && history[4] == n && history[5] == n;
          return core ? (history[0] >= n * 4 && history[6] >= n ? 40 : 0) + (history[6] >= n * 4 && history[0] >= n ? 40 : 0) : 0;
        };
        for (let b = 0; b < size; b++) {
          if (at(b) == color) {
            if (++run == 5) score += 3;
            else if (run > 5) score++;
          } else {
            addRun(run);
            if (!color) score += finderLike();
            color = at(b);
            run = 1;
          }
        }
        if (color) {
          addRun(run);
          run = 0;
        }
        addRun(run + size);
        score += finderLike();
      }
    }
    modules.forEach((color, i) => {
      dark += color;
      // 2×2 blocks of one colour (i is the top left, not in the last row or column)
      if (i % size < size - 1 && i < size * (size - 1) && color == modules[i + 1] && color == modules[i + size] && color == modules[i + size + 1]) score += 3;
    });
    const total = size * size;
    return score + (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
  };

  let best = 0;
  for (let mask = 0, lowest = 1e9; mask < 8; mask++) {
    applyMask(mask);
    drawFormat(mask);
    const score = penalty();
    if (score < lowest) {
      best = mask;
      lowest = score;
    }
    applyMask(mask);
  }
  applyMask(best);
  drawFormat(best);

  const bordered = size + 4;
  return {
    size: bordered,
    modules: Array.from({ length: bordered * bordered }, (_, i) => {
      const x = (i % bordered) - 2;
      const y = ((i / bordered) | 0) - 2;
      return x >= 0 && y >= 0 && x < size && y < size && modules[y * size + x] == 1;
    }),
  };
}
