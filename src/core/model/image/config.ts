import { InputError } from '../../util/errors';

/** Everything that shapes the conditional image GAN and its training. */
export interface ImageModelConfig {
  /** Working size in pixels (square) and channels: 1 grey, 3 colour. */
  size: 16 | 32 | 64;
  channels: 1 | 3;
  /** Classes the generator is conditioned on (1 for an unlabelled set). */
  labels: number;
  noiseDim: number;
  /** Width of the generator's class embedding, concatenated with the noise. */
  embeddingDim: number;
  /** Generator channels at 4 × 4; each upsampling halves them, and the last one makes the image. */
  generatorWidth: number;
  /** Critic channels after its first downsampling; each further one doubles them. */
  criticWidth: number;
  batchSize: number;
  generatorLr: number;
  criticLr: number;
  beta1: number;
  beta2: number;
  /**
   * Sample from an exponential moving average of the generator's weights with at most this
   * decay per step (warmed up as (1 + t) / (10 + t)); 0 samples the raw weights.
   */
  average: number;
  /** Generate with the generator of the best judged epoch (within a hair), not simply the last one. */
  keepBest: boolean;
  /** Stop once the judged score has not improved for a quarter of the run. */
  earlyStop: boolean;
  /** 'auto' sets the run's length from the set's size (`imageSteps`); a number overrides it. */
  epochs: number | 'auto';
  seed: number;
}

export const DEFAULT_IMAGE_CONFIG: ImageModelConfig = {
  size: 32,
  channels: 1,
  labels: 10,
  noiseDim: 64,
  embeddingDim: 32,
  generatorWidth: 128,
  criticWidth: 32,
  batchSize: 64,
  generatorLr: 2e-4,
  criticLr: 2e-4,
  beta1: 0,
  beta2: 0.9,
  average: 0.999,
  keepBest: true,
  earlyStop: false,
  epochs: 'auto',
  seed: 42,
};

/** Upsamplings from 4 × 4 to the working size (2 for 16 px, 3 for 32, 4 for 64). */
export function upsamplings(size: number): number {
  return Math.round(Math.log2(size / 4));
}

/** The generator's channels at each resolution before the image: 4 × 4 first, halved each step. */
export function generatorWidths(config: Pick<ImageModelConfig, 'size' | 'generatorWidth'>): number[] {
  return Array.from({ length: upsamplings(config.size) }, (_, i) => Math.max(1, config.generatorWidth >> i));
}

/** The critic's channels after each downsampling, down to 4 × 4. */
export function criticWidths(config: Pick<ImageModelConfig, 'size' | 'criticWidth'>): number[] {
  return Array.from({ length: upsamplings(config.size) }, (_, i) => config.criticWidth << i);
}

const whole = (name: string, v: number, lo: number, hi: number) =>
  Number.isInteger(v) && v >= lo && v <= hi ? null : `${name} must be a whole number between ${lo} and ${hi.toLocaleString('en-US')} (got ${v}).`;
const between = (name: string, v: number, lo: number, hi: number, hiOpen = false) =>
  Number.isFinite(v) && v >= lo && (hiOpen ? v < hi : v <= hi) ? null : `${name} must be between ${lo} and ${hi}${hiOpen ? ' (exclusive)' : ''} (got ${v}).`;

/** What is wrong with `config`, one sentence each; empty when it can be trained. */
export function imageConfigProblems(c: ImageModelConfig): string[] {
  const problems = [
    [16, 32, 64].includes(c.size) ? null : `Image size must be 16, 32 or 64 (got ${c.size}).`,
    c.channels === 1 || c.channels === 3 ? null : `Channels must be 1 (grey) or 3 (colour) (got ${c.channels}).`,
    whole('Labels', c.labels, 1, 1000),
    whole('Noise dimension', c.noiseDim, 1, 1024),
    whole('Label embedding width', c.embeddingDim, 1, 1024),
    whole('Generator width', c.generatorWidth, 8, 1024),
    whole('Critic width', c.criticWidth, 4, 512),
    whole('Batch size', c.batchSize, 2, 4096),
    between('Generator learning rate', c.generatorLr, 1e-6, 0.1),
    between('Critic learning rate', c.criticLr, 1e-6, 0.1),
    between('Adam beta 1', c.beta1, 0, 1, true),
    between('Adam beta 2', c.beta2, 0, 1, true),
    between('Weight averaging', c.average, 0, 1, true),
    c.epochs === 'auto' ? null : whole('Epochs', c.epochs, 1, 100_000),
    whole('Seed', c.seed, 0, 0xffff_ffff),
  ];
  return problems.filter((p): p is string => p !== null);
}

/** Throws an InputError naming every setting out of range. */
export function validateImageConfig(config: ImageModelConfig): void {
  const problems = imageConfigProblems(config);
  if (problems.length) throw new InputError(problems.join(' '));
}
