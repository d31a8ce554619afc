// The image studio's seed, once decoded: the one shape image input, the image model, its
// metrics and the image export all share.

/** Working sizes the image model trains at (square, in pixels). */
export type ImageSize = 16 | 32 | 64;
export const IMAGE_SIZES: readonly ImageSize[] = [16, 32, 64];

/** 1: grey; 3: colour (RGB). */
export type Channels = 1 | 3;

/** How an image that is not square is fitted to the working size. */
export type Fit = 'crop' | 'pad';

/** What the user chose for the working images. */
export interface ImageChoices {
  size: ImageSize;
  channels: Channels;
  fit: Fit;
}

/**
 * Images at one working size, each with a label. Pixels are NHWC float32 in [-1, 1]
 * (`count × size × size × channels`), image i at `i * size * size * channels`.
 */
export interface ImageSet {
  size: ImageSize;
  channels: Channels;
  /** Label names; a label's index is its class id. Files outside any folder share one label. */
  labels: string[];
  pixels: Float32Array;
  /** Each image's class id (an index into `labels`). */
  labelOf: Int32Array;
  /** Each image's path in the upload (for messages and memorisation pairs). */
  names: string[];
  count: number;
}

/** The values of one image in `set` (a view, not a copy). */
export function imageAt(set: ImageSet, i: number): Float32Array {
  const n = set.size * set.size * set.channels;
  return set.pixels.subarray(i * n, (i + 1) * n);
}
