import { parseDelimitedText } from '../core/data/parse';
import { joinTables, selectRows, type Table } from '../core/data/table';
import { columnShapes } from '../core/metrics/fidelity';
import { MAX_MEAN_CATEGORIES, type FixedSample } from '../core/metrics/relations';
import { qualityReport, type QualityReport } from '../core/metrics/report';
import { DEFAULT_CONFIG, type ModelConfig } from '../core/model/config';
import { Rng } from '../core/util/rng';
import { Session } from '../core/session/session';
import { measureStepWork, type StepWork } from './stepWork';

export interface BenchOptions {
  epochs: number;
  seed: number;
  target: string;
  /** Column shapes on the held-out rows that count as "good enough" for time to quality. */
  threshold: number;
  generateRows: number;
  /** Training stops after this many seconds even if epochs remain. */
  maxTrainSeconds: number;
  config?: Partial<ModelConfig>;
}

export const DEFAULT_BENCH: BenchOptions = { epochs: 10, seed: 26, target: 'income', threshold: 0.86, generateRows: 100_000, maxTrainSeconds: 600 };

export interface BenchResult {
  backend: string;
  adapter: string;
  rows: { train: number; holdout: number };
  epochs: number;
  stepsPerEpoch: number;
  batch: number;
  preprocessSeconds: number;
  epochSeconds: number[];
  /** Median seconds per epoch, the first (warm-up) epoch left out when there are others. */
  secondsPerEpoch: number;
  shapesByEpoch: number[];
  /** Seconds from loaded data to column shapes ≥ threshold (preprocessing + training, evaluation excluded). */
  timeToQuality: number | null;
  generationRowsPerSecond: number;
  peakTensors: number;
  quality: QualityReport;
  /** On WebGPU: dispatches, buffer creations, uploads and read-backs per step and per generated batch. */
  gpuWork: StepWork | null;
}

/** Steps after the run whose WebGPU work is counted (the first fills the buffer pool). */
const COUNTED_STEPS = 6;

/** The device side a benchmark needs: which backend runs, and how many tensors are alive. */
export interface BenchEnv {
  backend: string;
  adapter: string;
  tensors(): number;
  log(line: string): void;
}

/** Splits rows 80/20 with a seeded shuffle. */
export function splitTable(table: Table, seed: number, share = 0.8): { train: Table; holdout: Table } {
  const order = new Rng(seed).shuffle(Array.from({ length: table.rowCount }, (_, i) => i));
  const cut = Math.floor(table.rowCount * share);
  return { train: selectRows(table, order.slice(0, cut)), holdout: selectRows(table, order.slice(cut)) };
}

/** Trains the default model on the 80% split, epoch by epoch, and measures speed and quality. */
export async function runBenchmark(csv: string, env: BenchEnv, options: BenchOptions = DEFAULT_BENCH): Promise<BenchResult> {
  const { train, holdout } = splitTable(parseDelimitedText(csv), options.seed);
  // The app's pipeline: the schema it infers and the rules it finds, kept.
  const session = Session.fromTable('adult.csv', train);
  const { schema } = session;
  const config = { ...DEFAULT_CONFIG, seed: options.seed, epochs: options.epochs, ...options.config };
  const plan = session.prepare(config);
  let peakTensors = env.tensors();
  const epochSeconds: number[] = [];
  const shapesByEpoch: number[] = [];
  let clock = plan.preprocessSeconds;
  let timeToQuality: number | null = null;
  env.log(`${env.backend}: preprocessing ${plan.preprocessSeconds.toFixed(2)} s, ${plan.stepsPerEpoch} steps per epoch`);
  for (let e = 1; e <= options.epochs; e++) {
    const t0 = performance.now();
    await session.train({ readEvery: 10, onProgress: () => (peakTensors = Math.max(peakTensors, env.tensors())) }, 1);
    const seconds = (performance.now() - t0) / 1000;
    epochSeconds.push(seconds);
    clock += seconds;
    const synth = await sampleTable(session, holdout.rowCount);
    const shapes = columnShapes(holdout, synth, schema).score;
    shapesByEpoch.push(shapes);
    if (timeToQuality === null && shapes >= options.threshold) timeToQuality = clock;
    env.log(`${env.backend}: epoch ${e} ${seconds.toFixed(2)} s, column shapes ${shapes.toFixed(3)}`);
    if (clock - plan.preprocessSeconds > options.maxTrainSeconds) break;
  }
  const t0 = performance.now();
  const writer = session.rowWriter('csv');
  let bytes = 0;
  const count = (p: string | ArrayBuffer) => (bytes += typeof p === 'string' ? p.length : p.byteLength);
  await session.generate(options.generateRows, { keep: false, onChunk: (chunk) => writer.add(chunk).forEach(count) });
  const generationRowsPerSecond = options.generateRows / ((performance.now() - t0) / 1000);
  env.log(`${env.backend}: generated ${options.generateRows} rows (${(bytes / 1e6).toFixed(1)} MB of CSV) at ${Math.round(generationRowsPerSecond)} rows/s`);
  const synth = await sampleTable(session, train.rowCount);
  const quality = qualityReport({ train, holdout, synth, schema, target: options.target });
  // Counted once quality is judged: the counted steps train the model further.
  const gpuWork = await measureStepWork(session, COUNTED_STEPS, 2);
  if (gpuWork) env.log(`${env.backend}: ${gpuWork.perStep.dispatches} dispatches and ${gpuWork.perStep.allocations} buffer creations a step`);
  session.dispose();
  const steady = epochSeconds.length > 1 ? epochSeconds.slice(1) : epochSeconds;
  return {
    backend: env.backend,
    adapter: env.adapter,
    rows: { train: train.rowCount, holdout: holdout.rowCount },
    epochs: epochSeconds.length,
    stepsPerEpoch: plan.stepsPerEpoch,
    batch: plan.batch,
    preprocessSeconds: plan.preprocessSeconds,
    epochSeconds,
    secondsPerEpoch: median(steady),
    shapesByEpoch,
    timeToQuality,
    generationRowsPerSecond,
    peakTensors,
    quality,
    gpuWork,
  };
}

/** `rows` rows generated by the session's model, as one table (not kept by the session). */
export async function sampleTable(session: Session, rows: number): Promise<Table> {
  const chunks: Table[] = [];
  await session.generate(rows, { keep: false, onChunk: (chunk) => void chunks.push(chunk) });
  const first = chunks[0];
  return { ...first, ...joinTables(chunks), rowCount: rows };
}

/**
 * For each column generation can fix that has at most MAX_MEAN_CATEGORIES values, `perValue`
 * rows fixed to each value, as one table per column (not kept by the session).
 */
export async function sampleFixed(session: Session, choices: { column: string; values: string[] }[], perValue: number): Promise<FixedSample[]> {
  const out: FixedSample[] = [];
  for (const { column, values } of choices.filter((c) => c.values.length <= MAX_MEAN_CATEGORIES)) {
    const chunks: Table[] = [];
    for (const value of values) {
      await session.generate(perValue, { keep: false, condition: { column, value }, onChunk: (chunk) => void chunks.push(chunk) });
    }
    out.push({ column, table: { ...chunks[0], ...joinTables(chunks), rowCount: perValue * values.length } });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
