/**
 * Photos for browser tests, made and read byte by byte: a camera photo carrying where it was
 * taken (EXIF with GPS), a picture too large to upload as it is, and what a stored JPEG is.
 */
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** The segments of a JPEG up to its image data: marker and content (without the length). */
function jpegSegments(jpeg: Buffer): { marker: number; start: number; content: Buffer }[] {
  if (jpeg.readUInt16BE(0) !== 0xffd8) throw new Error('not a JPEG');
  const segments: { marker: number; start: number; content: Buffer }[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    const length = jpeg.readUInt16BE(at + 2);
    segments.push({ marker, start: at, content: jpeg.subarray(at + 4, at + 2 + length) });
    if (marker === 0xda) break; // start of scan: image data follows
    at += 2 + length;
  }
  return segments;
}

/** The width and height a JPEG declares in its frame header. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } {
  const frame = jpegSegments(jpeg).find((s) => s.marker >= 0xc0 && s.marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(s.marker));
  if (!frame) throw new Error('a JPEG without a frame header');
  return { height: frame.content.readUInt16BE(1), width: frame.content.readUInt16BE(3) };
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

/** Whether a JPEG carries EXIF data (an APP1 segment that starts "Exif"). */
export function hasExif(jpeg: Buffer): boolean {
  return jpegSegments(jpeg).some((s) => s.marker === 0xe1 && s.content.subarray(0, 6).equals(EXIF_HEADER));
}

/** An EXIF block (big-endian TIFF): the camera's make, and a GPS position in degrees, minutes and seconds. */
function exifWithLocation(make: string, lat: number, lon: number): Buffer {
  const ifd0 = 8;
  const makeAt = ifd0 + 2 + 2 * 12 + 4;
  const makeBytes = Buffer.from(`${make}\0`, 'latin1');
  const gps = makeAt + makeBytes.length + (makeBytes.length % 2);
  const latAt = gps + 2 + 4 * 12 + 4;
  const lonAt = latAt + 24;
  const tiff = Buffer.alloc(lonAt + 24);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(ifd0, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number | string) => {
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    if (typeof value === 'string') tiff.write(value, at + 8, 'latin1');
    else tiff.writeUInt32BE(value, at + 8);
  };
  tiff.writeUInt16BE(2, ifd0);
  entry(ifd0 + 2, 0x010f, 2, makeBytes.length, makeAt); // Make
  entry(ifd0 + 14, 0x8825, 4, 1, gps); // GPS IFD
  makeBytes.copy(tiff, makeAt);
  tiff.writeUInt16BE(4, gps);
  entry(gps + 2, 0x0001, 2, 2, 'N\0'); // GPSLatitudeRef
  entry(gps + 14, 0x0002, 5, 3, latAt); // GPSLatitude
  entry(gps + 26, 0x0003, 2, 2, 'E\0'); // GPSLongitudeRef
  entry(gps + 38, 0x0004, 5, 3, lonAt); // GPSLongitude
  const dms = (at: number, degrees: number) => {
    const minutes = (degrees % 1) * 60;
    const parts = [
      [Math.floor(degrees), 1],
      [Math.floor(minutes), 1],
      [Math.round((minutes % 1) * 60 * 100), 100],
    ];
    parts.forEach(([n, d], i) => {
      tiff.writeUInt32BE(n, at + i * 8);
      tiff.writeUInt32BE(d, at + i * 8 + 4);
    });
  };
  dms(latAt, lat);
  dms(lonAt, lon);
  return Buffer.concat([EXIF_HEADER, tiff]);
}

/**
 * A phone camera's photo: `width`×`height` pixels drawn and encoded as JPEG by the browser, with
 * an EXIF block naming the camera and where the photo was taken, as phones write it.
 */
export async function cameraPhoto(
  page: Page,
  { width, height, make, lat, lon }: { width: number; height: number; make: string; lat: number; lon: number },
): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      const sky = context.createLinearGradient(0, 0, w, h);
      sky.addColorStop(0, '#5a7fa8');
      sky.addColorStop(1, '#6b5a3e');
      context.fillStyle = sky;
      context.fillRect(0, 0, w, h);
      context.fillStyle = '#c8b27a';
      for (let i = 0; i < 40; i++) context.fillRect((i * 97) % w, (i * 61) % h, w / 12, h / 15);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    [width, height] as const,
  );
  const jpeg = Buffer.from(base64, 'base64');
  // After the JFIF header the browser writes, where a camera puts its EXIF block.
  const app0 = jpegSegments(jpeg).find((s) => s.marker === 0xe0);
  const at = app0 ? app0.start + 4 + app0.content.length : 2;
  const exif = exifWithLocation(make, lat, lon);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(exif.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, at), header, exif, jpeg.subarray(at)]);
}

/** A PNG of random pixels, which no compression makes smaller: `width`×`height` RGB is about 3 bytes a pixel. */
export function noisePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits a channel, RGB, no interlace
  const rows = randomBytes(height * (1 + width * 3));
  for (let y = 0; y < height; y++) rows[y * (1 + width * 3)] = 0; // no filter
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
