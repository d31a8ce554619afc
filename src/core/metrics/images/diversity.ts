import { Rng } from '../../util/rng';
import { sampleRows } from '../detection';
import { exactDistance } from './nearest';

/** Spread within each label, synthetic against real. */
export interface DiversityResult {
  /** Synthetic spread over real spread, summed over labels both sides have; null when none has two images a side. */
  ratio: number | null;
  /** Per label: mean pairwise feature distance among synthetic and among real images, and their ratio. */
  perLabel: { synthetic: number | null; real: number | null; ratio: number | null }[];
}

export interface DiversityOptions {
  /** Images per label and side at most (the pairs grow with its square). */
  maxPerLabel: number;
  seed: number;
}

const DEFAULTS: DiversityOptions = { maxPerLabel: 200, seed: 13 };

/**
 * Diversity: the mean distance between two images of one label, in the classifier's features
 * [n × d], for synthetic images over the same for real ones. A generator that draws the same
 * image for a label (mode collapse) scores near 0; one as varied as the real images near 1.
 * The mean over pairs does not depend on how many images there are, so the sides need not match.
 */
export function diversity(
  synthetic: { features: Float32Array; labelOf: Int32Array },
  real: { features: Float32Array; labelOf: Int32Array },
  d: number,
  labelCount: number,
  options: Partial<DiversityOptions> = {},
): DiversityResult {
  const o = { ...DEFAULTS, ...options };
  const rng = new Rng(o.seed);
  const spread = (features: Float32Array, labelOf: Int32Array, label: number): number | null => {
    const members = [...labelOf.keys()].filter((i) => labelOf[i] === label);
    if (members.length < 2) return null;
    const picked = Array.from(sampleRows(members.length, Math.min(o.maxPerLabel, members.length), rng), (k) => members[k]);
    let sum = 0;
    for (let a = 0; a < picked.length; a++) {
      for (let b = a + 1; b < picked.length; b++) sum += exactDistance(features, picked[a], features, picked[b], d);
    }
    return sum / ((picked.length * (picked.length - 1)) / 2);
  };
  let syntheticSum = 0;
  let realSum = 0;
  const perLabel = Array.from({ length: labelCount }, (_, label) => {
    const s = spread(synthetic.features, synthetic.labelOf, label);
    const r = spread(real.features, real.labelOf, label);
    if (s !== null && r !== null) {
      syntheticSum += s;
      realSum += r;
    }
    return { synthetic: s, real: r, ratio: s !== null && r !== null && r > 0 ? s / r : null };
  });
  return { ratio: realSum > 0 ? syntheticSum / realSum : null, perLabel };
}
