import type { ReportFormat } from '../core/export/reportHtml';
import type { ExportFormat } from '../core/export/writer';
import type { StudioReport } from '../core/metrics/qualityReport';
import type { ModelConfig } from '../core/model/config';
import type { Recovery, TrainProgress } from '../core/train/tabularModel';
import type { TrainPlan } from '../core/session/types';
import type { BackendChoice, BackendName, ColumnView, Condition, EpochView, KeptProject, RuleView, Task, ToWorker } from '../worker/protocol';
import type { Rule } from '../core/data/rules';
import type { ImageChoices } from '../core/data/images/imageSet';
import type { ImageEpochView, ImageReportView, ImageSeedView } from '../core/session/imageTypes';
import type { TextEncoding } from '../core/data/encoding';
import type { Rename } from '../core/data/names';
import type { ColumnKind } from '../core/data/schema';

export interface DataSlice {
  fileName: string | null;
  rowCount: number;
  columns: ColumnView[];
  /** How the loaded text file was decoded; null for Parquet and before any load. */
  encoding: TextEncoding | null;
  /** Header names the load changed (duplicates, empty cells), shown so the user can find their columns. */
  renamed: Rename[];
  loading: { name: string; share: number } | null;
  error: { task: Task; message: string } | null;
  /** The model bundle loaded in place of a seed table: its file, the table it was trained on, rows trained on, columns. */
  bundle: { name: string; source: string; rows: number; columns: number } | null;
  loadFile(file: Blob, name: string): void;
  loadModel(file: Blob, name: string): void;
  loadSample(): Promise<void>;
  /** Loads the image sample (emoji in ten labels) shipped with the app. */
  loadImageSample(): Promise<void>;
  setColumn(name: string, change: { kind?: ColumnKind; include?: boolean }): void;
  dismissError(): void;
}

/** Rules every seed row obeys, which generated rows keep when ticked. */
export interface RulesSlice {
  rules: RuleView[];
  keepRule(text: string, keep: boolean): void;
  removeRule(text: string): void;
  addRule(rule: Rule): void;
}

export interface BackendSlice {
  backendChoice: BackendChoice;
  backend: BackendName | null;
  adapter: string;
  backendNote: string | null;
  /** Every backend is being timed (`timeBackends`). */
  backendTiming: boolean;
  /** Starts the chosen backend: 'auto' begins with the one remembered from the last timing. */
  startBackend(): void;
  chooseBackend(choice: BackendChoice): void;
  timeBackends(): void;
}

export type TrainStatus = 'idle' | 'training' | 'paused' | 'stopping';

export interface TrainSlice {
  status: TrainStatus;
  config: ModelConfig;
  progress: TrainProgress | null;
  /** The run's last recovery from NaN losses, or null when it had none. */
  recovered: Recovery | null;
  /** What the run does: `derived`, columns written from the column they follow in the seed; `lines`, from a straight line in another. */
  run: TrainPlan | null;
  trainedEpochs: number;
  /** A model exists (trained fully or stopped early) and can generate. */
  modelReady: boolean;
  /** The last run ended on Stop rather than after all its epochs. */
  stoppedEarly: boolean;
  /** The last run stopped early because validation fidelity stopped improving. */
  converged: boolean;
  /** The share of drawn rows the refiner keeps after the last run, or null when it keeps all. */
  refinedKeep: number | null;
  /** Seconds per training step measured on this page, by backend and batch (`wasm:50`): the time estimate before Train. */
  speed: Record<string, number>;
  /** Milliseconds of the probe step by backend, measured when it started: scales the estimate's prior until a run is timed. */
  probeMs: Record<string, number>;
  choices: { column: string; values: string[] }[];
  setConfig(patch: Partial<ModelConfig>): void;
  train(): void;
  pause(): void;
  resume(): void;
  stop(): void;
}

/** Series that change many times a second: charts read them through `subscribe`, not re-renders. */
export interface LiveSlice {
  losses: { step: number[]; discriminator: number[]; generator: number[]; penalty: number[] };
  fidelity: { epoch: number[]; score: number[]; pairs: number[] };
  latest: EpochView | null;
}

export interface GenerateSlice {
  genRows: number;
  condition: Condition | null;
  generating: { done: number; total: number } | null;
  generated: { rows: number; seconds: number; preview: { names: string[]; rows: (string | null)[][] } } | null;
  exporting: ExportFormat | 'images' | null;
  setGenRows(rows: number): void;
  setCondition(condition: Condition | null): void;
  generate(): void;
  download(format: ExportFormat): void;
  /** Downloads the model as `<table>.mitosis.zip`. */
  saveModel(): void;
}

/** The quality and privacy report the worker sends when training ends. */
export interface ReportSlice {
  report: StudioReport | null;
  /** The column usefulness is computed for; set at once when chosen, and again when the report comes back. */
  reportTarget: string | null;
  /** A new target's usefulness is being computed. */
  reportBusy: boolean;
  setReportTarget(column: string | null): void;
  downloadReport(format: ReportFormat): void;
}

/** The project this browser kept (autosave), and how the latest save went. */
export interface ProjectSlice {
  /** What a reload found kept, offered for Resume; null once resumed, forgotten or replaced. */
  kept: KeptProject | null;
  /** The latest checkpoint kept during this visit, or why none could be. */
  autosave: { epoch: number; ms: number; bytes: number } | { failed: string } | null;
  resumeProject(): void;
  forgetProject(): void;
  /** The worker crashed and a new one runs: start it on the next backend and read back what was kept. */
  restartAfterCrash(why: string): void;
}

/** The image studio: the images read, the live grid, the report and what to download. */
export interface ImageSlice {
  /** Images loaded in place of a table (null while the studio works on a table). */
  images: ImageSeedView | null;
  imageLive: ImageEpochView | null;
  imageReport: ImageReportView | null;
  /** Images to download, and the label to make them all of (null: by the seed's shares). */
  imageCount: number;
  imageLabel: string | null;
  loadImages(name: string, files: { path: string; file: Blob }[]): void;
  setImageChoices(choices: ImageChoices): void;
  setImageCount(count: number): void;
  setImageLabel(label: string | null): void;
  downloadImages(): void;
}

export interface Connection {
  send(message: ToWorker): void;
}

export type StudioState = DataSlice & RulesSlice & BackendSlice & TrainSlice & LiveSlice & GenerateSlice & ReportSlice & ProjectSlice & ImageSlice & { connection: Connection };
