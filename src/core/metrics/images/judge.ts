import type { ImageSet } from '../../data/images/imageSet';
import { Rng } from '../../util/rng';
import { sampleRows } from '../detection';
import type { ImageClassifier } from './imageClassifier';
import { gatherRows } from './gatherRows';
import { kernelInceptionDistance } from './kid';
import { labelAccuracy } from './labelAccuracy';

/**
 * Scores a few hundred generated images for choosing the best epoch: higher is better. Pixels
 * in the seed's layout; `labelOf`: the label each image was generated for.
 */
export type ImageJudge = (pixels: Float32Array, labelOf: Int32Array) => Promise<number>;

export interface JudgeOptions {
  /** Images judged per call at most (evenly spaced through those given), and real reference images kept. */
  maxImages: number;
  /** KID subsets per call: few, as the judge is called every epoch. */
  subsets: number;
  seed: number;
}

const DEFAULTS: JudgeOptions = { maxImages: 256, subsets: 10, seed: 29 };

/**
 * A judge built on a trained classifier: label accuracy (0 to 1; 0 with one label) minus the
 * KID to real held-out images as a share of uniform noise's KID (clipped to 0 to 1), so noise
 * scores about chance − 1 and real images about their held-out accuracy. Pass it the same
 * images (from fixed noise) every epoch so epochs are compared on the same draw. With fewer
 * than 4 held-out images there is no KID term (label accuracy alone). The real features are
 * computed here once; the judge keeps plain arrays only, but it runs `classifier`, which must
 * outlive it.
 */
export async function makeImageJudge(classifier: ImageClassifier, heldOut: ImageSet, options: Partial<JudgeOptions> = {}): Promise<ImageJudge> {
  const o = { ...DEFAULTS, ...options };
  const n = classifier.size * classifier.size * classifier.channels;
  const d = classifier.featureSize;
  const m = Math.min(heldOut.count, o.maxImages);
  const byLabels = classifier.task === 'labels';
  const accuracyOf = (predicted: Int32Array, labelOf: Int32Array) =>
    byLabels ? (labelAccuracy(predicted, labelOf, classifier.labelCount).overall ?? 0) : 0;
  // A seeded sample, not the first images: an upload is often in label order.
  const rng = new Rng(o.seed);
  const reference = m < 4 ? null : await classifier.features(gatherRows(heldOut.pixels, sampleRows(heldOut.count, m, rng), n));
  const noise = rng.uniforms(m * n);
  for (let i = 0; i < noise.length; i++) noise[i] = 2 * noise[i] - 1;
  const kidOptions = { subsets: o.subsets, seed: o.seed };
  const noiseKid = reference ? Math.max(1e-9, kernelInceptionDistance(await classifier.features(noise), reference, d, kidOptions).mean) : 1;
  return async (pixels, labelOf) => {
    const picked = evenlySpaced(labelOf.length, o.maxImages);
    const { features, predicted } = await classifier.embed(gatherRows(pixels, picked, n));
    const accuracy = accuracyOf(predicted, Int32Array.from(picked, (i) => labelOf[i]));
    if (!reference || picked.length < 4) return accuracy;
    const kid = kernelInceptionDistance(features, reference, d, kidOptions).mean;
    return accuracy - Math.min(1, Math.max(0, kid) / noiseKid);
  };
}

/** `k` indices spread evenly over `total` (all of them when there are no more than `k`), so every label of an ordered batch is judged. */
function evenlySpaced(total: number, k: number): Int32Array {
  if (total <= k) return Int32Array.from({ length: total }, (_, i) => i);
  return Int32Array.from({ length: k }, (_, i) => Math.floor((i * total) / k));
}
