import { effectiveBatch, MIN_REFINE_ROWS, type ModelConfig } from '../model/config';

// Steps a default run takes: small tables need many passes to learn how their columns relate,
// and large ones reach their plateau within a few thousand steps. The cap is on work, not steps,
// so a smaller batch buys more steps for the same time. The length and the cap were set for a
// minute on a 1,000-row table and five on Adult on WASM on a quick day of a 2-core machine;
// how long they take on slower days, and what shorter runs cost, is in docs/benchmarks.md
// ("The 1,000-row target", "The cap, again", "Time, measured again").
const MIN_STEPS = 1_600;
const STEPS_PER_ROW = 1.6;
/** The most work a default run does, in steps at a batch of 500. */
const MAX_WORK = 2_900;
/** The share of a step's time that does not grow with the batch (dispatch, the optimiser). */
export const FIXED_STEP_SHARE = 0.23;

/**
 * The refiner and the calibration rounds on the rows it keeps, in training steps' time: on Adult
 * under Node on WASM they took about 33 s more than plain calibration, against 58 ms a step.
 */
const REFINE_STEPS = 570;

/** Rows held back from training to choose the epoch and stop early on; below this many rows, none. */
const MIN_ROWS_FOR_VALIDATION = 500;
const VALIDATION_SHARE = 0.15;
const MAX_VALIDATION_ROWS = 2_000;

/**
 * What a step at `batch` rows costs, as a share of one at 500. In the app on WASM a step took
 * 35 ms at a batch of 85 and 97 ms at 500.
 */
export function stepCost(batch: number): number {
  return FIXED_STEP_SHARE + ((1 - FIXED_STEP_SHARE) * batch) / 500;
}

/** Training steps the default run takes on a table of `rows` rows, trained at `batch`. */
export function defaultSteps(rows: number, batch: number): number {
  const wanted = Math.max(MIN_STEPS, STEPS_PER_ROW * rows);
  return Math.round(Math.min(MAX_WORK / stepCost(batch), wanted));
}

/** Rows of a `rows`-row table held out for validation. */
export function validationRows(rows: number): number {
  return rows < MIN_ROWS_FOR_VALIDATION ? 0 : Math.min(MAX_VALIDATION_ROWS, Math.round(VALIDATION_SHARE * rows));
}

/** Steps in one epoch over `trainingRows` rows, as the trainer takes them. */
export function stepsPerEpoch(config: ModelConfig, trainingRows: number): number {
  return Math.max(1, Math.floor(trainingRows / effectiveBatch(config, trainingRows)));
}

/** The epochs a run trains for: the user's number, or the default budget's for a table of `rows` rows. */
export function plannedEpochs(config: ModelConfig, rows: number): number {
  if (config.epochs !== 'auto') return config.epochs;
  const training = rows - validationRows(rows);
  const steps = defaultSteps(rows, effectiveBatch(config, training));
  return Math.max(1, Math.round(steps / stepsPerEpoch(config, training)));
}

/** Steps with no gain on validation after which training stops: a quarter of the run, and at least 600. */
export function patienceSteps(plannedSteps: number): number {
  return Math.max(600, Math.round(plannedSteps / 4));
}

/** Training steps' worth of time that refining the rows adds after a run on `trainingRows` rows (0 where it does not run). */
export function refineSteps(config: ModelConfig, trainingRows: number): number {
  return config.refineRows && trainingRows >= MIN_REFINE_ROWS ? REFINE_STEPS : 0;
}
