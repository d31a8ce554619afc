import type { Nearest } from './nearest';

/** How often images come closer to a training image than unseen real images do. */
export interface MemorisationResult {
  /** The `quantile` of held-out images' distances to their nearest training image. */
  threshold: number;
  /** Share of synthetic images at most `threshold` from a training image. */
  syntheticRate: number;
  /** The same share for held-out images: `quantile` by construction, more where distances tie. */
  heldOutRate: number;
  /** Whether synthetic images come that close more often than held-out ones. */
  above: boolean;
  /** Median distance to the nearest training image. */
  median: { synthetic: number; heldOut: number };
}

/** A synthetic image and the training image nearest to it. */
export interface ClosePair {
  synthetic: number;
  training: number;
  distance: number;
}

/** Held-out images counted as "close": the nearest 5 %. */
export const CLOSE_QUANTILE = 0.05;

/**
 * Memorisation from each synthetic and each held-out image's distance to its nearest training
 * image (in pixels or in features). A held-out image is real and unseen, so its distance is
 * how near a new image from the same source comes by chance; a generator that copies its
 * training images puts more than that share of samples inside the held-out images' nearest
 * `quantile`. Ties count as close on both sides, so duplicates in the seed do not look like
 * copying. Null with no held-out or no synthetic image.
 */
export function memorisation(synthetic: Float32Array, heldOut: Float32Array, quantile = CLOSE_QUANTILE): MemorisationResult | null {
  if (synthetic.length === 0 || heldOut.length === 0) return null;
  const held = Float64Array.from(heldOut).sort();
  // The smallest distance with at least `quantile` of held-out images at or below it.
  const threshold = held[Math.max(0, Math.ceil(quantile * held.length) - 1)];
  const rate = (d: Float32Array) => d.reduce((n, v) => n + (v <= threshold ? 1 : 0), 0) / d.length;
  const syntheticRate = rate(synthetic);
  const heldOutRate = rate(heldOut);
  return { threshold, syntheticRate, heldOutRate, above: syntheticRate > heldOutRate, median: { synthetic: median(synthetic), heldOut: median(heldOut) } };
}

/**
 * The `k` synthetic images nearest to a training image, nearest first (ties by index), at most
 * one per training image: many samples near one image would otherwise fill every pair.
 */
export function closestPairs(nearest: Nearest, k: number): ClosePair[] {
  const order = Array.from(nearest.distance.keys()).sort((a, b) => nearest.distance[a] - nearest.distance[b] || a - b);
  const seen = new Set<number>();
  const pairs: ClosePair[] = [];
  for (const i of order) {
    if (pairs.length === k) break;
    if (seen.has(nearest.index[i])) continue;
    seen.add(nearest.index[i]);
    pairs.push({ synthetic: i, training: nearest.index[i], distance: nearest.distance[i] });
  }
  return pairs;
}

function median(values: Float32Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
