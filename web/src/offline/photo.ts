/**
 * Photos are made smaller on the phone before they are kept or sent: a field photo of 4000 px
 * and 5 MB becomes at most 1600 px and a few hundred KB of JPEG, which an outbox can hold and
 * a weak network can carry. Re-encoding also drops the camera's EXIF data (where it was taken),
 * so a small JPEG that carries some is re-encoded too.
 */

export const PHOTO_MAX_SIDE = 1600;
const QUALITY = 0.8;

/** The photo scaled so its longer side is at most `maxSide` pixels, as JPEG. */
export async function downscalePhoto(photo: Blob, maxSide = PHOTO_MAX_SIDE): Promise<Blob> {
  const bitmap = await createImageBitmap(photo);
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      context.drawImage(bitmap, 0, 0, width, height);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be encoded'))),
        'image/jpeg',
        QUALITY,
      ),
    );
  } finally {
    bitmap.close();
  }
}

/** Photos at most this large and this many pixels across go as they are (a PNG stays a PNG)… */
const SMALL_BYTES = 1024 * 1024;

/** …unless a JPEG carries EXIF data (an APP1 segment "Exif"), which can say where it was taken. */
async function carriesExif(photo: Blob): Promise<boolean> {
  if (photo.type !== 'image/jpeg') return false;
  // The segments before the image data are at the start of the file.
  const head = new Uint8Array(await photo.slice(0, 128 * 1024).arrayBuffer());
  const exif = [0x45, 0x78, 0x69, 0x66, 0, 0];
  let at = 2;
  while (at + 4 <= head.length && head[at] === 0xff && head[at + 1] !== 0xda) {
    const length = (head[at + 2] << 8) | head[at + 3];
    if (head[at + 1] === 0xe1 && exif.every((byte, i) => head[at + 4 + i] === byte)) return true;
    at += 2 + length;
  }
  return false;
}

/**
 * The photo as it should be kept and sent: small ones unchanged, larger ones (and any JPEG with
 * EXIF data) downscaled and re-encoded as JPEG, which leaves the EXIF data behind.
 */
export async function preparePhoto(photo: Blob): Promise<Blob> {
  let size: { width: number; height: number };
  try {
    const bitmap = await createImageBitmap(photo);
    size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
  } catch {
    // Not an image the browser can read: the server says so.
    return photo;
  }
  const small = photo.size <= SMALL_BYTES && Math.max(size.width, size.height) <= PHOTO_MAX_SIDE;
  if (small && !(await carriesExif(photo))) return photo;
  return downscalePhoto(photo);
}
