// Image decoding in the training worker, with the browser's own codecs (PNG, JPEG, WebP),
// off the main thread.

import type { DecodeImage } from '../core/data/images/decode';

const MIME = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;

export const decodeImageInWorker: DecodeImage = async (bytes, type) => {
  // The bytes come from a File or a zip entry, never a SharedArrayBuffer.
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME[type] });
  // Unpremultiplied and untouched by colour management, so the pixels are the file's own.
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const { width, height } = bitmap;
    const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2D canvas in this worker');
    context.drawImage(bitmap, 0, 0);
    return { width, height, rgba: context.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
};
