import type { ImageSet } from '../../data/images/imageSet';
import { Rng } from '../../util/rng';
import { sampleRows } from '../detection';
import { diversity, type DiversityResult } from './diversity';
import { gatherRows } from './gatherRows';
import type { ImageClassifier } from './imageClassifier';
import {
  classifierNote,
  closeFigure,
  diversityFigure,
  IMAGE_GOOD_LOOKS_LIKE,
  imagesNote,
  kidFigure,
  labelAccuracyFigure,
  LEFT_OUT,
  SERIOUS,
  type ImageFigure,
} from './imageFigures';
import { kernelInceptionDistance, type KidResult } from './kid';
import { labelAccuracy } from './labelAccuracy';
import { closestPairs, memorisation, type MemorisationResult } from './memorisation';
import { exactDistance, nearestNeighbours } from './nearest';

/** Generated images: pixels in the seed's layout and the label each was generated for. */
export interface SyntheticImages {
  pixels: Float32Array;
  labelOf: Int32Array;
}

/** The image report: plain data (it crosses to the page and into JSON as is). */
export interface ImageReport {
  images: { training: number; heldOut: number; synthetic: number; compared: number; note: string };
  classifier: {
    task: ImageClassifier['task'];
    heldOutAccuracy: number | null;
    taskAccuracy: number | null;
    featureSize: number;
    trainSeconds: number;
    note: string;
  };
  /** Label by label: label accuracy of real held-out and generated images, counts, and variety. */
  labels: { label: string; real: number | null; synthetic: number | null; heldOut: number; generated: number; diversity: number | null }[];
  figures: ImageFigure[];
  kid: { synthetic: KidResult; realFloor: KidResult } | null;
  diversity: DiversityResult | null;
  memorisation: { pixels: MemorisationResult; features: MemorisationResult } | null;
  /** The generated images nearest (in pixels) to a training image, nearest first, to show side by side. */
  closestPairs: { synthetic: number; training: number; trainingName: string; pixelDistance: number; featureDistance: number }[];
  /** Every figure's finding in plain words, then what was left out and why. */
  verdicts: string[];
  /** What should stop a user before they share the images; empty when nothing serious. */
  serious: string[];
  goodLooksLike: string;
}

export interface ImageReportOptions {
  /** Generated (and, for the KID floor, training) images compared at most; KID and searches grow with it. */
  maxImages: number;
  /** Closest synthetic–training pairs kept. */
  pairs: number;
  seed: number;
}

const DEFAULTS: ImageReportOptions = { maxImages: 2000, pairs: 8, seed: 23 };

/**
 * Quality and memorisation of generated images, judged by `classifier` (trained on `train`,
 * measured on `heldOut`). `synth.labelOf` indexes `train.labels`. Runs the classifier and the
 * nearest-neighbour searches on the current backend; holds no tensor when it returns.
 */
export async function imageReport(
  train: ImageSet,
  heldOut: ImageSet,
  synth: SyntheticImages,
  classifier: ImageClassifier,
  options: Partial<ImageReportOptions> = {},
): Promise<ImageReport> {
  const o = { ...DEFAULTS, ...options };
  const rng = new Rng(o.seed);
  const n = train.size * train.size * train.channels;
  const synthCount = synth.labelOf.length;
  // Sorted, so sample k is the k-th of the kept images in the caller's order.
  const kept = Int32Array.from(sampleRows(synthCount, Math.min(synthCount, o.maxImages), rng)).sort();
  const s = { pixels: gatherRows(synth.pixels, kept, n), labelOf: Int32Array.from(kept, (i) => synth.labelOf[i]) };
  const sEmb = await classifier.embed(s.pixels);
  const hEmb = await classifier.embed(heldOut.pixels);
  const tEmb = await classifier.embed(train.pixels);
  const labels = train.labels.length;
  const byLabels = classifier.task === 'labels';
  const real = labelAccuracy(hEmb.predicted, heldOut.labelOf, labels);
  const generated = labelAccuracy(sEmb.predicted, s.labelOf, labels);
  const figures: ImageFigure[] = [];
  const left: string[] = [];
  if (byLabels && real.overall !== null && generated.overall !== null) figures.push(labelAccuracyFigure(generated.overall, real.overall));
  else left.push(byLabels ? LEFT_OUT.noHeldOut : LEFT_OUT.oneLabel);

  // KID draws half the smaller side per subset and needs 2 a side.
  const enough = heldOut.count >= 4 && kept.length >= 4;
  if (!enough) left.push(LEFT_OUT.tooFew);
  const d = classifier.featureSize;
  const features = enough ? compareFeatures(sEmb.features, s.labelOf, hEmb.features, heldOut, tEmb.features, d, o) : null;
  if (features) {
    figures.push(kidFigure(features.kid.synthetic, features.kid.realFloor));
    if (features.diversity.ratio !== null) figures.push(diversityFigure(features.diversity.ratio));
  }
  const copies = enough ? await findCopies({ pixels: s.pixels, features: sEmb.features }, heldOut, hEmb.features, train, tEmb.features, d, o.pairs) : null;
  if (copies) figures.push(closeFigure('pixels', copies.memorisation.pixels), closeFigure('features', copies.memorisation.features));

  return {
    images: { training: train.count, heldOut: heldOut.count, synthetic: synthCount, compared: kept.length, note: imagesNote(kept.length, heldOut.count) },
    classifier: {
      task: classifier.task,
      heldOutAccuracy: classifier.heldOutAccuracy,
      taskAccuracy: classifier.taskAccuracy,
      featureSize: d,
      trainSeconds: classifier.trainSeconds,
      note: classifierNote(classifier),
    },
    labels: train.labels.map((label, k) => ({
      label,
      real: byLabels ? real.perLabel[k] : null,
      synthetic: byLabels ? generated.perLabel[k] : null,
      heldOut: real.counts[k],
      generated: generated.counts[k],
      diversity: features?.diversity.perLabel[k].ratio ?? null,
    })),
    figures,
    kid: features?.kid ?? null,
    diversity: features?.diversity ?? null,
    memorisation: copies?.memorisation ?? null,
    // Indices into the caller's images, not the sample.
    closestPairs: copies?.pairs.map((p) => ({ ...p, synthetic: kept[p.synthetic] })) ?? [],
    verdicts: [...figures.map((f) => f.sentence), ...left],
    serious: figures.filter((f) => f.flag === 'bad' && SERIOUS.includes(f.key)).map((f) => f.sentence),
    goodLooksLike: IMAGE_GOOD_LOOKS_LIKE,
  };
}

/** KID against held-out images with its real-vs-real floor (training vs held-out), and variety within labels. */
function compareFeatures(
  synth: Float32Array,
  synthLabels: Int32Array,
  heldOut: Float32Array,
  held: ImageSet,
  train: Float32Array,
  d: number,
  o: ImageReportOptions,
): { kid: NonNullable<ImageReport['kid']>; diversity: DiversityResult } {
  const rng = new Rng(o.seed + 1);
  const trainCount = train.length / d;
  const trainSample = gatherRows(train, sampleRows(trainCount, Math.min(trainCount, o.maxImages), rng), d);
  const kidOptions = { seed: o.seed };
  return {
    kid: {
      synthetic: kernelInceptionDistance(synth, heldOut, d, kidOptions),
      realFloor: kernelInceptionDistance(trainSample, heldOut, d, kidOptions),
    },
    diversity: diversity({ features: synth, labelOf: synthLabels }, { features: heldOut, labelOf: held.labelOf }, d, held.labels.length, { seed: o.seed }),
  };
}

/** Each generated and held-out image's nearest training image, in pixels and in features; the closest pairs. */
async function findCopies(
  synth: { pixels: Float32Array; features: Float32Array },
  heldOut: ImageSet,
  heldOutFeatures: Float32Array,
  train: ImageSet,
  trainFeatures: Float32Array,
  d: number,
  pairs: number,
): Promise<{ memorisation: NonNullable<ImageReport['memorisation']>; pairs: ImageReport['closestPairs'] }> {
  const n = train.size * train.size * train.channels;
  const synthPixels = await nearestNeighbours(synth.pixels, train.pixels, n);
  const heldPixels = await nearestNeighbours(heldOut.pixels, train.pixels, n);
  const synthFeatures = await nearestNeighbours(synth.features, trainFeatures, d);
  const heldFeatures = await nearestNeighbours(heldOutFeatures, trainFeatures, d);
  return {
    memorisation: {
      pixels: memorisation(synthPixels.distance, heldPixels.distance)!,
      features: memorisation(synthFeatures.distance, heldFeatures.distance)!,
    },
    pairs: closestPairs(synthPixels, pairs).map((p) => ({
      synthetic: p.synthetic,
      training: p.training,
      trainingName: train.names[p.training],
      pixelDistance: p.distance,
      featureDistance: exactDistance(synth.features, p.synthetic, trainFeatures, p.training, d),
    })),
  };
}
