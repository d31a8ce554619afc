// Plain data the session hands out: what the worker posts, the store keeps and the CLI prints.
import type { ColumnSchema } from '../data/schema';
import type { Rule } from '../data/rules';
import type { Distribution } from '../metrics/distribution';
import type { ColumnScore } from '../metrics/fidelity';
import type { DerivedColumn, KeyColumn, LineColumn } from '../transform/transformer';

/** A column as the schema panel shows it: its schema, a small distribution and the column that fixes it, if any. */
export interface ColumnView extends ColumnSchema {
  mini: { labels: string[]; shares: number[] };
  follows?: string;
}

/** A rule as the Rules panel lists it: found in the seed or added by hand, kept or not. */
export interface RuleView {
  rule: Rule;
  /** `ship_date ≥ order_date`: also the rule's identity in messages. */
  text: string;
  origin: 'found' | 'added';
  keep: boolean;
}

/** A categorical column fixed to one value while generating. */
export interface Condition {
  column: string;
  value: string;
}

/** Values a user may fix, per categorical column. */
export interface ConditionChoice {
  column: string;
  values: string[];
}

/** A few rows as text cells, for previews. */
export interface PreviewRows {
  names: string[];
  rows: (string | null)[][];
}

/** One judged epoch as the live view shows it. */
export interface EpochView {
  epoch: number;
  fidelity: number;
  pairTrends: number;
  /** How well the seed's strong links are kept (see `linkScore`); null where it has none. */
  links: number | null;
  best: { epoch: number; score: number };
  columns: ColumnScore[];
  distributions: Distribution[];
  preview: PreviewRows;
}

/** What a run is about to do, known before its first step. */
export interface TrainPlan {
  epochs: number;
  validationRows: number;
  stepsPerEpoch: number;
  batch: number;
  preprocessSeconds: number;
  trainingRows: number;
  derived: DerivedColumn[];
  /** IDs repeated over rows (a customer's bills): see KeyColumn. */
  keys: KeyColumn[];
  /** Columns the seed shows on a straight line in another: modelled as what is left off that line. */
  lines: LineColumn[];
  /** Numbers modelled in the scale of the category that explains them, and written back from it. */
  scaled: { name: string; by: string }[];
  /** Epochs already trained: 0 for a new run, the checkpoint's epoch for a resumed one. */
  resumedFrom: number;
}

/** The user's choices on a seed table, kept with it so a reload can resume. */
export interface SessionChoices {
  schema: ColumnSchema[];
  rules: RuleView[];
}

/** How a run ended: `converged` when validation stopped improving (early stopping). */
export interface TrainOutcome {
  stopped: boolean;
  converged: boolean;
  epochs: number;
  /** The share of drawn rows the refiner keeps (see Refiner), or null when it keeps them all. */
  refinedKeep: number | null;
  choices: ConditionChoice[];
}

/** A model loaded from a bundle, with no seed table. */
export interface LoadedModel {
  /** The bundle's file name. */
  name: string;
  /** The app and version that wrote it. */
  app: string;
  /** The seed table's name and rows. */
  source: string;
  sourceRows: number;
  seed: number;
  /** Rows trained on. */
  rows: number;
  columns: number;
  epochs: number;
  choices: ConditionChoice[];
}

/** A file the session made, for the adapter to download or write. */
export interface OutputFile {
  name: string;
  mime: string;
  parts: (string | ArrayBuffer | Uint8Array<ArrayBuffer>)[];
}
