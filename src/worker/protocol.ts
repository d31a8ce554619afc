// Messages between the page and the studio worker. Types only: no tfjs here.
import type { BackendName } from '../core/backend/capabilities';
import type { TextEncoding } from '../core/data/encoding';
import type { Rename } from '../core/data/names';
import type { Rule } from '../core/data/rules';
import type { ColumnKind } from '../core/data/schema';
import type { ReportFormat } from '../core/export/reportHtml';
import type { ExportFormat } from '../core/export/writer';
import type { StudioReport } from '../core/metrics/qualityReport';
import type { ModelConfig } from '../core/model/config';
import type { Recovery, TrainProgress } from '../core/train/tabularModel';
import type { ColumnView, Condition, EpochView, LoadedModel, PreviewRows, RuleView, TrainOutcome, TrainPlan } from '../core/session/types';
import type { ImageChoices } from '../core/data/images/imageSet';
import type { ImageEpochView, ImageReportView, ImageSeedView } from '../core/session/imageTypes';

export type { BackendName, ColumnView, Condition, EpochView, RuleView };
export type BackendChoice = BackendName | 'auto';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

// Defined in core so the CLI shares the bound without importing the worker protocol.
export { MAX_GENERATED_ROWS } from '../core/util/limits';

export type ToWorker =
  /** `remembered`: the backend that won the last timing on this browser, which 'auto' starts first. */
  | { type: 'backend'; choice: BackendChoice; remembered?: BackendName }
  /** Times every backend, then uses the fastest ('auto') or keeps `choice`. */
  | { type: 'timeBackends'; choice: BackendChoice }
  | { type: 'load'; file: Blob; name: string }
  /** A zip of images, a folder's files (paths relative to the upload) or loose image files. */
  | { type: 'loadImages'; name: string; files: { path: string; file: Blob }[] }
  | { type: 'imageChoices'; choices: ImageChoices }
  /** A model bundle (.mitosis.zip) to generate from, in place of a seed table and training. */
  | { type: 'loadModel'; file: Blob; name: string }
  /** Sends the trained model back as a bundle `file`. */
  | { type: 'saveModel' }
  | { type: 'column'; name: string; kind?: ColumnKind; include?: boolean }
  | { type: 'keepRule'; text: string; keep: boolean }
  | { type: 'removeRule'; text: string }
  | { type: 'addRule'; rule: Rule }
  | { type: 'train'; kind: 'tabular'; config: ModelConfig }
  /** Trains the image model on the loaded images (`epochs`: the user's length, or the set's default). */
  | { type: 'train'; kind: 'images'; epochs: number | 'auto' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'generate'; rows: number; condition?: Condition }
  | { type: 'export'; format: ExportFormat }
  /** Generates `count` images (of one label, or by the seed's shares) and sends them as a zip. */
  | { type: 'exportImages'; count: number; label: string | null }
  /** Recomputes the report's usefulness for this target column (null: none). */
  | { type: 'reportTarget'; column: string | null }
  | { type: 'exportReport'; format: ReportFormat }
  /** Asks what project this browser kept (answered with `project`). */
  | { type: 'project' }
  /** Reads the kept project back and trains on from its last checkpoint (or restores its model). */
  | { type: 'resumeProject' }
  | { type: 'forgetProject' };

export type Task = 'backend' | 'load' | 'schema' | 'rules' | 'train' | 'generate' | 'export' | 'report' | 'project';

/** The project kept in this browser, as the page offers to resume it. */
export interface KeptProject {
  name: string;
  rows: number;
  columns: number;
  /** The checkpoint's epoch and the run's planned length (0 and 0 before any training). */
  epochs: number;
  plannedEpochs: number;
  ended: boolean;
  savedAt: string;
}

export type FromWorker =
  /** `fastest`: set when every backend was timed, to the winner. */
  | { type: 'backend'; backend: BackendName; adapter: string; note?: string; fastest?: BackendName }
  /** Milliseconds of the probe step (see timeProbeStep) on `backend`: how quick this machine is today, for the time estimate. */
  | { type: 'probe'; backend: BackendName; ms: number }
  | { type: 'loading'; name: string; share: number }
  /** `encoding` of a text file; `renamed`: header names changed so that each column has its own. */
  | { type: 'loaded'; name: string; rows: number; columns: ColumnView[]; encoding?: TextEncoding; renamed?: Rename[] }
  | { type: 'schema'; columns: ColumnView[] }
  /** Images were read (or re-made at new choices): the studio now works on images. */
  | { type: 'imagesLoaded'; kind: 'images'; seed: ImageSeedView }
  | { type: 'imageEpoch'; view: ImageEpochView }
  /** The live grid redrawn between epochs. */
  | { type: 'imageGrid'; view: Pick<ImageEpochView, 'grid' | 'interpolation'> }
  | { type: 'imageReport'; report: ImageReportView }
  /** A model bundle was loaded: it generates, with no seed table (`rows`: rows it trained on). */
  | ({ type: 'modelLoaded' } & LoadedModel)
  | { type: 'rules'; rules: RuleView[] }
  | { type: 'error'; task: Task; message: string }
  | ({ type: 'trainStarted' } & TrainPlan)
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'epoch'; report: EpochView }
  /** The losses became NaN or the rows collapsed: training went back to its last good epoch and goes on at these halved rates. */
  | ({ type: 'recovered' } & Recovery)
  /** `converged`: stopped early, validation fidelity having stopped improving. */
  | ({ type: 'trainEnded' } & TrainOutcome)
  | { type: 'generateProgress'; done: number; total: number }
  | { type: 'generated'; rows: number; seconds: number; preview: PreviewRows }
  | { type: 'file'; name: string; blob: Blob }
  /** The quality and privacy report of the trained model, sent after training and on a new target. */
  | { type: 'report'; report: StudioReport }
  | { type: 'project'; project: KeptProject | null }
  /** Autosave kept the run at `epoch` (`ms` to read and write it), or could not (`error`). */
  | { type: 'autosaved'; epoch: number; ms: number; bytes: number }
  | { type: 'autosaveFailed'; message: string };
