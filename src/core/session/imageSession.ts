import type { DecodeImage } from '../data/images/decode';
import type { ImageChoices, ImageSet, ImageSize } from '../data/images/imageSet';
import { scanImages, type ImageScan } from '../data/images/scan';
import type { ImageInput } from '../data/images/sources';
import { TOP_LABEL } from '../data/images/paths';
import { toImageSet } from '../data/images/toImageSet';
import { tileImages } from '../export/imageGrid';
import { imageZip } from '../export/imageZip';
import { trainImageClassifier, type ImageClassifier } from '../metrics/images/imageClassifier';
import { imageReport } from '../metrics/images/imageReport';
import { makeImageJudge } from '../metrics/images/judge';
import { labelAccuracy } from '../metrics/images/labelAccuracy';
import { splitImages, subsetImages, type ImageSplit } from '../metrics/images/split';
import { DEFAULT_IMAGE_CONFIG, type ImageModelConfig } from '../model/image/config';
import { GRID_LABELS, GRID_PER_LABEL, ImageModel, type ImageSnapshot } from '../train/imageModel';
import type { TrainHooks } from '../train/loop';
import { InputError } from '../util/errors';
import { MAX_GENERATED_IMAGES } from '../util/limits';
import { name as appName, version as appVersion } from '../../../package.json';
import { writeBundle } from '../train/bundle';
import type { ImageEpochView, ImageReportView, ImageSeedView } from './imageTypes';
import type { OutputFile, TrainOutcome, TrainPlan } from './types';

/** Images generated for the report: enough for KID and the memorisation figures. */
const REPORT_IMAGES = 1000;
const HELD_OUT_SHARE = 0.2;
const ONE_LABEL_NOTE =
  'Every image is at the top of the upload, so they form one label, "all". To learn labels, upload a folder (Upload folder) or a zip with one subfolder of images per label.';

export interface ImageTrainHooks extends Omit<TrainHooks<ImageSnapshot>, 'onEpoch' | 'betweenSteps'> {
  onEpoch?(view: ImageEpochView): void;
  /** The grid redrawn between judged epochs, about once a second, so the images visibly form. */
  onGrid?(view: Pick<ImageEpochView, 'grid' | 'interpolation'>): void;
}

/**
 * How often the live grid is redrawn between epochs; each redraw samples the generator once
 * (at 750 ms: 1.27 redraws a second in the app on WASM, 1 % fewer steps than none).
 */
const GRID_MS = 750;

/**
 * Labelled images and what is made from them: the image studio's pipeline, which the worker
 * and the CLI drive as they drive `Session` for tables. Plain data in and out.
 */
export class ImageSession {
  private setNow: ImageSet;
  private run: { split: ImageSplit; classifier: ImageClassifier; model: ImageModel; judged: { accuracy: number | null } } | null = null;

  private constructor(
    readonly name: string,
    private readonly scan: ImageScan,
    private choicesNow: ImageChoices,
    readonly seed: number,
  ) {
    this.setNow = toImageSet(scan, choicesNow);
  }

  /** Reads an upload of images (decoding each with `decode`) at the default working size. */
  static async open(name: string, input: ImageInput, decode: DecodeImage, onProgress?: (done: number, total: number) => void, seed = DEFAULT_IMAGE_CONFIG.seed): Promise<ImageSession> {
    const scan = await scanImages(input, decode, onProgress);
    const choices: ImageChoices = { size: defaultSize(scan.summary.sizes), channels: scan.summary.grey ? 1 : 3, fit: 'crop' };
    return new ImageSession(name, scan, choices, seed);
  }

  get images(): ImageSet {
    return this.setNow;
  }

  get model(): ImageModel | null {
    return this.run?.model ?? null;
  }

  /** What was read and the default run, for the data panel. */
  view(): ImageSeedView {
    const set = this.setNow;
    const { summary } = this.scan;
    // The seed grid is laid out as the model's sample grid is, so the two read alike.
    const shown = set.labels.slice(0, GRID_LABELS);
    const picks: number[] = [];
    shown.forEach((_, label) => {
      for (let i = 0, n = 0; i < set.count && n < GRID_PER_LABEL; i++) if (set.labelOf[i] === label && ++n) picks.push(i);
    });
    const seedSet = subsetImages(set, picks);
    const plan = ImageModel.plan(this.config('auto'), set.count - Math.round(HELD_OUT_SHARE * set.count));
    return {
      name: this.name,
      count: summary.count,
      labels: summary.labels,
      sizes: summary.sizes,
      notes: set.labels.length === 1 && set.labels[0] === TOP_LABEL ? [...summary.notes, ONE_LABEL_NOTE] : summary.notes,
      choices: this.choicesNow,
      seed: tileImages(seedSet.pixels, seedSet.count, set.size, set.channels, GRID_PER_LABEL, { rowLabels: shown }),
      loaded: false,
      plannedEpochs: plan.epochs,
      stepsPerEpoch: plan.stepsPerEpoch,
    };
  }

  /** The working size, colour and fit; what was trained at the old ones is let go. */
  setChoices(choices: ImageChoices): ImageSeedView {
    this.setNow = toImageSet(this.scan, choices);
    this.choicesNow = choices;
    this.disposeRun();
    return this.view();
  }

  private config(epochs: number | 'auto', settings: Partial<ImageModelConfig> = {}): ImageModelConfig {
    const { size, channels } = this.setNow;
    return { ...DEFAULT_IMAGE_CONFIG, ...settings, size, channels, labels: this.setNow.labels.length, epochs, seed: this.seed };
  }

  /**
   * A new run: images held back per label, a classifier trained on the rest to judge epochs
   * and the report, and a fresh model. The old run stays until this one is built.
   */
  async prepare(epochs: number | 'auto', settings: Partial<ImageModelConfig> = {}): Promise<TrainPlan> {
    const t0 = performance.now();
    const split = splitImages(this.setNow, HELD_OUT_SHARE, this.seed);
    if (split.heldOut.count < 2) throw new InputError('Too few images to hold some back for judging: add images (at least 10).');
    const classifier = await trainImageClassifier(split.train, split.heldOut, { seed: this.seed });
    let model: ImageModel;
    // The share of the judged images read as their label, shown beside each epoch's grid.
    const judged: { accuracy: number | null } = { accuracy: null };
    try {
      const score = await makeImageJudge(classifier, split.heldOut);
      const labelled = classifier.task === 'labels';
      const judge = async (pixels: Float32Array, labelOf: Int32Array) => {
        if (labelled) judged.accuracy = labelAccuracy(await classifier.predict(pixels), labelOf, this.setNow.labels.length).overall;
        return score(pixels, labelOf);
      };
      model = new ImageModel(split.train, this.config(epochs, settings), judge);
    } catch (err) {
      classifier.dispose();
      throw err;
    }
    this.disposeRun();
    this.run = { split, classifier, model, judged };
    return {
      epochs: model.plannedEpochs,
      validationRows: split.heldOut.count,
      stepsPerEpoch: model.stepsPerEpoch,
      batch: model.batch,
      preprocessSeconds: (performance.now() - t0) / 1000,
      trainingRows: split.train.count,
      derived: [],
      keys: [],
      lines: [],
      scaled: [],
      resumedFrom: 0,
    };
  }

  /** Trains the prepared model to its planned length (or `epochs` more); the live view from the untrained generator on. */
  async train(hooks: ImageTrainHooks, epochs?: number): Promise<TrainOutcome> {
    const { model, judged } = this.requireRun();
    const labels = this.setNow.labels;
    const toView = (s: ImageSnapshot): ImageEpochView => ({
      epoch: s.epoch,
      grid: tileImages(s.grid, s.grid.length / this.imageValues(), s.size, s.channels, s.perLabel, { rowLabels: labels.slice(0, s.grid.length / this.imageValues() / s.perLabel) }),
      interpolation: tileImages(s.interpolation, s.interpolation.length / this.imageValues(), s.size, s.channels, s.interpolation.length / this.imageValues()),
      labelAccuracy: s.score === null ? null : judged.accuracy,
      score: s.score,
      best: s.best,
    });
    if (model.epochs === 0) hooks.onEpoch?.(toView(await model.snapshot(0)));
    const { onGrid } = hooks;
    let drawn = performance.now();
    const betweenSteps = onGrid
      ? async () => {
          if (performance.now() - drawn < GRID_MS) return;
          // Timed from the start of a redraw: from its end, each gap was a second plus a step plus the redraw.
          drawn = performance.now();
          const { grid, interpolation } = toView(await model.snapshot(model.epochs));
          onGrid({ grid, interpolation });
        }
      : undefined;
    const onEpoch = (s: ImageSnapshot) => {
      hooks.onEpoch?.(toView(s));
      drawn = performance.now();
    };
    const end = await model.train(epochs ?? Math.max(0, model.plannedEpochs - model.epochs), { ...hooks, onEpoch, betweenSteps });
    return { stopped: end === 'stopped', converged: end === 'converged', epochs: model.epochs, refinedKeep: null, choices: [] };
  }

  private imageValues(): number {
    return this.setNow.size * this.setNow.size * this.setNow.channels;
  }

  /** Generates `count` images (all of `label`, or by the seed's shares), in memory. */
  generate(count: number, label: string | null): Promise<GeneratedImages> {
    return generateImages(this.requireModel(), this.setNow.labels, count, label);
  }

  /** `count` generated images as a zip: one folder of PNGs per label and manifest.csv. */
  async exportImages(count: number, label: string | null): Promise<OutputFile> {
    return imagesFile(this.name, await this.generate(count, label), this.setNow);
  }

  /** The trained model as a bundle (`<name>.mitosis.zip`) that Load model and `--model` read. */
  async saveModel(): Promise<OutputFile & { bytes: Uint8Array<ArrayBuffer> }> {
    const model = this.requireModel();
    const source = { name: this.name, rows: this.setNow.count, columns: this.setNow.labels.length };
    const bytes = writeBundle(await model.save(), { app: { name: appName, version: appVersion }, source, report: null });
    return { name: `${baseName(this.name)}.mitosis.zip`, mime: 'application/zip', parts: [bytes], bytes };
  }

  /** Quality and privacy of generated images against the held-back ones, with the closest pairs drawn. */
  async buildReport(): Promise<ImageReportView> {
    const { split, classifier } = this.requireRun();
    const synth = await this.generate(REPORT_IMAGES, null);
    const report = await imageReport(split.train, split.heldOut, synth, classifier);
    const n = this.imageValues();
    const pairs = report.closestPairs;
    const both = new Float32Array(pairs.length * 2 * n);
    pairs.forEach((p, k) => {
      both.set(synth.pixels.subarray(p.synthetic * n, (p.synthetic + 1) * n), 2 * k * n);
      both.set(split.train.pixels.subarray(p.training * n, (p.training + 1) * n), (2 * k + 1) * n);
    });
    const { size, channels } = this.setNow;
    // Four pairs a row: generated, nearest training image, generated, …
    const closest = pairs.length ? tileImages(both, pairs.length * 2, size, channels, Math.min(8, pairs.length * 2)) : null;
    return { report, closest };
  }

  dispose(): void {
    this.disposeRun();
  }

  private disposeRun(): void {
    this.run?.model.dispose();
    this.run?.classifier.dispose();
    this.run = null;
  }

  private requireRun(): NonNullable<ImageSession['run']> {
    if (!this.run) throw new InputError('Train a model first: press Train.');
    return this.run;
  }

  private requireModel(): ImageModel {
    return this.requireRun().model;
  }
}

export interface GeneratedImages {
  pixels: Float32Array;
  labelOf: Int32Array;
}

/** `count` images from `model` (all of `label`, or by the seed's shares), in memory. */
export async function generateImages(model: ImageModel, labels: string[], count: number, label: string | null): Promise<GeneratedImages> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_IMAGES) throw new InputError(`Choose between 1 and ${MAX_GENERATED_IMAGES.toLocaleString('en-US')} images.`);
  const labelIndex = label === null ? undefined : labels.indexOf(label);
  if (labelIndex === -1) throw new InputError(`"${label}" is not a label of these images.`);
  const { size, channels } = model.config;
  const per = size * size * channels;
  const pixels = new Float32Array(count * per);
  const labelOf = new Int32Array(count);
  await model.generate(count, {
    label: labelIndex,
    onChunk: (images, chunkLabels, first) => {
      pixels.set(images, first * per);
      labelOf.set(chunkLabels, first);
    },
  });
  return { pixels, labelOf };
}

/** Generated images as a zip named after the seed: one folder of PNGs per label and manifest.csv. */
export function imagesFile(name: string, images: GeneratedImages, set: Pick<ImageSet, 'labels' | 'size' | 'channels'>): OutputFile {
  const zip = imageZip(images.pixels, images.labelOf, set.labels, set.size, set.channels);
  return { name: `${baseName(name)}-synthetic.zip`, mime: 'application/zip', parts: [zip as Uint8Array<ArrayBuffer>] };
}

/** A seed's name without its extension, for the files made from it. */
function baseName(name: string): string {
  return name.replace(/\.(zip|mitosis\.zip)$/i, '') || 'images';
}

/**
 * The working size a set starts at: 16 px when most of its images are that small (growing them
 * adds nothing to learn), else 32 px; 64 px (4 times the time a step) is the user's choice.
 */
function defaultSize(sizes: { width: number; height: number; count: number }[]): ImageSize {
  const total = sizes.reduce((n, s) => n + s.count, 0);
  const small = sizes.filter((s) => Math.min(s.width, s.height) <= 16).reduce((n, s) => n + s.count, 0);
  return small * 2 > total ? 16 : 32;
}

