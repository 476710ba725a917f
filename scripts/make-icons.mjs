#!/usr/bin/env node
// Draws the app icons (web/public/icons/*.png) that make the web app installable: the blue
// square of the favicon with a white ring and cross, full-bleed so it also serves as "maskable".
// Pure Node (zlib), so anyone can redraw them: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const out = join(import.meta.dirname, '..', 'web', 'public', 'icons');
const BLUE = [0x0b, 0x3a, 0x82];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function pixel(size, x, y) {
  const c = (size - 1) / 2;
  const r = Math.hypot(x - c, y - c) / size;
  // The safe zone of a maskable icon is the inner 80%: the drawing stays within 0.3 of the size.
  const ring = r > 0.22 && r < 0.29;
  const bar = size * 0.045;
  const arm = size * 0.16;
  const cross = (Math.abs(x - c) < bar && Math.abs(y - c) < arm) || (Math.abs(y - c) < bar && Math.abs(x - c) < arm);
  return ring || cross ? WHITE : BLUE;
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) row.set(pixel(size, x, y), 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(out, { recursive: true });
for (const size of [192, 512]) writeFileSync(join(out, `icon-${size}.png`), png(size));
writeFileSync(join(out, 'apple-touch-icon.png'), png(180));
