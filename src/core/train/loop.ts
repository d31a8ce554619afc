import type * as tf from '@tensorflow/tfjs';
import { patienceSteps } from './budget';
import { EpochSelection } from './selection';
import { Turns } from './turns';

// The training loop every studio model shares (tables and images): steps, pause and stop,
// progress with time left, NaN and collapse roll-backs, judged epochs, the kept generator,
// early stopping and the checkpoints autosave writes between epochs.

/** One step's losses as scalars on the device; the caller owns and disposes them. */
export interface StepLosses {
  discriminator: tf.Scalar;
  generator: tf.Scalar;
  penalty: tf.Scalar;
}

/** One tensor's values as saved, under its deterministic name. */
export interface NamedValues {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** A trainer's saved state: plain data beside its tensors' values, all on the host. */
export interface SavedState<S> {
  state: S;
  tensors: NamedValues[];
}

/** What the loop asks of a GAN trainer: one step at a time, and its state to go back to. */
export interface Steppable<S> {
  readonly stepsPerEpoch: number;
  /** One critic and one generator update; the caller disposes the returned scalars. */
  step(): StepLosses;
  /** Every weight, optimiser moment and RNG position, read off the device. Call between steps. */
  save(): Promise<SavedState<S>>;
  rollBack(saved: SavedState<S>): void;
  halveLearningRates(): { generatorLr: number; discriminatorLr: number };
  /** Keeps the current generator as the one generation uses. */
  keepGenerator(): void;
}

export interface Losses {
  discriminator: number;
  generator: number;
  penalty: number;
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  secondsLeft: number;
  losses: Losses;
}

/** What the training loop asks of whoever drives it (a worker's messages, or nothing in the CLI). */
export interface TrainControl {
  stopped(): boolean;
  /** Resolves once training may go on; returns at once when not paused. */
  resume(): Promise<void>;
}

/**
 * Training went back to its last good checkpoint, at these rates: the losses stopped being
 * numbers (`nan`), or the judged score fell far below the best so far (`collapse`).
 */
export interface Recovery {
  cause: 'nan' | 'collapse';
  epoch: number;
  generatorLr: number;
  discriminatorLr: number;
}

export interface TrainHooks<R> {
  onProgress?(p: TrainProgress): void;
  onEpoch?(r: R): void;
  /** Called before epoch `r.epoch` is trained again at the halved learning rates. */
  onRecover?(r: Recovery): void;
  control?: TrainControl;
  /** Awaited at the end of each epoch, between steps: where a checkpoint may be saved (autosave). */
  afterEpoch?(epoch: number): Promise<void> | void;
  /** Losses are read back from the device once every this many steps. */
  readEvery?: number;
  /** Awaited after each step: where a live view may sample the generator (no step runs meanwhile). */
  betweenSteps?(): Promise<void> | void;
}

/** An epoch's judgement: its score, and its report once the kept epoch is known. */
export interface Judged<R> {
  score: number;
  /** A detection score, when this judgement measured one: it only delays early stopping. */
  detection?: number | null;
  report(best: { epoch: number; score: number }): R;
}

export type TrainEnd = 'done' | 'stopped' | 'converged';

/** The model's numbers stopped being numbers: what it would write is poison, so nothing is written. */
export class DivergedError extends Error {
  override name = 'DivergedError';
}

/** Roll-backs to the last good checkpoint, each at half the learning rates, before a run gives up. */
export const MAX_RECOVERIES = 3;
/** Steps between two judgements of the generator (at the end of an epoch): it scores, keeps the best, and shows the live view. */
const MIN_STEPS_BETWEEN_EVALUATIONS = 25;
/**
 * A judged score this far below the best so far is a collapse, not the swing between epochs: on
 * the small-table suite the deepest dip below the best so far was 0.025–0.085.
 */
export const COLLAPSE_DROP = 0.15;
/** Steps between the checkpoints a recovery goes back to (taken at the end of an epoch). */
const CHECKPOINT_STEPS = 100;

function diverged(losses: number[], epoch: number, recoveries: number): DivergedError {
  const recovered = recoveries ? ` even after recovering ${recoveries} time${recoveries === 1 ? '' : 's'} at halved learning rates` : '';
  return new DivergedError(
    `Training stopped in epoch ${epoch}: the losses became ${losses.find((x) => !Number.isFinite(x))}${recovered}. ` +
      'Train again with a lower learning rate (Advanced) or check the data for extreme values.',
  );
}

export interface LoopOptions<R> {
  keepBest: boolean;
  earlyStop: boolean;
  /** Judges the generator after `epoch` epochs; null when nothing can judge it. */
  judge: ((epoch: number) => Promise<Judged<R>>) | null;
  /** The first epoch (counted over the whole run) whose fall below the best counts as a collapse: before it, a judged score's swings are the early phase. 0 by default. */
  collapseFrom?: number;
  /** How far below the best score an epoch may score and still be kept (SELECTION_MARGIN by default). */
  selectionMargin?: number;
}

/** A model's run: how many epochs it has trained and which one it keeps, and the loop that trains it. */
export class TrainingRun<S, R> {
  epochsDone = 0;
  readonly selection: EpochSelection;

  constructor(
    private readonly trainer: Steppable<S>,
    private readonly options: LoopOptions<R>,
  ) {
    this.selection = new EpochSelection(options.selectionMargin);
  }

  /**
   * Trains `epochs` more epochs. Returns 'stopped' when the control says stop, 'converged' when
   * neither the judged score nor detection has improved for a quarter of the run (early
   * stopping), else 'done'.
   */
  async train(epochs: number, hooks: TrainHooks<R> = {}): Promise<TrainEnd> {
    const { trainer, options, selection } = this;
    const { stepsPerEpoch } = trainer;
    const readEvery = hooks.readEvery ?? 5;
    // Short epochs are judged every few: on a 400-row table (8 steps an epoch) judging each one took a third of the time.
    const evaluateEvery = Math.max(1, Math.ceil(MIN_STEPS_BETWEEN_EVALUATIONS / stepsPerEpoch));
    const totalSteps = epochs * stepsPerEpoch;
    const firstEpoch = this.epochsDone;
    const started = performance.now();
    let pausedMs = 0;
    let step = 0;
    // The last state whose losses were finite (held on the host: no tensors), where it stood.
    let checkpoint = { saved: await trainer.save(), step, e: 0, epochsDone: this.epochsDone };
    let restart = false;
    let recoveries = 0;
    const turns = new Turns();
    const goBack = (cause: Recovery['cause']) => {
      recoveries++;
      trainer.rollBack(checkpoint.saved);
      hooks.onRecover?.({ cause, epoch: checkpoint.epochsDone + 1, ...trainer.halveLearningRates() });
      [step, this.epochsDone] = [checkpoint.step, checkpoint.epochsDone];
    };
    try {
      for (let e = 0; e < epochs; e++) {
        for (let s = 0; s < stepsPerEpoch; s++) {
          const pauseStart = performance.now();
          await hooks.control?.resume();
          pausedMs += performance.now() - pauseStart;
          if (hooks.control?.stopped()) return 'stopped';
          const losses = trainer.step();
          step++;
          const scalars = [losses.discriminator, losses.generator, losses.penalty];
          if (step % readEvery === 0 || s === stepsPerEpoch - 1) {
            const [d, g, p] = (await Promise.all(scalars.map((t) => t.data()))).map((v) => v[0]);
            if (![d, g, p].every(Number.isFinite)) {
              scalars.forEach((t) => t.dispose());
              if (recoveries === MAX_RECOVERIES) throw diverged([d, g, p], this.epochsDone + 1, recoveries);
              // Training starts over from the checkpoint's epoch.
              goBack('nan');
              restart = true;
              break;
            }
            const stepsPerSecond = step / ((performance.now() - started - pausedMs) / 1000);
            hooks.onProgress?.({
              epoch: this.epochsDone + (s + 1) / stepsPerEpoch,
              epochs: firstEpoch + epochs,
              step,
              totalSteps,
              stepsPerSecond,
              secondsLeft: (totalSteps - step) / stepsPerSecond,
              losses: { discriminator: d, generator: g, penalty: p },
            });
          } else {
            await turns.next();
          }
          scalars.forEach((t) => t.dispose());
          // Awaited only when given: the tabular run has none and keeps its step free of it.
          if (hooks.betweenSteps) await hooks.betweenSteps();
        }
        if (restart) {
          [e, restart] = [checkpoint.e - 1, false];
          continue;
        }
        this.epochsDone++;
        const judging = Boolean(options.judge && (hooks.onEpoch || options.keepBest || options.earlyStop));
        const judged = judging && (this.epochsDone % evaluateEvery === 0 || e === epochs - 1);
        if (judged && options.judge) {
          const { score, report, detection } = await options.judge(this.epochsDone);
          // A collapse (samples suddenly far worse than the best so far) is rolled back like NaN losses, while recoveries remain.
          if (this.epochsDone >= (options.collapseFrom ?? 0) && score < selection.best - COLLAPSE_DROP && recoveries < MAX_RECOVERIES) {
            goBack('collapse');
            e = checkpoint.e - 1;
            continue;
          }
          const improved = selection.offer(this.epochsDone, score);
          if (detection != null) selection.offerDetection(this.epochsDone, detection);
          if (improved && options.keepBest) trainer.keepGenerator();
          hooks.onEpoch?.(report(options.keepBest ? selection.kept : { epoch: this.epochsDone, score }));
          const idle = (this.epochsDone - selection.lastGain) * stepsPerEpoch;
          if (options.earlyStop && e < epochs - 1 && idle >= patienceSteps(totalSteps)) return 'converged';
        }
        await hooks.afterEpoch?.(this.epochsDone);
        // Every CHECKPOINT_STEPS or so: reading the weights back each epoch of a small table cost 8 % of its time.
        // Only a judged epoch's state is a checkpoint when judging: an unjudged one may hide a collapse.
        if (step - checkpoint.step >= CHECKPOINT_STEPS && e < epochs - 1 && (judged || !judging)) {
          // The last step's update can itself make weights NaN after finite losses: such a state is no checkpoint.
          const saved = await trainer.save();
          if (saved.tensors.every((t) => t.values.every(Number.isFinite))) checkpoint = { saved, step, e: e + 1, epochsDone: this.epochsDone };
        }
      }
    } finally {
      turns.close();
    }
    return 'done';
  }
}
