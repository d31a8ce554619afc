// The second phase of the image input: the working set at the size, colour and fit chosen,
// made from the kept pixels of a scan.

import type { ImageChoices, ImageSet } from './imageSet';
import { resample } from './resize';
import type { ImageScan, ScannedImage } from './scan';

/**
 * Every image of `scan` fitted to a square (`crop`: the centre square; `pad`: the whole image
 * centred on a square filled with the mean colour of its outermost pixels, so a photo's edge
 * or an icon's background carries on rather than a black band), resampled to `choices.size`,
 * grey as luma (0.299 R + 0.587 G + 0.114 B) or RGB, scaled to [-1, 1]: pixels NHWC, float32,
 * `count × size × size × channels`. Deterministic.
 */
export function toImageSet(scan: ImageScan, choices: ImageChoices): ImageSet {
  const { size, channels } = choices;
  const perImage = size * size * channels;
  const pixels = new Float32Array(scan.images.length * perImage);
  const index = new Map(scan.labels.map((label, i) => [label, i]));
  scan.images.forEach((image, n) => {
    const { side, rgb } = choices.fit === 'crop' ? cropped(image) : padded(image);
    const values = resample(rgb, side, side, 3, size, size);
    const out = pixels.subarray(n * perImage, (n + 1) * perImage);
    for (let p = 0; p < size * size; p++) {
      const [r, g, b] = [values[p * 3], values[p * 3 + 1], values[p * 3 + 2]];
      if (channels === 1) out[p] = (0.299 * r + 0.587 * g + 0.114 * b) / 127.5 - 1;
      else {
        out[p * 3] = r / 127.5 - 1;
        out[p * 3 + 1] = g / 127.5 - 1;
        out[p * 3 + 2] = b / 127.5 - 1;
      }
    }
  });
  return {
    size,
    channels,
    labels: [...scan.labels],
    pixels,
    labelOf: Int32Array.from(scan.images, (image) => index.get(image.label)!),
    names: scan.images.map((image) => image.path),
    count: scan.images.length,
  };
}

/** The centre square (when the difference is odd, the extra pixel is on the right or bottom). */
function cropped(image: ScannedImage): { side: number; rgb: Uint8Array } {
  const { keptWidth: w, keptHeight: h, rgb } = image;
  const side = Math.min(w, h);
  if (w === h) return { side, rgb };
  const x0 = Math.floor((w - side) / 2);
  const y0 = Math.floor((h - side) / 2);
  const out = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) out.set(rgb.subarray(((y + y0) * w + x0) * 3, ((y + y0) * w + x0 + side) * 3), y * side * 3);
  return { side, rgb: out };
}

/** The whole image centred on a square of its border's mean colour. */
function padded(image: ScannedImage): { side: number; rgb: Uint8Array } {
  const { keptWidth: w, keptHeight: h, rgb } = image;
  const side = Math.max(w, h);
  if (w === h) return { side, rgb };
  const fill = borderColour(image);
  const out = new Uint8Array(side * side * 3);
  for (let i = 0; i < side * side; i++) out.set(fill, i * 3);
  const x0 = Math.floor((side - w) / 2);
  const y0 = Math.floor((side - h) / 2);
  for (let y = 0; y < h; y++) out.set(rgb.subarray(y * w * 3, (y + 1) * w * 3), ((y + y0) * side + x0) * 3);
  return { side, rgb: out };
}

/** The mean RGB of the image's outermost ring of pixels, rounded. */
export function borderColour(image: ScannedImage): [number, number, number] {
  const { keptWidth: w, keptHeight: h, rgb } = image;
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (y !== 0 && y !== h - 1 && x !== 0 && x !== w - 1) continue;
      for (let c = 0; c < 3; c++) sum[c] += rgb[(y * w + x) * 3 + c];
      n++;
    }
  }
  return [Math.round(sum[0] / n), Math.round(sum[1] / n), Math.round(sum[2] / n)];
}
