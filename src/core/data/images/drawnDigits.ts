// The repo's own image set, for tests and the benchmark: handwriting-like digits drawn from
// a few strokes each, every one placed, sized, slanted and weighted a little differently, so a
// small classifier can tell the ten apart but no two images are copies.

import type { ImageSet, ImageSize } from './imageSet';
import { Rng } from '../../util/rng';

type Point = [number, number];

/** Points on a circle's arc (centre, radii, from and to in degrees, y pointing down). */
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number): Point[] {
  const steps = Math.max(4, Math.ceil(Math.abs(to - from) / 20));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = ((from + ((to - from) * i) / steps) * Math.PI) / 180;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  });
}

/** Each digit as strokes (polylines) in a unit box, x to the right and y down. */
const GLYPHS: Point[][][] = [
  [arc(0.5, 0.5, 0.3, 0.42, 0, 360)],
  [[[0.32, 0.28], [0.56, 0.08], [0.56, 0.92]]],
  [[...arc(0.5, 0.3, 0.27, 0.22, 195, 380), [0.2, 0.92], [0.84, 0.92]]],
  [[...arc(0.5, 0.29, 0.24, 0.21, 200, 450)], arc(0.5, 0.71, 0.27, 0.21, 270, 520)],
  [[[0.66, 0.92], [0.66, 0.08], [0.16, 0.66], [0.86, 0.66]]],
  [[[0.8, 0.08], [0.32, 0.08], [0.28, 0.46], ...arc(0.5, 0.66, 0.27, 0.26, 225, 510)]],
  [[[0.7, 0.08], [0.46, 0.2], [0.3, 0.42], [0.25, 0.66]], arc(0.5, 0.68, 0.25, 0.24, 0, 360)],
  [[[0.16, 0.08], [0.84, 0.08], [0.42, 0.92]]],
  [arc(0.5, 0.28, 0.2, 0.2, 0, 360), arc(0.5, 0.7, 0.25, 0.22, 0, 360)],
  [arc(0.5, 0.32, 0.25, 0.24, 0, 360), [[0.75, 0.32], [0.66, 0.92]]],
];

export const DIGIT_LABELS = GLYPHS.map((_, d) => String(d));

/**
 * `count` grey digits at `size` px, white strokes on black, labels '0'…'9' in turn (image i
 * is digit i mod 10), as an ImageSet: pixels NHWC float32 in [-1, 1]. The same arguments
 * give the same images everywhere.
 */
export function drawDigits(count: number, size: ImageSize, seed = 1): ImageSet {
  const rng = new Rng(seed);
  const pixels = new Float32Array(count * size * size);
  const labelOf = new Int32Array(count);
  const names: string[] = [];
  const perLabel = new Array<number>(10).fill(0);
  for (let i = 0; i < count; i++) {
    const digit = i % 10;
    labelOf[i] = digit;
    names.push(`${digit}/${digit}_${String(++perLabel[digit]).padStart(5, '0')}.png`);
    drawDigit(GLYPHS[digit], size, rng, pixels.subarray(i * size * size, (i + 1) * size * size));
  }
  return { size, channels: 1, labels: [...DIGIT_LABELS], pixels, labelOf, names, count };
}

/** One digit into `out` (`size × size`, [-1, 1]): its strokes jittered, placed, then rendered. */
function drawDigit(strokes: Point[][], size: number, rng: Rng, out: Float32Array): void {
  const height = size * (0.6 + 0.22 * rng.next());
  const width = height * (0.62 + 0.2 * rng.next());
  const slant = 0.3 * (rng.next() - 0.5);
  const turn = 0.16 * (rng.next() - 0.5);
  const half = Math.max(0.75, (0.045 + 0.04 * rng.next()) * size);
  const cx = size / 2 + (size - width) * 0.25 * (rng.next() - 0.5);
  const cy = size / 2 + (size - height) * 0.25 * (rng.next() - 0.5);
  const [cos, sin] = [Math.cos(turn), Math.sin(turn)];
  // Each stroke's points move a little on their own, so one digit is never the same shape twice.
  const placed = strokes.map((stroke) =>
    stroke.map(([u, v]): Point => {
      const x = (u - 0.5 + 0.025 * rng.normal() + slant * (0.5 - v)) * width;
      const y = (v - 0.5 + 0.025 * rng.normal()) * height;
      return [cx + cos * x - sin * y, cy + sin * x + cos * y];
    }),
  );
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const d = distance(placed, px + 0.5, py + 0.5);
      // Anti-aliased edge one pixel wide, then a little sensor-like noise.
      const ink = Math.min(1, Math.max(0, half - d + 0.5)) + 0.04 * rng.normal();
      out[py * size + px] = Math.min(1, Math.max(0, ink)) * 2 - 1;
    }
  }
}

/** The distance from (x, y) to the nearest segment of any stroke. */
function distance(strokes: Point[][], x: number, y: number): number {
  let best = Infinity;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i++) {
      const [ax, ay] = stroke[i - 1];
      const [dx, dy] = [stroke[i][0] - ax, stroke[i][1] - ay];
      const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
  }
  return best;
}
