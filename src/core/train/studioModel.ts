import type { TrainEnd, TrainHooks } from './loop';

/** What a studio model is trained on: a table, or a set of labelled images. */
export type ModelKind = 'tabular' | 'images';

/**
 * The one interface every studio model implements (tables and images), so the session, the
 * worker and the CLI drive them the same way. `R` is what a judged epoch reports (the live
 * view), `G` how generation is asked for and delivered. Fitting is the model's constructor.
 */
export interface StudioModel<R, G> {
  readonly kind: ModelKind;
  /** Epochs trained so far. */
  readonly epochs: number;
  /** The epochs this run trains for: the configured number, or the default budget's. */
  readonly plannedEpochs: number;
  train(epochs: number, hooks?: TrainHooks<R>): Promise<TrainEnd>;
  /** The live view after `epoch` epochs (fixed noise, so epochs differ only by what was learned). */
  snapshot(epoch: number): Promise<R>;
  /** Generates `count` rows or images, chunk by chunk; the same seed gives the same output. */
  generate(count: number, options: G): Promise<void>;
  /** The model as plain JSON and one float32 buffer of weights (a bundle's contents). */
  save(): Promise<{ manifest: unknown; weights: ArrayBuffer }>;
  dispose(): void;
}
