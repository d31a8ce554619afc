import { higherIsBetter, lowerIsBetter, percent, type Figure } from '../reportFigures';
import type { ClassifierTask } from './classifierModel';
import type { KidResult } from './kid';
import type { MemorisationResult } from './memorisation';

// The image report's thresholds and sentences, in one place, so the app, the CLI and the docs
// say the same thing. Flags and percentages follow the tabular report (reportFigures).

export type ImageFigureKey = 'labelAccuracy' | 'kid' | 'diversity' | 'closePixels' | 'closeFeatures';

/** One number of the image report, as the tabular report's figures are, with a sentence giving its values. */
export interface ImageFigure extends Omit<Figure, 'key'> {
  key: ImageFigureKey;
  /** The finding in plain words, with its numbers. */
  sentence: string;
}

/** Generated images' label accuracy as a share of real held-out images': ok from, a warning from. */
export const LABEL_SHARE_OK = 0.85;
export const LABEL_SHARE_WARN = 0.6;
/** KID over the real-vs-real floor: ok up to, a warning up to. */
export const KID_RATIO_OK = 2;
export const KID_RATIO_WARN = 5;
/** Synthetic spread within a label over real spread: ok from, a warning from. */
export const DIVERSITY_OK = 0.8;
export const DIVERSITY_WARN = 0.5;
/** Share of samples close to a training image, over held-out images' share: ok up to, a warning up to. */
export const CLOSE_OK_FACTOR = 1.5;
export const CLOSE_WARN_FACTOR = 3;

export const IMAGE_GOOD_LOOKS_LIKE =
  `Generated images read as their label at least ${percent(LABEL_SHARE_OK, 0)} as often as real images do, a feature distance ` +
  `(KID) within ${KID_RATIO_OK}× that between two sets of real images, at least ${percent(DIVERSITY_OK, 0)} of the real images' ` +
  'variety within each label, and samples no closer to the training images than new real images are.';

/** Figures whose 'bad' flag should stop a user before sharing the images. */
export const SERIOUS: readonly ImageFigureKey[] = ['closePixels', 'closeFeatures', 'diversity'];

/** Why a part of the report is missing. */
export const LEFT_OUT = {
  noHeldOut: 'Label accuracy is left out: there are no held-out images to measure the classifier on.',
  oneLabel: 'Your images have one label, so label accuracy is left out; the features come from a classifier trained to tell which way up an image is.',
  tooFew: 'Feature distance, variety and memorisation are left out: they need at least 4 held-out and 4 generated images.',
};

export function imagesNote(compared: number, heldOut: number): string {
  return `${compared} generated images compared with ${heldOut} real images held back from training, which neither the model nor the classifier saw.`;
}

export function classifierNote(c: { task: ClassifierTask; heldOutAccuracy: number | null; taskAccuracy: number | null }): string {
  const share = (x: number | null) => (x === null ? 'an unknown share' : percent(x, 0));
  return c.task === 'labels'
    ? `A small network trained on your training images names held-out images' labels right ${share(c.heldOutAccuracy)} of the time.`
    : `A small network trained to tell which way up your images are (right ${share(c.taskAccuracy)} of the time on held-out images) gives the features.`;
}

export function labelAccuracyFigure(synthetic: number, real: number): ImageFigure {
  const share = real > 0 ? synthetic / real : 0;
  const flag = higherIsBetter(share, LABEL_SHARE_OK, LABEL_SHARE_WARN);
  const words = { ok: 'they look like their labels', warn: 'some do not look like their label yet', bad: 'many do not look like their label' }[flag];
  return {
    key: 'labelAccuracy', label: 'Label accuracy', value: share, flag,
    text: `${percent(synthetic, 0)} (real: ${percent(real, 0)})`,
    formula: 'share of generated images the classifier gives the label they were generated for ÷ the same for real held-out images',
    explanation: 'A classifier trained on your images names the label of each generated image: does an image made for a label read as that label?',
    good: `${percent(LABEL_SHARE_OK, 0)} of the real images' accuracy or more is ok, from ${percent(LABEL_SHARE_WARN, 0)} a warning, poor below.`,
    sentence: `Generated images read as their label ${percent(synthetic, 0)} of the time (real: ${percent(real, 0)}) — ${words}.`,
  };
}

/**
 * `scale`: the real-vs-real distance the ratio is taken against, never below twice the floor's
 * spread over subsets, so a floor that is 0 give or take noise does not make every ratio huge.
 */
export function kidScale(floor: KidResult): number {
  return Math.max(floor.mean, 2 * floor.std, 1e-9);
}

export function kidFigure(synthetic: KidResult, floor: KidResult): ImageFigure {
  const ratio = Math.max(0, synthetic.mean) / kidScale(floor);
  const flag = lowerIsBetter(ratio, KID_RATIO_OK, KID_RATIO_WARN);
  const words = { ok: 'as alike as real images are to each other', warn: 'a clear difference from real images', bad: 'far from real images' }[flag];
  const kid = (k: KidResult) => `${k.mean.toFixed(4)} ± ${k.std.toFixed(4)}`;
  return {
    key: 'kid', label: 'Feature distance (KID)', value: ratio, flag,
    text: `${ratio.toFixed(1)}× the distance between two sets of your real images (${kid(synthetic)} against ${kid(floor)})`,
    formula: 'kernel inception distance: unbiased MMD², kernel (xᵀy/d + 1)³, on the classifier\'s features, mean ± spread over subsets; ' +
      'generated vs held-out images, over training vs held-out images (taken as at least twice its spread, as it is 0 up to noise when the two sets are alike)',
    explanation:
      'How far the generated images as a whole sit from real ones, as the classifier sees them, next to how far ' +
      'your training images sit from your held-out ones. 0 means no difference; it can dip below 0 by chance.',
    good: `Within ${KID_RATIO_OK}× the real-vs-real distance is ok, up to ${KID_RATIO_WARN}× a warning, poor beyond.`,
    sentence: `Feature distance to real images (KID): ${kid(synthetic)}, against ${kid(floor)} between two sets of real images — ${words}.`,
  };
}

export function diversityFigure(ratio: number): ImageFigure {
  const flag = higherIsBetter(ratio, DIVERSITY_OK, DIVERSITY_WARN);
  const words = { ok: 'as varied as your images', warn: 'less varied than your images', bad: 'many samples look alike (mode collapse)' }[flag];
  return {
    key: 'diversity', label: 'Variety within labels', value: ratio, flag, text: percent(ratio, 0),
    formula: 'mean pairwise feature distance within each label, generated ÷ real held-out, summed over labels',
    explanation: 'How different generated images of one label are from each other, next to how different your own are.',
    good: `100 % is ideal; ok from ${percent(DIVERSITY_OK, 0)}, a warning from ${percent(DIVERSITY_WARN, 0)}, poor below.`,
    sentence: `Variety within each label: ${percent(ratio, 0)} of your images' — ${words}.`,
  };
}

export function closeFigure(space: 'pixels' | 'features', m: MemorisationResult): ImageFigure {
  const factor = m.syntheticRate / Math.max(m.heldOutRate, 1e-9);
  const flag = m.above ? lowerIsBetter(factor, CLOSE_OK_FACTOR, CLOSE_WARN_FACTOR) : 'ok';
  const words = !m.above
    ? 'no sign of copying'
    : {
        ok: 'a little more often than real images, within chance',
        warn: 'more often than real images: some samples may copy training images',
        bad: 'far more often than real images: samples look copied from training images',
      }[flag];
  return {
    key: space === 'pixels' ? 'closePixels' : 'closeFeatures',
    label: `Close to a training image (${space})`, value: m.syntheticRate, flag,
    text: `${percent(m.syntheticRate, 1)} (held-out: ${percent(m.heldOutRate, 1)})`,
    formula: `share of generated images whose nearest training image (Euclidean, ${space === 'pixels' ? 'pixels' : 'classifier features'}) is nearer ` +
      'than the 5th percentile of held-out images\' nearest-training distances; the same share for held-out images beside it',
    explanation:
      'Real images the model never saw come this close to a training image only 1 time in 20; ' +
      'generated images that come this close more often may be copies.',
    good: `At or below the held-out share; ok up to ${CLOSE_OK_FACTOR}× it (chance), a warning up to ${CLOSE_WARN_FACTOR}×, serious beyond.`,
    sentence:
      `Closer to a training image (in ${space}) than real held-out images are: ` +
      `${percent(m.syntheticRate, 0)} of samples (held-out: ${percent(m.heldOutRate, 0)}) — ${words}.`,
  };
}
