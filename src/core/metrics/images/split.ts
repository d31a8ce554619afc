import type { ImageSet } from '../../data/images/imageSet';
import { Rng } from '../../util/rng';

/** The images at `indices` of `set`, in that order (pixels copied). */
export function subsetImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const n = set.size * set.size * set.channels;
  const pixels = new Float32Array(indices.length * n);
  const labelOf = new Int32Array(indices.length);
  const names: string[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    pixels.set(set.pixels.subarray(i * n, (i + 1) * n), k * n);
    labelOf[k] = set.labelOf[i];
    names.push(set.names[i]);
  }
  return { size: set.size, channels: set.channels, labels: set.labels, pixels, labelOf, names, count: indices.length };
}

export interface ImageSplit {
  train: ImageSet;
  heldOut: ImageSet;
  /** Indices into the seed of each part's images, in their order there. */
  trainIndices: Int32Array;
  heldOutIndices: Int32Array;
}

/**
 * Splits `set` into training and held-out images, label by label, so each label keeps its
 * share on both sides: round(`heldOutShare` × its count) held out, at least 1 where the label
 * has 2 images or more, and never its last one (a label with 1 image stays in training).
 * Seeded: the same seed gives the same split.
 */
export function splitImages(set: ImageSet, heldOutShare = 0.2, seed = 1): ImageSplit {
  const rng = new Rng(seed);
  const byLabel: number[][] = set.labels.map(() => []);
  for (let i = 0; i < set.count; i++) byLabel[set.labelOf[i]].push(i);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const members of byLabel) {
    rng.shuffle(members);
    const n = members.length;
    const held = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(heldOutShare * n)));
    heldOut.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  // Seed order within each part, so a part reads like the upload and names stay in place.
  const trainIndices = Int32Array.from(train).sort();
  const heldOutIndices = Int32Array.from(heldOut).sort();
  return { train: subsetImages(set, trainIndices), heldOut: subsetImages(set, heldOutIndices), trainIndices, heldOutIndices };
}
