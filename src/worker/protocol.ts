// Messages between the page and the studio worker. Types only: no tfjs here.
import type { ColumnKind, ColumnSchema } from '../core/data/schema';
import type { ExportFormat } from '../core/export/writer';
import type { Distribution } from '../core/metrics/distribution';
import type { ColumnScore } from '../core/metrics/fidelity';
import type { ModelConfig } from '../core/model/config';
import type { TrainProgress } from '../core/train/tabularModel';
import type { DerivedColumn } from '../core/transform/transformer';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Generated rows are held in the worker until downloaded, so a tab's memory sets this bound. */
export const MAX_GENERATED_ROWS = 2_000_000;

/** A column as the schema panel shows it: its schema, a small distribution and the column that fixes it, if any. */
export interface ColumnView extends ColumnSchema {
  mini: { labels: string[]; shares: number[] };
  follows?: string;
}

export interface Condition {
  column: string;
  value: string;
}

export type ToWorker =
  | { type: 'backend'; choice: BackendChoice }
  | { type: 'load'; file: Blob; name: string }
  | { type: 'column'; name: string; kind?: ColumnKind; include?: boolean }
  | { type: 'train'; config: ModelConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'generate'; rows: number; condition?: Condition }
  | { type: 'export'; format: ExportFormat };

export type Task = 'backend' | 'load' | 'schema' | 'train' | 'generate' | 'export';

export interface EpochView {
  epoch: number;
  fidelity: number;
  pairTrends: number;
  best: { epoch: number; score: number };
  columns: ColumnScore[];
  distributions: Distribution[];
  preview: { names: string[]; rows: (string | null)[][] };
}

export type FromWorker =
  | { type: 'backend'; backend: BackendName; adapter: string; note?: string }
  | { type: 'loading'; name: string; share: number }
  | { type: 'loaded'; name: string; rows: number; columns: ColumnView[] }
  | { type: 'schema'; columns: ColumnView[] }
  | { type: 'error'; task: Task; message: string }
  | { type: 'trainStarted'; epochs: number; stepsPerEpoch: number; batch: number; preprocessSeconds: number; trainingRows: number; derived: DerivedColumn[] }
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'epoch'; report: EpochView }
  | { type: 'trainEnded'; stopped: boolean; epochs: number; choices: { column: string; values: string[] }[] }
  | { type: 'generateProgress'; done: number; total: number }
  | { type: 'generated'; rows: number; seconds: number; preview: { names: string[]; rows: (string | null)[][] } }
  | { type: 'file'; name: string; blob: Blob };
