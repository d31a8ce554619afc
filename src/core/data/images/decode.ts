// The decoder the image scan is given, so the core stays free of the DOM: the worker decodes
// with the browser's own codecs, the command line with pure-JS ones.

import type { ImageType } from './sniff';

export interface DecodedImage {
  width: number;
  height: number;
  /** `width × height × 4` bytes, RGBA, not premultiplied. */
  rgba: Uint8ClampedArray | Uint8Array;
}

/**
 * Decodes one image whose type was read from its bytes. Rejects with any error for a damaged
 * image (the scan skips it and names it), or with an InputError whose message the scan passes
 * on when this decoder cannot read a type at all (WebP under Node).
 */
export type DecodeImage = (bytes: Uint8Array, type: ImageType, name: string) => Promise<DecodedImage>;
