// What a file is, from its first bytes rather than its name: a PNG renamed .jpg still reads,
// and a text file renamed .png is caught before any decoder sees it.

/** The image types the studio reads. */
export type ImageType = 'png' | 'jpeg' | 'webp';

export const IMAGE_TYPE_NAMES: Record<ImageType, string> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' };

/** An image the studio reads, with the size its header declares (before decoding anything). */
export interface ImageHeader {
  type: ImageType;
  width: number;
  height: number;
}

/**
 * What `bytes` hold: a readable image's type and declared size; `{ other }` naming another
 * kind ('GIF', 'zip', 'unknown'…); or `{ damaged }` when the signature says PNG, JPEG or WebP
 * but the header that follows is cut short or impossible.
 */
export type Sniffed = ImageHeader | { other: string } | { damaged: ImageType };

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return pngHeader(bytes);
  if (starts(bytes, [0xff, 0xd8, 0xff])) return jpegHeader(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webpHeader(bytes);
  return { other: otherKind(bytes) };
}

function pngHeader(b: Uint8Array): Sniffed {
  if (b.length < 33 || ascii(b, 12, 4) !== 'IHDR') return { damaged: 'png' };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return sized('png', view.getUint32(16), view.getUint32(20));
}

/** The first start-of-frame marker's size; markers before it are skipped by their lengths. */
function jpegHeader(b: Uint8Array): Sniffed {
  let at = 2;
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return { damaged: 'jpeg' };
    const marker = b[at + 1];
    // Fill bytes and markers that carry no length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // SOF0–SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized('jpeg', (b[at + 7] << 8) | b[at + 8], (b[at + 5] << 8) | b[at + 6]);
    }
    if (marker === 0xd9 || marker === 0xda) return { damaged: 'jpeg' };
    at += 2 + ((b[at + 2] << 8) | b[at + 3]);
  }
  return { damaged: 'jpeg' };
}

/** The canvas size of a lossy (VP8), lossless (VP8L) or extended (VP8X) WebP. */
function webpHeader(b: Uint8Array): Sniffed {
  if (b.length < 30) return { damaged: 'webp' };
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    if (!starts(b.subarray(23), [0x9d, 0x01, 0x2a])) return { damaged: 'webp' };
    return sized('webp', (b[26] | (b[27] << 8)) & 0x3fff, (b[28] | (b[29] << 8)) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return { damaged: 'webp' };
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    const width = 1 + (b[24] | (b[25] << 8) | (b[26] << 16));
    return sized('webp', width, 1 + (b[27] | (b[28] << 8) | (b[29] << 16)));
  }
  return { damaged: 'webp' };
}

function sized(type: ImageType, width: number, height: number): Sniffed {
  return width > 0 && height > 0 ? { type, width, height } : { damaged: type };
}

/** A name for a kind of file the studio does not read, for the note that skips it. */
function otherKind(b: Uint8Array): string {
  const head = ascii(b, 0, 12);
  if (head.startsWith('GIF8')) return 'GIF';
  if (head.startsWith('BM')) return 'BMP';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'TIFF';
  if (head.slice(4, 8) === 'ftyp') return /avi[fs]/.test(head.slice(8)) ? 'AVIF' : 'HEIC';
  if (head.startsWith('%PDF')) return 'PDF';
  if (starts(b, [0x50, 0x4b, 0x03, 0x04]) || starts(b, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts(b, [0, 0, 1, 0])) return 'ICO';
  if (/<svg[\s>]/i.test(ascii(b, 0, 1024))) return 'SVG';
  return 'unknown';
}

function starts(b: Uint8Array, signature: number[]): boolean {
  return b.length >= signature.length && signature.every((x, i) => b[i] === x);
}

function ascii(b: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...b.subarray(start, start + length));
}
