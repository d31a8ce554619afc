import type { Channels, ImageSet, ImageSize } from '../data/images/imageSet';
import { validateImageConfig, type ImageModelConfig } from '../model/image/config';
import { InputError } from '../util/errors';
import { cumulativeOf, Rng } from '../util/rng';
import { imageBudget, type ImageBudget } from './imageBudget';
import { IMAGE_MODEL_FORMAT, requireImageModelState, type ImageModelState } from './imageModelState';
import { ImageTrainer, noiseSeed, type GeneratorWeights, type ImageTrainerState } from './imageTrainer';
import { DivergedError, TrainingRun, type Judged, type TrainEnd, type TrainHooks } from './loop';
import { packWeights, unpackWeights } from './modelState';
import type { StudioModel } from './studioModel';

/** Scores generated images (higher is better), given the label each was generated for. */
export type ImageJudge = (images: Float32Array, labelOf: Int32Array) => Promise<number>;

/** What the live view shows after an epoch: the same noise every epoch, through the averaged generator. */
export interface ImageSnapshot {
  epoch: number;
  size: ImageSize;
  channels: Channels;
  /** `perLabel` images of each of the first labels (at most 10), label by label, NHWC in [-1, 1]. */
  grid: Float32Array;
  perLabel: number;
  /** A walk of `INTERPOLATION_STEPS` images between two fixed noises, for the first label. */
  interpolation: Float32Array;
  /** The judge's score for this epoch; null when unjudged (no judge, or the epoch-0 view). */
  score: number | null;
  /** The epoch `generate` uses and its score (0 with no judge: the latest epoch is used). */
  best: { epoch: number; score: number };
}

export interface ImageGenerateOptions {
  /** Every image of this label (a class id); by default labels are drawn by the seed's shares. */
  label?: number;
  /** Images per chunk (1,000 by default); the images do not depend on it. */
  chunk?: number;
  onChunk(images: Float32Array, labelOf: Int32Array, first: number): void | Promise<void>;
}

/** The sample grid: this many images of each of the first `GRID_LABELS` labels, from fixed noise. */
export const GRID_PER_LABEL = 8;
export const GRID_LABELS = 10;
export const INTERPOLATION_STEPS = 8;
/**
 * The share of the default run before which a fall of the judged score is not a collapse. A
 * GAN's averaged generator first leaves its blurred start, and the judge (about -0.9 for noise
 * to +1) swings with it: on the emoji sample the score fell 0.52 below its epoch-13 best at
 * epoch 65 of 600 and went on to 0.69; on the drawn digits it dipped 0.14 at epoch 8 of 48.
 * After a quarter of the run neither fell more than 0.04.
 */
const COLLAPSE_FROM_SHARE = 0.25;
/** Images the judge scores each epoch: the same noise and labels (in turn) every time. */
const JUDGED_IMAGES = 256;

/** `images`, once every value is a number. */
function requireFinite(images: Float32Array): Float32Array {
  for (let i = 0; i < images.length; i++) {
    if (!Number.isFinite(images[i])) {
      throw new DivergedError('The model produced values that are not numbers (NaN), so no images were made. Train again with a lower learning rate.');
    }
  }
  return images;
}

/** Spherical interpolation between two noise vectors, so the walk keeps a noise vector's length. */
function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  const dot = a.reduce((s, x, i) => s + x * b[i], 0) / (Math.hypot(...a) * Math.hypot(...b));
  const omega = Math.acos(Math.min(1, Math.max(-1, dot)));
  const [wa, wb] = omega < 1e-6 ? [1 - t, t] : [Math.sin((1 - t) * omega) / Math.sin(omega), Math.sin(t * omega) / Math.sin(omega)];
  return a.map((x, i) => wa * x + wb * b[i]);
}

/** A conditional image GAN over an image set: the object the worker and the CLI drive. */
export class ImageModel implements StudioModel<ImageSnapshot, ImageGenerateOptions> {
  readonly kind = 'images';
  readonly trainer: ImageTrainer;
  private readonly run: TrainingRun<ImageTrainerState, ImageSnapshot>;
  /** Training images per label: generation draws labels by these shares. */
  readonly labelCounts: number[];
  private readonly loaded: ImageModelState | null;

  /** The default run for `trainingImages` images: steps, epochs and batch. */
  static plan(config: ImageModelConfig, trainingImages: number): ImageBudget {
    return imageBudget(config, trainingImages);
  }

  /**
   * Over `set` (the images it trains on) with `config`, whose size, channels and labels must
   * be the set's. `judge` scores each epoch (for keeping the best and stopping early); without
   * one, every epoch is shown but none is chosen. With `loaded`, as `load` or `resume` make it.
   */
  constructor(
    readonly set: ImageSet,
    readonly config: ImageModelConfig,
    private readonly judge: ImageJudge | null = null,
    loaded?: { state: ImageModelState; weights: ArrayBuffer },
  ) {
    validateImageConfig(config);
    if (set.size !== config.size || set.channels !== config.channels || set.labels.length !== config.labels) {
      const [c, s] = [config, set];
      throw new Error(`The settings (${c.size} px, ${c.channels} channels, ${c.labels} labels) are not the images' (${s.size} px, ${s.channels}, ${s.labels.length}).`);
    }
    this.loaded = loaded?.state ?? null;
    this.labelCounts = loaded?.state.labelCounts ?? set.labels.map(() => 0);
    for (let i = 0; i < set.count; i++) {
      const label = set.labelOf[i];
      if (!(label >= 0 && label < config.labels)) throw new Error(`Image ${i} has label ${label}, outside the set's ${config.labels} labels.`);
      if (!loaded) this.labelCounts[label]++;
    }
    const saved = loaded && { state: loaded.state.trainer, tensors: unpackTensors(loaded.state, loaded.weights) };
    this.trainer = new ImageTrainer(set.count > 0 ? set : null, config, saved);
    // Every epoch is shown; with no judge none is chosen, so nothing is kept and nothing stops early.
    const judging = judge !== null;
    this.run = new TrainingRun(this.trainer, {
      keepBest: config.keepBest && judging,
      earlyStop: config.earlyStop && judging,
      judge: (epoch) => this.judged(epoch),
      collapseFrom: Math.ceil(this.plannedEpochs * COLLAPSE_FROM_SHARE),
    });
    if (loaded) {
      this.run.epochsDone = loaded.state.epochs;
      this.run.selection.restore(loaded.state.selection);
    }
  }

  get epochs(): number {
    return this.run.epochsDone;
  }

  get stepsPerEpoch(): number {
    return this.trainer.stepsPerEpoch;
  }

  get batch(): number {
    return this.trainer.batch;
  }

  /** The epochs this run trains for: the configured number, or the set's default budget. */
  get plannedEpochs(): number {
    return this.loaded?.plannedEpochs ?? imageBudget(this.config, this.set.count).epochs;
  }

  /** Trains `epochs` more epochs through the shared loop (pause, stop, recovery, keep-best, checkpoints). */
  train(epochs: number, hooks: TrainHooks<ImageSnapshot> = {}): Promise<TrainEnd> {
    return this.run.train(epochs, hooks);
  }

  private async judged(epoch: number): Promise<Judged<ImageSnapshot>> {
    const view = await this.snapshot(epoch);
    let score: number | null = null;
    if (this.judge) {
      const labels = Int32Array.from({ length: JUDGED_IMAGES }, (_, i) => i % this.config.labels);
      score = await this.judge(await this.trainer.sample(labels, this.config.seed + 2000, 'average'), labels);
    }
    return { score: score ?? 0, report: (best) => ({ ...view, score, best }) };
  }

  /**
   * The live view after `epoch` epochs: a grid from fixed noise per label and a latent walk,
   * from the averaged generator (what training is heading to, not the kept one).
   */
  async snapshot(epoch: number): Promise<ImageSnapshot> {
    const { seed, noiseDim, size, channels } = this.config;
    const grid = await this.grid('average');
    const [a, b] = [0, 1].map((k) => new Rng(noiseSeed(seed + 1001, k)).normals(noiseDim));
    const walk = new Float32Array(INTERPOLATION_STEPS * noiseDim);
    for (let i = 0; i < INTERPOLATION_STEPS; i++) walk.set(slerp(a, b, i / (INTERPOLATION_STEPS - 1)), i * noiseDim);
    const interpolation = await this.trainer.sampleFrom(walk, new Int32Array(INTERPOLATION_STEPS), 'average');
    const kept = this.run.selection.kept;
    const best = this.judge && kept.epoch > 0 ? kept : { epoch, score: 0 };
    return { epoch, size, channels, grid, perLabel: GRID_PER_LABEL, interpolation, score: null, best };
  }

  /**
   * The sample grid from its fixed noise: `GRID_PER_LABEL` images of each of the first
   * `GRID_LABELS` labels, label by label (NHWC in [-1, 1]), through `weights`' generator.
   */
  grid(weights: GeneratorWeights): Promise<Float32Array> {
    const rows = Math.min(GRID_LABELS, this.config.labels);
    const labels = Int32Array.from({ length: rows * GRID_PER_LABEL }, (_, i) => Math.floor(i / GRID_PER_LABEL));
    return this.trainer.sample(labels, this.config.seed + 1000, weights);
  }

  /**
   * Generates `count` images chunk by chunk with the kept generator: labels by the seed's
   * shares (or all `label`), each image from its own noise. The same seed and settings give
   * the same images, whatever the chunk size.
   */
  async generate(count: number, options: ImageGenerateOptions): Promise<void> {
    const { label } = options;
    if (label !== undefined && !(Number.isInteger(label) && label >= 0 && label < this.config.labels)) {
      throw new InputError(`There is no label ${label}: this model has ${this.config.labels}.`);
    }
    const chunk = Math.max(1, Math.floor(options.chunk ?? 1000));
    const rng = new Rng(this.config.seed + 7);
    const cumulative = cumulativeOf(this.labelCounts);
    for (let first = 0; first < count; first += chunk) {
      const labels = Int32Array.from({ length: Math.min(chunk, count - first) }, () => label ?? rng.pick(cumulative));
      const images = requireFinite(await this.trainer.sample(labels, this.config.seed + 31, 'kept', first));
      await options.onChunk(images, labels, first);
    }
  }

  /** The model as plain JSON and one float32 buffer of weights: enough to generate the same images. Call between steps. */
  async save(): Promise<{ manifest: ImageModelState; weights: ArrayBuffer }> {
    const { state: trainer, tensors } = await this.trainer.save();
    const { entries, buffer } = packWeights(tensors);
    const manifest: ImageModelState = {
      format: IMAGE_MODEL_FORMAT,
      kind: 'images',
      config: this.config,
      labels: this.set.labels,
      labelCounts: this.labelCounts,
      trainer,
      epochs: this.epochs,
      plannedEpochs: this.plannedEpochs,
      trainingImages: this.loaded?.trainingImages ?? this.set.count,
      selection: this.run.selection.toState(),
      weights: entries,
    };
    // Through JSON once, so the manifest shares no object with this model.
    return { manifest: JSON.parse(JSON.stringify(manifest)) as ImageModelState, weights: buffer };
  }

  /** A model rebuilt from `save`'s output, with no images: it generates exactly what the saved one would, but cannot train. */
  static load(manifest: unknown, weights: ArrayBuffer): ImageModel {
    const state = requireImageModelState(manifest);
    const { size, channels } = state.config;
    const empty: ImageSet = { size, channels, labels: [...state.labels], pixels: new Float32Array(0), labelOf: new Int32Array(0), names: [], count: 0 };
    return new ImageModel(empty, state.config, null, { state, weights });
  }

  /** The run `save` captured, over the same images: training goes on as if never stopped (same backend). */
  static resume(set: ImageSet, manifest: unknown, weights: ArrayBuffer, judge: ImageJudge | null = null): ImageModel {
    const state = requireImageModelState(manifest);
    if (set.count === 0) throw new InputError('A run resumes over its images, and this set has none.');
    return new ImageModel(set, state.config, judge, { state, weights });
  }

  dispose(): void {
    this.trainer.dispose();
  }
}

function unpackTensors(state: ImageModelState, weights: ArrayBuffer) {
  const values = unpackWeights(state.weights, weights);
  return state.weights.map(({ name, shape }) => ({ name, shape, values: values.get(name)! }));
}
