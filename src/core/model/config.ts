import { InputError } from '../util/errors';

/** Everything that shapes a tabular model and its training; defaults follow the CTGAN paper. */
export interface ModelConfig {
  embeddingDim: number;
  generatorDims: number[];
  discriminatorDims: number[];
  /** Rows the critic sees together (PacGAN). The batch size must be a multiple. */
  pac: number;
  /**
   * Rows a step trains on. 250 rather than CTGAN's 500: the default run's length is capped in
   * work, so half the batch buys 1.6 times the steps, and on Adult that kept pair trends,
   * detection and usefulness higher (docs/benchmarks.md, "A batch of 250").
   */
  batchSize: number;
  /** 'auto' sets the run's length from the table (see train/budget.ts); a number overrides it. */
  epochs: number | 'auto';
  /**
   * Stop when neither validation fidelity (shapes and pair trends) nor detection has gained for
   * a quarter of the run. On by default: its detection judge (5,000 rows, 100 trees) no longer
   * saturates on Adult, so on the bench it stops only where a run has levelled off (employees at
   * epoch 378 of 384, the same figures) and lets every other table run to its end with the same
   * rows (docs/benchmarks.md, "Early stopping on by default").
   */
  earlyStop: boolean;
  /**
   * 4e-4, the critic's rate (CTGAN's is 2e-4 for both): the default run's length is capped in
   * work, and at twice the rate the generator gets further within it. On Adult over three seeds
   * detection rose from 0.575 to 0.620 and train-on-synthetic ROC AUC from 0.959× to 0.965× of
   * train-on-real; every small table gained detection (docs/benchmarks.md, "Generator learning rate").
   */
  generatorLr: number;
  discriminatorLr: number;
  beta1: number;
  beta2: number;
  discriminatorSteps: number;
  gradientPenalty: number;
  /** Apply the gradient penalty on one critic step in this many (lazy regularisation); 1 = every step. */
  penaltyEvery: number;
  /** Gumbel-softmax temperature for discrete outputs. */
  tau: number;
  /**
   * Discriminator dropout. 0.25 rather than CTGAN's 0.5: on Adult over three seeds detection
   * went from 0.520 to 0.575 on average and pair trends from 0.964 to 0.966 (docs/benchmarks.md,
   * "Discriminator dropout").
   */
  dropout: number;
  /** Also condition on the mode of continuous columns (as CTAB-GAN does), not only on categories. */
  conditionOnModes: boolean;
  /** Write a column another categorical column determines in the seed from that column, rather than model it. */
  deriveColumns: boolean;
  /**
   * Sample from an exponential moving average of the generator's weights, with at most this
   * decay per step (warmed up from 0.1); 0 samples the raw weights.
   */
  generatorAverage: number;
  /** Generate with the generator of the latest epoch whose fidelity is within a hair of the best, not simply the last one. */
  keepBest: boolean;
  /** Keep generated numbers and dates within the seed's minimum and maximum (values outside are redrawn, never clamped). */
  withinSeedRange: boolean;
  /**
   * Keep each number within the range of the category that explains it (a grocery item's cost
   * within groceries'), drawn again in place where it falls far outside (see transform/byCategory).
   * Absent in models saved before it (off).
   */
  withinCategoryRange: boolean;
  /**
   * Model a number in the scale of the category that explains it best (a part-time salary as
   * spreads from part-time salaries' mean), written back from the generated category (see
   * transform/scaled). Read when a model is made; a saved model keeps what it was made with.
   */
  scaleByCategory: boolean;
  /** Model a number that follows another loosely (r ≥ 0.8) as what is left off their straight line (see transform/ruled). */
  looseLines: boolean;
  /** After training, shift each category's and mode's logit so generated rows hold it as often as the seed, and map each number's scalars within its modes onto the seed's (see CtganTrainer.calibrate). */
  calibrateShares: boolean;
  /** After training, keep each generated row with a probability a classifier of seed against generated rows sets (see Refiner). */
  refineRows: boolean;
  seed: number;
}

export const DEFAULT_CONFIG: ModelConfig = {
  embeddingDim: 128,
  generatorDims: [256, 256],
  discriminatorDims: [256, 256],
  pac: 5,
  batchSize: 250,
  epochs: 'auto',
  earlyStop: true,
  generatorLr: 4e-4,
  discriminatorLr: 4e-4,
  beta1: 0.5,
  beta2: 0.9,
  discriminatorSteps: 1,
  gradientPenalty: 10,
  penaltyEvery: 2,
  tau: 0.2,
  dropout: 0.25,
  conditionOnModes: true,
  deriveColumns: true,
  generatorAverage: 0.999,
  keepBest: true,
  withinSeedRange: true,
  withinCategoryRange: true,
  scaleByCategory: true,
  looseLines: true,
  calibrateShares: true,
  refineRows: true,
  seed: 42,
};

/**
 * Training rows below which no refiner is trained. Its held-out slice is a fifth of the seed's
 * rows: on the bench, refining a 2,040-row training split raised detection from 0.68 to 0.91 and kept
 * its shapes, while on 320 and 640 rows it learned the seed's own rows' quirks and cost
 * column shapes 0.015 and piled a count's commonest value up by 4 points (docs/benchmarks.md,
 * "Refining rows").
 */
export const MIN_REFINE_ROWS = 2_000;

/** Below this many steps an epoch of a small table teaches too little; its batch shrinks instead. */
const MIN_STEPS_PER_EPOCH = 10;
const MIN_SHRUNK_BATCH = 50;

/**
 * The pack size: the configured one, or 1 where the table is small enough that its batch
 * shrinks. A critic judging packs of 5 on a 50-row batch sees 10 samples a step; judging rows
 * one by one it sees 50. On the bench's four small tables (400 to 3,000 rows, same budget)
 * packs of 1 took the detection score from 0.33, 0.26, 0.60, 0.11 to 0.43, 0.45, 0.77, 0.20 and
 * pair trends up on all four.
 */
export function effectivePac(config: ModelConfig, rows: number): number {
  const pac = Math.max(1, Math.floor(config.pac));
  return Math.floor(rows / MIN_STEPS_PER_EPOCH) < config.batchSize ? 1 : pac;
}

/**
 * The batch: at most the configured size, smaller on a small table so an epoch still has ten
 * steps (400 rows, 300 epochs: column shapes 0.90 → 0.94, pair trends 0.78 → 0.86 at a batch
 * of 40 rather than 400), never below 50 rows from shrinking, and a multiple of the pack size.
 */
export function effectiveBatch(config: ModelConfig, rows: number): number {
  const pac = effectivePac(config, rows);
  const shrunk = Math.max(MIN_SHRUNK_BATCH, Math.floor(rows / MIN_STEPS_PER_EPOCH));
  const wanted = Math.min(config.batchSize, shrunk, Math.max(pac, rows));
  return Math.max(pac, Math.floor(wanted / pac) * pac);
}

export type NumberSetting = { [K in keyof ModelConfig]: ModelConfig[K] extends number ? K : never }[keyof ModelConfig];
/** Settings with a range: every number, and epochs when not 'auto'. */
export type RangedSetting = NumberSetting | 'epochs';

/** The values a number setting may take, and the name the user knows it by. */
export interface SettingRange {
  label: string;
  min: number;
  max: number;
  /** The bound itself is not allowed (a learning rate of 0 learns nothing; a beta of 1 never forgets). */
  aboveMin?: boolean;
  belowMax?: boolean;
  integer?: boolean;
}

/**
 * Ranges wide enough for any sensible experiment and narrow enough that a typo (a learning rate of
 * 1000, a noise dimension of 0) is refused before training rather than found as NaN losses, a
 * crash or an hour of work. The labels are the Advanced panel's.
 */
export const SETTING_RANGES: Record<RangedSetting, SettingRange> = {
  batchSize: { label: 'Batch size', min: 10, max: 100_000, integer: true },
  pac: { label: 'Pack size (PacGAN)', min: 1, max: 64, integer: true },
  embeddingDim: { label: 'Noise dimension', min: 1, max: 1024, integer: true },
  generatorLr: { label: 'Generator learning rate', min: 0.000001, max: 0.1 },
  discriminatorLr: { label: 'Discriminator learning rate', min: 0.000001, max: 0.1 },
  beta1: { label: 'Adam beta 1', min: 0, max: 1, belowMax: true },
  beta2: { label: 'Adam beta 2', min: 0, max: 1, belowMax: true },
  discriminatorSteps: { label: 'Discriminator steps per generator step', min: 1, max: 20, integer: true },
  gradientPenalty: { label: 'Gradient penalty weight', min: 0, max: 1000 },
  penaltyEvery: { label: 'Gradient penalty every N critic steps', min: 1, max: 100, integer: true },
  tau: { label: 'Gumbel-softmax temperature', min: 0, max: 10, aboveMin: true },
  dropout: { label: 'Discriminator dropout', min: 0, max: 0.9 },
  generatorAverage: { label: 'Generator weight averaging (decay, 0 = off)', min: 0, max: 1, belowMax: true },
  epochs: { label: 'Epochs', min: 1, max: 100_000, integer: true },
  seed: { label: 'Seed', min: 0, max: 0xffff_ffff, integer: true },
};

/** Hidden layers of each network: how many, and how wide each may be. */
export const LAYER_LIMITS = { layers: 8, width: 4096 } as const;

const written = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 20 });

/** The range in words, for the help beside a field: "Whole number, 1 to 64". */
export function describeRange(r: SettingRange): string {
  const [min, max] = [written(r.min), written(r.max)];
  if (r.aboveMin) return `Over ${min}, up to ${max}`;
  if (r.belowMax) return `${min} to under ${max}`;
  return r.integer ? `Whole number, ${min} to ${max}` : `${min} to ${max}`;
}

/** What is wrong with `value` for setting `key` on its own, or null. */
export function rangeProblem(key: RangedSetting, value: number): string | null {
  const r = SETTING_RANGES[key];
  const ok =
    Number.isFinite(value) &&
    (r.aboveMin ? value > r.min : value >= r.min) &&
    (r.belowMax ? value < r.max : value <= r.max) &&
    (!r.integer || Number.isInteger(value));
  if (ok) return null;
  const low = r.aboveMin ? `above ${written(r.min)}` : r.belowMax ? `at least ${written(r.min)}` : `between ${written(r.min)}`;
  const high = r.belowMax ? `below ${written(r.max)}` : r.aboveMin ? `at most ${written(r.max)}` : written(r.max);
  const got = typeof value === 'number' && !Number.isNaN(value) ? String(value) : 'no number';
  return `${r.label} must be ${r.integer ? 'a whole number ' : ''}${low} and ${high} (got ${got}).`;
}

/** Pack size against batch size, or null: the critic sees the batch in packs, so a pack larger than the batch leaves it nothing to see. */
function packProblem(pac: number, batchSize: number): string | null {
  return pac > batchSize ? `Pack size (PacGAN) must be at most the batch size (pack ${pac}, batch ${written(batchSize)}).` : null;
}

/** What is wrong with `value` for setting `key`, or null; `config` supplies the settings it must agree with. */
export function settingProblem(key: NumberSetting, value: number, config: ModelConfig): string | null {
  const own = rangeProblem(key, value);
  if (own) return own;
  if (key === 'pac') return packProblem(value, config.batchSize);
  if (key === 'batchSize') return packProblem(config.pac, value);
  return null;
}

/** What is wrong with a list of hidden layer widths, or null; `typed` is the text they were read from, where there is one. */
export function layersProblem(label: string, dims: readonly number[], typed = dims.join(', ')): string | null {
  const ok = dims.length >= 1 && dims.length <= LAYER_LIMITS.layers && dims.every((d) => Number.isInteger(d) && d >= 1 && d <= LAYER_LIMITS.width);
  if (ok) return null;
  return `${label} must be 1 to ${LAYER_LIMITS.layers} widths, each a whole number from 1 to ${written(LAYER_LIMITS.width)} (got ${typed || 'none'}).`;
}

/** Every problem with `config`, one sentence each; empty when it can be trained. */
export function configProblems(config: ModelConfig): string[] {
  const problems = (Object.keys(SETTING_RANGES) as RangedSetting[]).map((key) => {
    const value = config[key];
    return value === 'auto' ? null : rangeProblem(key, value);
  });
  const packAndBatchInRange = !rangeProblem('pac', config.pac) && !rangeProblem('batchSize', config.batchSize);
  problems.push(
    packAndBatchInRange ? packProblem(config.pac, config.batchSize) : null,
    layersProblem('Generator layers', Array.isArray(config.generatorDims) ? config.generatorDims : []),
    layersProblem('Discriminator layers', Array.isArray(config.discriminatorDims) ? config.discriminatorDims : []),
  );
  return problems.filter((p): p is string => p !== null);
}

/** Throws an InputError naming every setting out of range: checked before any work starts. */
export function validateConfig(config: ModelConfig): void {
  const problems = configProblems(config);
  if (problems.length) throw new InputError(problems.join(' '));
}
