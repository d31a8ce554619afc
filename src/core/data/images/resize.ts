// Resampling pixels to another size, one axis at a time: shrinking averages the area each new
// pixel covers (no aliasing when a photo becomes 32 px), enlarging interpolates bilinearly.

import { IMAGE_LIMITS } from './limits';

/** One output pixel along an axis: the first input pixel it reads and each one's weight. */
interface Tap {
  first: number;
  weights: number[];
}

function axisTaps(from: number, to: number): Tap[] {
  const scale = from / to;
  return Array.from({ length: to }, (_, j) => {
    if (to < from) {
      const lo = j * scale;
      const hi = Math.min(lo + scale, from);
      const first = Math.floor(lo);
      const weights: number[] = [];
      for (let i = first; i < hi; i++) weights.push((Math.min(i + 1, hi) - Math.max(i, lo)) / scale);
      return { first, weights };
    }
    // Pixel centres line up: output j sits at input (j + 0.5) · scale − 0.5, clamped at the edges.
    const x = Math.min(Math.max((j + 0.5) * scale - 0.5, 0), from - 1);
    const first = Math.min(Math.floor(x), from - 1);
    const f = x - first;
    return first + 1 < from && f > 0 ? { first, weights: [1 - f, f] } : { first, weights: [1] };
  });
}

/**
 * `src` (`width × height` pixels of `stride` bytes: 3 for RGB, 4 for RGBA) resampled to
 * `toWidth × toHeight` RGB, values in [0, 255] unrounded. RGBA is laid over white first:
 * the working images have no transparency, and white is what a transparent icon sits on.
 */
export function resample(src: ArrayLike<number>, width: number, height: number, stride: 3 | 4, toWidth: number, toHeight: number): Float32Array {
  const across = axisTaps(width, toWidth);
  const down = axisTaps(height, toHeight);
  // Rows first, then columns: `rows` holds every input row at the output width.
  const rows = new Float32Array(height * toWidth * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < toWidth; x++) {
      const { first, weights } = across[x];
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < weights.length; k++) {
        const i = (y * width + first + k) * stride;
        // Over white: c · a + 255 · (1 − a), with a in [0, 1].
        const a = stride === 4 ? src[i + 3] / 255 : 1;
        const under = 255 * (1 - a);
        r += weights[k] * (src[i] * a + under);
        g += weights[k] * (src[i + 1] * a + under);
        b += weights[k] * (src[i + 2] * a + under);
      }
      const o = (y * toWidth + x) * 3;
      rows[o] = r;
      rows[o + 1] = g;
      rows[o + 2] = b;
    }
  }
  const out = new Float32Array(toHeight * toWidth * 3);
  for (let y = 0; y < toHeight; y++) {
    const { first, weights } = down[y];
    for (let k = 0; k < weights.length; k++) {
      const w = weights[k];
      const from = (first + k) * toWidth * 3;
      const to = y * toWidth * 3;
      for (let i = 0; i < toWidth * 3; i++) out[to + i] += w * rows[from + i];
    }
  }
  return out;
}

/** The size an image is kept at: shrunk (never enlarged) so its sides fit IMAGE_LIMITS. */
export function keptSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, IMAGE_LIMITS.keepShort / Math.min(width, height), IMAGE_LIMITS.keepLong / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A decoded RGBA image as kept between the scan and the working set: RGB bytes at `keptSize`. */
export function keepPixels(rgba: ArrayLike<number>, width: number, height: number): { width: number; height: number; rgb: Uint8Array } {
  const kept = keptSize(width, height);
  const values = resample(rgba, width, height, 4, kept.width, kept.height);
  const rgb = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) rgb[i] = Math.round(values[i]);
  return { ...kept, rgb };
}
