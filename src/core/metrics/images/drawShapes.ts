import type { Channels, ImageSet, ImageSize } from '../../data/images/imageSet';
import { Rng } from '../../util/rng';

// Labelled images drawn in code, for the image metrics' tests and timings: each label is a
// simple shape, jittered in place, size and stroke and overlaid with noise, so two draws of
// one label differ the way two photos of one thing do, and a fresh draw is new data from the
// same process as the seed.

export const SHAPES = ['hbar', 'vbar', 'dot', 'ring', 'slash', 'backslash', 'plus', 'cross', 'square', 'corner'] as const;
export type Shape = (typeof SHAPES)[number];

export interface DrawOptions {
  perLabel: number;
  size: ImageSize;
  channels: Channels;
  shapes: readonly Shape[];
  seed: number;
  /** Standard deviation of the pixel noise, in the [-1, 1] pixel scale. */
  noise: number;
}

const DEFAULTS: DrawOptions = { perLabel: 50, size: 32, channels: 1, shapes: SHAPES, seed: 1, noise: 0.15 };

/** `perLabel` images of each shape, labels interleaved (image i has label i mod labels). */
export function drawShapes(options: Partial<DrawOptions> = {}): ImageSet {
  const o = { ...DEFAULTS, ...options };
  const rng = new Rng(o.seed);
  const labels = o.shapes.length;
  const count = o.perLabel * labels;
  const area = o.size * o.size;
  const pixels = new Float32Array(count * area * o.channels);
  const labelOf = new Int32Array(count);
  const names: string[] = [];
  const grey = new Float32Array(area);
  for (let i = 0; i < count; i++) {
    const label = i % labels;
    labelOf[i] = label;
    names.push(`${o.shapes[label]}/${i}.png`);
    drawOne(o.shapes[label], o.size, rng, grey);
    const tint = o.channels === 1 ? [1] : [0.4 + 0.6 * rng.next(), 0.4 + 0.6 * rng.next(), 0.4 + 0.6 * rng.next()];
    const at = i * area * o.channels;
    for (let p = 0; p < area; p++) {
      for (let c = 0; c < o.channels; c++) {
        const v = -1 + 2 * grey[p] * tint[c] + o.noise * rng.normal();
        pixels[at + p * o.channels + c] = Math.max(-1, Math.min(1, v));
      }
    }
  }
  return { size: o.size, channels: o.channels, labels: [...o.shapes], pixels, labelOf, names, count };
}

/** Coverage in [0, 1] of one jittered `shape` into `out` (size × size). */
function drawOne(shape: Shape, size: number, rng: Rng, out: Float32Array): void {
  // Centre, half-length and half-stroke in pixels.
  const cx = size / 2 + (rng.next() - 0.5) * 0.25 * size;
  const cy = size / 2 + (rng.next() - 0.5) * 0.25 * size;
  const half = size * (0.22 + 0.1 * rng.next());
  const stroke = Math.max(0.6, size * (0.04 + 0.03 * rng.next()));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = distance(shape, x + 0.5 - cx, y + 0.5 - cy, half);
      // Anti-aliased edge a pixel wide.
      out[y * size + x] = Math.max(0, Math.min(1, 0.5 + stroke - d));
    }
  }
}

/** Distance in pixels from (u, v), relative to the centre, to the shape's centre line (0 inside a dot). */
function distance(shape: Shape, u: number, v: number, half: number): number {
  switch (shape) {
    case 'hbar':
      return segment(u, v, -half, 0, half, 0);
    case 'vbar':
      return segment(u, v, 0, -half, 0, half);
    case 'dot':
      return Math.max(0, Math.hypot(u, v) - half / 2);
    case 'ring':
      return Math.abs(Math.hypot(u, v) - half * 0.8);
    case 'slash':
      return segment(u, v, -half, half, half, -half);
    case 'backslash':
      return segment(u, v, -half, -half, half, half);
    case 'plus':
      return Math.min(segment(u, v, -half, 0, half, 0), segment(u, v, 0, -half, 0, half));
    case 'cross':
      return Math.min(segment(u, v, -half, half, half, -half), segment(u, v, -half, -half, half, half));
    case 'square':
      return Math.abs(Math.max(Math.abs(u), Math.abs(v)) - half * 0.8);
    case 'corner':
      return Math.min(segment(u, v, -half, -half, -half, half), segment(u, v, -half, half, half, half));
  }
}

/** Distance from (u, v) to the segment from (ax, ay) to (bx, by). */
function segment(u: number, v: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(u - ax - t * dx, v - ay - t * dy);
}
