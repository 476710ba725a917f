/** Reading a QR code in the browser with a pure-JavaScript decoder (jsQR) over canvas pixels. */
import jsQR from 'jsqr';

/** Photos from phone cameras are large; a QR code reads as well from a picture this wide. */
const LARGEST_SIDE = 1600;

/** The text of the QR code in a canvas-drawable source, or null when none is found. */
export function decodeQr(source: CanvasImageSource, width: number, height: number): string | null {
  const scale = Math.min(1, LARGEST_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, w, h);
  const { data } = context.getImageData(0, 0, w, h);
  return jsQR(data, w, h, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The text of the QR code in a photo or picture file, or null when none is found. */
export async function decodeQrFile(file: Blob): Promise<string | null> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return decodeQr(image, image.naturalWidth, image.naturalHeight);
  } finally {
    URL.revokeObjectURL(url);
  }
}
