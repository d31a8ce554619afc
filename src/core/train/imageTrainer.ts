import * as tf from '@tensorflow/tfjs';
import { requireKernels } from '../backend/kernels';
import type { ImageSet } from '../data/images/imageSet';
import { FlatAdam } from '../model/flatAdam';
import { updateAverages } from '../model/fusedUpdates';
import type { ImageModelConfig } from '../model/image/config';
import { ImageCritic } from '../model/image/critic';
import { ImageGenerator } from '../model/image/generator';
import { Rng, type RngState } from '../util/rng';
import { Scratch } from '../util/scratch';
import type { NamedValues, SavedState, Steppable, StepLosses } from './loop';
import { imageBatch } from './imageBudget';
import { restoreTensors, savedTensors } from './imageTrainerState';

/** Images generated per batch: activations of a few hundred 64 × 64 images fit any backend. */
const SAMPLE_BATCH = 256;

/** An image trainer's plain state; its tensors travel beside it as `NamedValues`. */
export interface ImageTrainerState {
  batch: number;
  stepsPerEpoch: number;
  rng: RngState;
  /** Generator updates so far: the moving average's warm-up reads it. */
  generatorSteps: number;
  optimiserSteps: { generator: number; critic: number };
  /** Whether `average/…` (the moving average) and `kept/…` (the kept generator) tensors are saved. */
  average: boolean;
  kept: boolean;
}

export type SavedImageTrainer = SavedState<ImageTrainerState>;

/** Which generator weights make images: the kept ones (else the average), the average, or the raw ones. */
export type GeneratorWeights = 'kept' | 'average' | 'current';

/**
 * The seed for the noise of image `index` of a draw seeded `seed`: each image's noise is its
 * own stream, so an image does not depend on how a draw is split into batches or chunks.
 */
export function noiseSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x85ebca6b, 0xc2b2ae35) ^ index;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A conditional image GAN with hinge loss: a spectrally normalised projection critic and a
 * generator whose weights are also kept as a moving average. Owns the images on the device
 * ([N, size, size, channels]), both networks, both optimisers and the generator copies. Needs
 * the kernel patches of `installKernels` (core/backend), which whoever starts the backend installs.
 */
export class ImageTrainer implements Steppable<ImageTrainerState> {
  readonly batch: number;
  readonly stepsPerEpoch: number;
  readonly generator: ImageGenerator;
  readonly critic: ImageCritic;
  /** Null in a trainer restored from a saved model: the images are not saved with it. */
  private readonly images: tf.Tensor4D | null;
  private readonly labelOf: Int32Array;
  private readonly optG: FlatAdam;
  private readonly optD: FlatAdam;
  private readonly rng: Rng;
  private readonly scratch = new Scratch();
  private readonly average: tf.Variable[] | null;
  private kept: tf.Tensor[] | null = null;
  private generatorSteps = 0;

  /**
   * Over `data` (an image set's pixels and labels, or null for a saved model); given `saved`,
   * as the trainer it was saved from: it samples the same images, and over the same data
   * trains on as it would have (same backend).
   */
  constructor(data: Pick<ImageSet, 'pixels' | 'labelOf' | 'count'> | null, private readonly config: ImageModelConfig, saved?: SavedImageTrainer) {
    requireKernels();
    const count = data?.count ?? 0;
    if (!saved && count < 1) throw new Error('An image trainer needs at least one image, or a saved state.');
    this.rng = new Rng(config.seed);
    this.batch = saved?.state.batch ?? imageBatch(config, count);
    this.stepsPerEpoch = saved?.state.stepsPerEpoch ?? Math.max(1, Math.floor(count / this.batch));
    const { size, channels } = config;
    this.images = count > 0 ? tf.tensor4d(data!.pixels, [count, size, size, channels]) : null;
    this.labelOf = data?.labelOf ?? new Int32Array(0);
    this.generator = new ImageGenerator(config, this.rng);
    this.critic = new ImageCritic(config, this.rng);
    this.optG = new FlatAdam(this.generator.variables, config.generatorLr, config.beta1, config.beta2);
    this.optD = new FlatAdam(this.critic.variables, config.criticLr, config.beta1, config.beta2);
    this.average = config.average > 0 ? this.generator.variables.map((v) => tf.variable(v, false)) : null;
    if (saved) this.restore(saved);
  }

  /** One critic update (on a real batch and fakes of the same labels) and one generator update. */
  step(): StepLosses {
    if (!this.images) throw new Error('A model restored from a file cannot train: training needs the images, which a saved model does not hold.');
    const [discriminator, penalty] = this.criticStep(this.images);
    const generator = this.generatorStep();
    this.updateAverage();
    return { discriminator, generator, penalty };
  }

  private criticStep(images: tf.Tensor4D): [tf.Scalar, tf.Scalar] {
    const { index, labels } = this.draw();
    const noise = this.noise();
    return tf.tidy(() => {
      this.critic.refresh();
      const y = tf.tensor1d(labels, 'int32');
      const real = tf.gather(images, tf.tensor1d(index, 'int32')) as tf.Tensor4D;
      const fake = this.generator.apply(this.noiseTensor(noise), y);
      // Real and fake through the critic as one batch: half the kernel launches.
      const both = tf.concat([real, fake], 0);
      const bothLabels = tf.concat([y, y]);
      const loss = this.optD.minimize(() => {
        const [real, fake] = tf.split(this.critic.apply(both, bothLabels), 2);
        return tf.add(tf.mean(tf.relu(tf.sub(1, real))), tf.mean(tf.relu(tf.add(1, fake)))) as tf.Scalar;
      });
      return [loss, tf.scalar(0)];
    });
  }

  private generatorStep(): tf.Scalar {
    const { labels } = this.draw();
    const noise = this.noise();
    return tf.tidy(() => {
      const y = tf.tensor1d(labels, 'int32');
      const z = this.noiseTensor(noise);
      return this.optG.minimize(() => tf.neg(tf.mean(this.critic.apply(this.generator.apply(z, y), y))) as tf.Scalar);
    });
  }

  /** A batch of image indices drawn with replacement, and their labels (so labels come by the seed's shares). */
  private draw(): { index: Int32Array; labels: Int32Array } {
    const index = new Int32Array(this.batch);
    const labels = new Int32Array(this.batch);
    for (let i = 0; i < this.batch; i++) {
      index[i] = this.rng.int(this.labelOf.length);
      labels[i] = this.labelOf[index[i]];
    }
    return { index, labels };
  }

  /**
   * A batch's noise values, drawn by the trainer's stream into a reused array; its tensor is
   * made inside the step's tidy, so it is freed before the next draw refills the array.
   */
  private noise(): Float32Array<ArrayBuffer> {
    const n = this.batch * this.config.noiseDim;
    return this.rng.normals(n, this.scratch.take('noise', n));
  }

  private noiseTensor(values: Float32Array<ArrayBuffer>): tf.Tensor2D {
    return tf.tensor2d(values, [this.batch, this.config.noiseDim]);
  }

  /** GAN weights orbit an equilibrium; their running mean sits nearer. The decay warms up as (1 + t) / (10 + t). */
  private updateAverage(): void {
    const t = ++this.generatorSteps;
    if (!this.average) return;
    const decay = Math.min(this.config.average, (1 + t) / (10 + t));
    updateAverages(this.average, this.generator.variables, decay);
  }

  /**
   * Images for `labels`, NHWC in [-1, 1] ([labels.length × size × size × channels] on the
   * host). Image k's noise is drawn from `noiseSeed(seed, first + k)`, so a long draw split
   * into calls (first = images already drawn) gives the images one call would.
   */
  async sample(labels: Int32Array, seed: number, weights: GeneratorWeights = 'kept', first = 0): Promise<Float32Array> {
    const dim = this.config.noiseDim;
    const noise = new Float32Array(labels.length * dim);
    for (let k = 0; k < labels.length; k++) new Rng(noiseSeed(seed, first + k)).normals(dim, noise.subarray(k * dim, (k + 1) * dim));
    return this.sampleFrom(noise, labels, weights);
  }

  /** Images for given noise [n × noiseDim] and labels [n] (a latent walk), batched so any count fits. */
  async sampleFrom(noise: Float32Array, labels: Int32Array, weights: GeneratorWeights = 'kept'): Promise<Float32Array> {
    const source = this.weightsFor(weights);
    const dim = this.config.noiseDim;
    const size = this.generator.imageSize;
    const out = new Float32Array(labels.length * size);
    for (let done = 0; done < labels.length; done += SAMPLE_BATCH) {
      const n = Math.min(SAMPLE_BATCH, labels.length - done);
      const images = tf.tidy(() => {
        const z = tf.tensor2d(noise.subarray(done * dim, (done + n) * dim), [n, dim]);
        return this.generator.apply(z, tf.tensor1d(labels.subarray(done, done + n), 'int32'), source);
      });
      try {
        out.set((await images.data()) as Float32Array, done * size);
      } finally {
        images.dispose();
      }
    }
    return out;
  }

  private weightsFor(weights: GeneratorWeights): tf.Tensor[] {
    if (weights === 'current') return this.generator.variables;
    if (weights === 'kept' && this.kept) return this.kept;
    return this.average ?? this.generator.variables;
  }

  /** Keeps the generator's present weights (the average, when averaging) as the ones 'kept' sampling uses. */
  keepGenerator(): void {
    tf.dispose(this.kept ?? []);
    this.kept = (this.average ?? this.generator.variables).map((v) => tf.clone(v));
  }

  halveLearningRates(): { generatorLr: number; discriminatorLr: number } {
    this.optG.setLearningRate(this.optG.rate / 2);
    this.optD.setLearningRate(this.optD.rate / 2);
    return { generatorLr: this.optG.rate, discriminatorLr: this.optD.rate };
  }

  /** Every weight, moment, generator copy and the stream's position, read off the device. Call between steps. */
  async save(): Promise<SavedImageTrainer> {
    const [g, d] = await Promise.all([this.optG.save(), this.optD.save()]);
    const tensors: NamedValues[] = await savedTensors(this.parts(), { generator: g, critic: d });
    const state: ImageTrainerState = {
      batch: this.batch,
      stepsPerEpoch: this.stepsPerEpoch,
      rng: this.rng.save(),
      generatorSteps: this.generatorSteps,
      optimiserSteps: { generator: g.steps, critic: d.steps },
      average: this.average !== null,
      kept: this.kept !== null,
    };
    return { state, tensors };
  }

  /** Back to what `save` read (learning rates excepted: a lowered rate stays). */
  rollBack(saved: SavedImageTrainer): void {
    tf.dispose(this.kept ?? []);
    this.kept = null;
    this.restore(saved);
  }

  private restore({ state, tensors }: SavedImageTrainer): void {
    if (state.average !== (this.average !== null)) throw new Error('The saved model and its settings disagree on generator averaging.');
    const { kept, optimisers } = restoreTensors(this.parts(), new Map(tensors.map((t) => [t.name, t.values])), state.kept);
    this.kept = kept;
    this.optG.restore({ steps: state.optimiserSteps.generator, ...optimisers.generator });
    this.optD.restore({ steps: state.optimiserSteps.critic, ...optimisers.critic });
    this.rng.restore(state.rng);
    this.generatorSteps = state.generatorSteps;
  }

  private parts() {
    const g = this.generator;
    const d = this.critic;
    return {
      generator: { names: g.names, variables: g.variables },
      critic: { names: d.names, variables: d.variables },
      criticState: { names: d.stateNames, variables: d.state },
      average: this.average,
      kept: this.kept,
    };
  }

  dispose(): void {
    this.images?.dispose();
    this.generator.dispose();
    this.critic.dispose();
    this.optG.dispose();
    this.optD.dispose();
    tf.dispose(this.average ?? []);
    tf.dispose(this.kept ?? []);
  }
}
