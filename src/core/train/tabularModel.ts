import { isModelled, type ColumnSchema } from '../data/schema';
import type { Rule } from '../data/rules';
import { selectRows, type Table } from '../data/table';
import { InputError } from '../util/errors';
import { distributionOf, type Distribution } from '../metrics/distribution';
import { columnShapes, type ShapeReport } from '../metrics/fidelity';
import { pairTrends } from '../metrics/pairs';
import { linkScore } from '../metrics/associations';
import { LINK_MIN_REAL } from '../metrics/reportFigures';
import { detection, sampleRows } from '../metrics/detection';
import { validateConfig, type ModelConfig } from '../model/config';
import { CategoricalEncoder } from '../transform/categorical';
import { TableTransformer } from '../transform/transformer';
import type { FixedCondition } from './condition';
import { requireEncodedFits } from './encodedSize';
import { ANCHOR_ROWS, chooseAnchors, MAX_ANCHOR_CANDIDATES, RARE_SHARE } from './anchors';
import { cumulativeOf, Rng } from '../util/rng';
import { selectionScore, TABLE_SELECTION_MARGIN } from './selection';
import { plannedEpochs, validationRows } from './budget';
import { RowBuffer } from './rowBuffer';
import { DivergedError, TrainingRun, type Judged, type TrainEnd, type TrainHooks as LoopHooks } from './loop';
import type { StudioModel } from './studioModel';
import { CtganTrainer, type TrainerState } from './trainer';
import { MODEL_FORMAT, packWeights, requireModelState, unpackWeights, type ModelState } from './modelState';

export type { Losses, Recovery, TrainControl, TrainProgress } from './loop';
export { COLLAPSE_DROP, DivergedError, MAX_RECOVERIES } from './loop';

export interface EpochReport {
  epoch: number;
  fidelity: ShapeReport;
  /** Column pair trends on the same sample. */
  pairTrends: number;
  /** How well the seed's strong links are kept on the same sample (see `linkScore`); null where it has none. */
  links: number | null;
  /** The epoch whose generator `generate` uses, and its score (mean of shapes and pair trends). */
  best: { epoch: number; score: number };
  distributions: Distribution[];
  preview: Table;
}

export type TrainHooks = LoopHooks<EpochReport>;

export interface GenerateOptions {
  condition?: { column: string; value: string };
  chunkRows?: number;
  /**
   * Rows a user keeps: drawn after those of earlier such calls (and of the run a loaded model
   * was saved from), with IDs numbered on from theirs, so "generate more" gives new rows and no
   * ID twice. Without it, rows come as the first such call's do (the report's, a test's).
   */
  continued?: boolean;
  onChunk(chunk: Table, firstRow: number): void | Promise<void>;
}

/** `encoded` itself, once every value in it is finite. */
function requireFinite(encoded: Float32Array): Float32Array {
  for (let i = 0; i < encoded.length; i++) {
    if (!Number.isFinite(encoded[i])) {
      throw new DivergedError('The model produced values that are not numbers (NaN), so no rows were written. Train again with a lower learning rate (Advanced).');
    }
  }
  return encoded;
}

const SNAPSHOT_ROWS = 1000;
/** Offset of the calibration's noise from the run's seed: apart from the snapshot's and generation's. */
const CALIBRATION_SEED = 5000;
/** Offset of the draws that choose which rare categories to anchor, and free rows drawn for it. */
const ANCHOR_SEED = 6000;
const ANCHOR_FREE_ROWS = 4000;
/** Added to generation's seeds per earlier kept call, so "generate more" draws new rows. */
const ROUND_SEED = 0x2c1b3c6d;
// Rules that keep fewer than 1 in 100 generated rows, judged on at least 2,000, cannot be met.
const MIN_KEPT_SHARE = 0.01;
const MIN_JUDGED_ROWS = 2000;

function unkeptRules(broken: Map<string, number>, sampled: number): InputError {
  const [rule, n] = [...broken.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['the rules', sampled];
  return new InputError(
    `The model cannot keep the rule "${rule}": it broke it in ${Math.round((100 * n) / sampled)} % of ${sampled.toLocaleString('en-US')} rows drawn. ` +
      'Train for longer, or remove the rule in the Rules panel (or from the --rules file).',
  );
}
const MAX_TRAIN_ROWS = 200_000;

/** `count` random rows of `table` set aside, and the rest; no slice when `count` is 0. */
function splitValidation(table: Table, count: number, rng: Rng): { train: Table; validation: Table | null } {
  if (count <= 0) return { train: table, validation: null };
  const order = rng.shuffle(Array.from({ length: table.rowCount }, (_, i) => i));
  return { train: selectRows(table, order.slice(count)), validation: selectRows(table, order.slice(0, count)) };
}
const PREVIEW_ROWS = 8;
/** Steps between two detection judgements when stopping early. */
const DETECTION_STEPS = 400;
/**
 * The detection judge early stopping reads: 5,000 rows of each, 3 folds of 100 trees (about
 * 0.6 s on Adult on 2 cores). One of 1,000 rows and 50 trees saturated on Adult, reading 0.87
 * where the bench's judge read 0.55, and stopped runs that were still gaining.
 */
export const STOP_DETECTION = { maxRows: 5000, folds: 3, boosting: { rounds: 100 } };

/** A fitted transform plus its GAN: the one object the worker and the CLI both drive. */
export class TabularModel implements StudioModel<EpochReport, GenerateOptions> {
  readonly kind = 'tabular';
  readonly transformer: TableTransformer;
  readonly trainer: CtganTrainer;
  readonly preprocessSeconds: number;
  readonly trainingRows: number;
  /** Rows held back from training and scored against each epoch (0: scored against training rows). */
  readonly validationRows: number;
  /** The rows trained on and the rows held back (null when none were): what the quality report compares. */
  readonly trainingTable: Table;
  readonly heldOut: Table | null;
  private readonly reference: Table;
  /** The step at which detection was last judged (early stopping looks at it every DETECTION_STEPS). */
  private detectedAtStep = 0;
  private detectionReference: Table | null = null;
  private readonly run: TrainingRun<TrainerState, EpochReport>;
  /** The state this model was loaded from, or null for one fitted to its table. */
  private readonly loaded: ModelState | null = null;
  /** Calls of `generate` for rows a user keeps (`continued`), and the rows they gave: where the next one goes on from. */
  private issued = { rounds: 0, rows: 0 };

  /**
   * Fits to `table`. With `loaded` (from `save`): over an empty stand-in table, a model that
   * generates but cannot train (`TabularModel.load`); over the seed it was trained on, the run
   * itself, which trains on as if never stopped (`TabularModel.resume`).
   */
  constructor(
    readonly table: Table,
    readonly schema: ColumnSchema[],
    readonly config: ModelConfig,
    readonly rules: Rule[] = [],
    loaded?: { state: ModelState; weights: ArrayBuffer },
  ) {
    validateConfig(config);
    if (loaded && table.rowCount === 0) {
      const { state } = loaded;
      this.loaded = state;
      this.preprocessSeconds = 0;
      [this.trainingRows, this.validationRows] = [state.trainingRows, state.validationRows];
      [this.trainingTable, this.heldOut, this.reference] = [table, null, table];
      this.transformer = new TableTransformer(state.transformer);
      const tensors = unpackWeights(state.weights, loaded.weights);
      this.trainer = this.overTransform(new CtganTrainer(new Float32Array(0), 0, this.transformer.layout, config, { state: state.trainer, tensors }));
      this.run = this.startRun(state);
      return;
    }
    const t0 = performance.now();
    const rng = new Rng(config.seed + 2);
    // A slice of the seed is held back to choose the epoch and stop early on (small tables keep every row).
    const { train, validation } = splitValidation(table, validationRows(table.rowCount), rng);
    this.validationRows = validation?.rowCount ?? 0;
    // The encoded rows live on the device, so a very large seed trains on a random subset.
    const rows = train.rowCount > MAX_TRAIN_ROWS ? selectRows(train, Array.from({ length: MAX_TRAIN_ROWS }, () => rng.int(train.rowCount))) : train;
    this.trainingRows = rows.rowCount;
    this.trainingTable = rows;
    this.heldOut = validation;
    // Resuming: the same split and encoded rows as the saved run's, its fitted transform and trainer.
    this.transformer = loaded
      ? new TableTransformer(loaded.state.transformer)
      : new TableTransformer(table, schema, config.seed, { derive: config.deriveColumns, withinRange: config.withinSeedRange, byCategory: config.withinCategoryRange, scaleByCategory: config.scaleByCategory ?? false, looseLines: config.looseLines ?? false, rules });
    requireEncodedFits(rows.rowCount, this.transformer.encoded);
    const encoded = this.transformer.encode(rows, schema, config.seed + 1);
    this.preprocessSeconds = (performance.now() - t0) / 1000;
    const saved = loaded && { state: loaded.state.trainer, tensors: unpackWeights(loaded.state.weights, loaded.weights) };
    this.trainer = this.overTransform(new CtganTrainer(encoded, rows.rowCount, this.transformer.layout, config, saved));
    if (validation && rows === train) {
      const held = this.transformer.encode(validation, schema, config.seed + 4);
      const whole = new Float32Array(encoded.length + held.length);
      whole.set(encoded);
      whole.set(held, encoded.length);
      this.trainer.matchSeed(whole, rows.rowCount + validation.rowCount);
    }
    this.run = this.startRun(loaded?.state);
    this.reference = validation ?? selectRows(rows, Array.from({ length: Math.min(SNAPSHOT_ROWS, rows.rowCount) }, () => rng.int(rows.rowCount)));
  }

  /** `trainer`, reading generated rows through this model's transform (see CtganTrainer.canonical and written). */
  private overTransform(trainer: CtganTrainer): CtganTrainer {
    trainer.canonical = (rows, count, rng) => this.transformer.canonical(rows, count, rng);
    trainer.written = (rows, count, rng, encoded) => this.transformer.written(rows, count, rng, encoded);
    trainer.redrawn = this.transformer.redrawnPoints;
    return trainer;
  }

  get epochs(): number {
    return this.run.epochsDone;
  }

  /** The run over this model's trainer, at the saved state's epoch and selection when given. */
  private startRun(state?: ModelState): TrainingRun<TrainerState, EpochReport> {
    const { keepBest, earlyStop } = this.config;
    const judge = this.loaded ? null : (epoch: number) => this.judge(epoch);
    const run = new TrainingRun<TrainerState, EpochReport>(this.trainer, { keepBest, earlyStop, judge, selectionMargin: TABLE_SELECTION_MARGIN });
    if (state) {
      run.epochsDone = state.epochs;
      run.selection.restore(state.selection);
      // Models saved before it was kept start from the first call; a count that is no count too.
      const count = (x: unknown) => (Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : 0);
      this.issued = { rounds: count(state.issued?.rounds), rows: count(state.issued?.rows) };
    }
    return run;
  }

  /** The share of drawn rows the refiner keeps, or null when generation keeps every row. */
  get refinedKeep(): number | null {
    return this.trainer.refinerState?.kept ?? null;
  }

  /** The epochs this model's run trains for: the configured number, or the table's default budget. */
  get plannedEpochs(): number {
    if (this.loaded) return this.loaded.plannedEpochs;
    return plannedEpochs(this.config, this.table.rowCount);
  }

  /**
   * Trains `epochs` more epochs. Returns 'stopped' when the control says stop, 'converged' when
   * validation fidelity has not improved for a quarter of the run (early stopping), else 'done'.
   */
  async train(epochs: number, hooks: TrainHooks = {}): Promise<TrainEnd> {
    // Epochs are judged on the generator's own shares; generation uses calibrated ones.
    this.trainer.clearCalibration();
    const end = await this.run.train(epochs, hooks);
    // The refiner first: calibration then matches the seed's shares on the rows it keeps.
    if (this.config.refineRows) await this.trainer.refine(this.config.seed + CALIBRATION_SEED + 1);
    if (this.config.calibrateShares) {
      await this.trainer.calibrate(this.config.seed + CALIBRATION_SEED);
      await this.anchorRare(this.config.seed + ANCHOR_SEED);
      await this.trainer.rematchShares(this.config.seed + CALIBRATION_SEED + 2);
    }
    return end;
  }

  /** Rare categories whose numbers free rows miss are drawn fixed to them from now on (see `chooseAnchors`). */
  private async anchorRare(seed: number): Promise<void> {
    const sampler = this.trainer.sampler;
    const slots = sampler.rareSlots(RARE_SHARE).slice(0, MAX_ANCHOR_CANDIDATES);
    if (slots.length === 0) return;
    const free = requireFinite(await this.trainer.sample(ANCHOR_FREE_ROWS, seed));
    const fixed = requireFinite(await this.trainer.sampleAnchored(slots, ANCHOR_ROWS, seed + 1));
    const width = this.transformer.layout.width;
    // Rows stay where they are (a broken one is marked, not dropped) so indices match the encoded rows.
    const freeRows = this.transformer.decodeChecked(free, ANCHOR_FREE_ROWS, new Rng(seed + 2), 0, undefined, true);
    const fixedRows = this.transformer.decodeChecked(fixed, slots.length * ANCHOR_ROWS, new Rng(seed + 3), 0, undefined, true);
    const candidates = slots.map((slot, i) => {
      const { column } = sampler.columnOf(slot);
      const kept = (r: number) => !freeRows.bad[r] && free[r * width + column] === 1;
      return {
        slot,
        seedRows: sampler.rowsAt(slot),
        freeRows: Array.from({ length: ANCHOR_FREE_ROWS }, (_, r) => r).filter(kept),
        anchoredRows: Array.from({ length: ANCHOR_ROWS }, (_, r) => i * ANCHOR_ROWS + r).filter((r) => !fixedRows.bad[r]),
      };
    });
    this.trainer.setAnchored(chooseAnchors(this.schema, this.trainingTable, freeRows.table, fixedRows.table, candidates));
  }

  /** The generator judged after `epoch` epochs: what the run keeps, rolls back and stops on. */
  private async judge(epoch: number): Promise<Judged<EpochReport>> {
    const report = await this.snapshot(epoch);
    // Detection is judged only when it can stop the run, and every DETECTION_STEPS: it costs
    // a few tenths of a second (see docs/benchmarks.md, "Early stopping that sees detection").
    const steps = epoch * this.trainer.stepsPerEpoch;
    const due = this.config.earlyStop && Math.floor(steps / DETECTION_STEPS) > Math.floor(this.detectedAtStep / DETECTION_STEPS);
    if (due) this.detectedAtStep = steps;
    return {
      score: selectionScore(report.fidelity.score, report.pairTrends, report.links),
      detection: due ? await this.stopDetection() : null,
      report: (best) => ({ ...report, best }),
    };
  }

  /**
   * How hard the averaged generator's rows are to tell from the seed's, on the judge early
   * stopping reads. It compares with the validation slice where that has enough rows, else
   * with training rows: on a slice of a hundred rows the score swings by more than training
   * moves it.
   */
  private async stopDetection(): Promise<number | null> {
    const n = STOP_DETECTION.maxRows;
    if (!this.detectionReference) {
      const [held, rows] = [this.heldOut, this.trainingTable];
      if (held && held.rowCount >= n) this.detectionReference = held;
      else this.detectionReference = rows.rowCount <= n ? rows : selectRows(rows, sampleRows(rows.rowCount, n, new Rng(this.config.seed + 3)));
    }
    const encoded = requireFinite(await this.trainer.sample(n, this.config.seed + 1002, undefined, 'average'));
    const synth = this.transformer.decode(encoded, n, new Rng(this.config.seed + 1003));
    return detection(this.detectionReference, synth, this.schema, STOP_DETECTION)?.score ?? null;
  }

  /**
   * Fidelity against a fixed sample of the seed, plus charts and a preview. Every epoch's
   * sample comes from the same noise and conditions, so epochs differ by what the generator
   * learned rather than by the draw (fresh noise each epoch moved the score by more than a
   * dozen epochs of training did), and the preview shows the same rows taking shape.
   */
  async snapshot(epoch: number): Promise<EpochReport> {
    if (this.loaded) throw new Error('A loaded model has no seed rows to report against.');
    const rows = this.reference.rowCount;
    const encoded = requireFinite(await this.trainer.sample(rows, this.config.seed + 1000, undefined, 'average'));
    const synth = this.transformer.decode(encoded, rows, new Rng(this.config.seed + 1001));
    const modelled = this.schema.filter(isModelled);
    const fidelity = columnShapes(this.reference, synth, this.schema);
    // Bins of the reference's range: the steadier signal for choosing the epoch (see PairBins).
    const pairs = pairTrends(this.reference, synth, this.schema, 'real').score;
    const links = linkScore(this.reference, synth, this.schema, LINK_MIN_REAL);
    return {
      epoch,
      fidelity,
      pairTrends: pairs,
      links,
      best: this.config.keepBest ? this.run.selection.kept : { epoch, score: selectionScore(fidelity.score, pairs, links) },
      distributions: modelled.map((c) =>
        distributionOf(c, this.reference.columns[this.reference.names.indexOf(c.name)], synth.columns[synth.names.indexOf(c.name)]),
      ),
      preview: selectRows(synth, Array.from({ length: Math.min(PREVIEW_ROWS, synth.rowCount) }, (_, i) => i)),
    };
  }

  /**
   * Generates `rows` rows chunk by chunk; the same seed and settings give the same rows.
   * Rows that break an accepted rule are dropped and more are drawn; when almost none keep
   * the rules, it stops with a message naming the rule rather than drawing for ever.
   */
  async generate(rows: number, options: GenerateOptions): Promise<void> {
    const fixed = options.condition ? this.fixedCondition(options.condition.column, options.condition.value) : undefined;
    const chunkRows = options.chunkRows ?? 20_000;
    const { rounds: round, rows: firstId } = options.continued ? this.issued : { rounds: 0, rows: 0 };
    // Round 0 draws as generation always has; each later round from noise of its own.
    const rng = new Rng(this.config.seed + 7 + round * ROUND_SEED);
    const buffer = new RowBuffer();
    const broken = new Map<string, number>();
    let [draws, sampled, dropped, emitted] = [0, 0, 0, 0];
    const keptShare = () => (sampled ? Math.max(MIN_KEPT_SHARE, 1 - dropped / sampled) : 1);
    // Rows still to draw beyond those buffered or under way, scaled up by the share that rules drop.
    const toDraw = (underWay: number) => {
      const need = rows - emitted - buffer.rowCount - underWay * keptShare();
      return need <= 0 ? 0 : Math.min(chunkRows, Math.ceil(need / keptShare()) + (keptShare() < 1 ? 16 : 0));
    };
    const sample = (count: number) => ({ count, rows: this.trainer.sample(count, this.config.seed + 31 * ++draws + round * ROUND_SEED, fixed?.slot) });
    // The next chunk is sampled while this one is decoded and written: on a GPU the two overlap.
    let next = rows > 0 ? sample(Math.min(chunkRows, rows)) : null;
    try {
      while (next) {
        const current = next;
        const encoded = requireFinite(await current.rows);
        const more = toDraw(current.count);
        next = more > 0 ? sample(more) : null;
        const decoded = this.transformer.decodeChecked(encoded, current.count, rng, firstId + emitted + buffer.rowCount, fixed, false, rows - emitted - buffer.rowCount);
        sampled += current.count;
        dropped += decoded.dropped;
        for (const [rule, n] of decoded.broken) broken.set(rule, (broken.get(rule) ?? 0) + n);
        if (sampled >= MIN_JUDGED_ROWS && dropped > (1 - MIN_KEPT_SHARE) * sampled) throw unkeptRules(broken, sampled);
        buffer.add(decoded.table);
        while (buffer.rowCount >= chunkRows || (buffer.rowCount > 0 && emitted + buffer.rowCount >= rows)) {
          const count = Math.min(chunkRows, rows - emitted, buffer.rowCount);
          await options.onChunk(buffer.take(count), emitted);
          emitted += count;
          if (emitted >= rows) break;
        }
        if (emitted >= rows) break;
        if (!next) next = sample(Math.max(1, toDraw(0)));
      }
      // Only a call that wrote its rows moves the next one on: a refused one leaves its round and IDs unused.
      if (options.continued) this.issued = { rounds: round + 1, rows: firstId + rows };
    } finally {
      // After a failure the chunk under way still ends, so the generator gets its weights back.
      await next?.rows.catch(() => undefined);
    }
  }

  /** Column names and values a user can fix when generating: categorical columns, modelled or derived. */
  conditionChoices(): { column: string; values: string[] }[] {
    if (this.loaded) return this.loaded.conditionChoices;
    const modelled = new Set(this.transformer.encoded.filter((c) => c.encoder instanceof CategoricalEncoder).map((c) => c.name));
    const derived = new Set(this.transformer.derived.map((d) => d.name));
    return this.schema
      .filter((c) => modelled.has(c.name) || (derived.has(c.name) && (c.kind === 'categorical' || c.kind === 'boolean')))
      .map((c) => ({
        column: c.name,
        values: [...new Set(this.table.columns[this.table.names.indexOf(c.name)].filter((v): v is string => v !== null))].sort(),
      }));
  }

  dispose(): void {
    this.trainer.dispose();
  }

  /**
   * The model as plain JSON and one float32 buffer of weights (layout in docs/model-state.md):
   * enough to generate the same rows without the seed table. Call between training steps.
   */
  async save(): Promise<{ manifest: ModelState; weights: ArrayBuffer }> {
    const { state: trainer, tensors } = await this.trainer.save();
    const { entries, buffer } = packWeights(tensors);
    const manifest: ModelState = {
      format: MODEL_FORMAT,
      kind: 'tabular',
      config: this.config,
      schema: this.schema,
      rules: this.rules,
      transformer: this.transformer.toState(),
      trainer,
      epochs: this.run.epochsDone,
      plannedEpochs: this.plannedEpochs,
      trainingRows: this.trainingRows,
      validationRows: this.validationRows,
      selection: this.run.selection.toState(),
      conditionChoices: this.conditionChoices(),
      issued: this.issued,
      weights: entries,
    };
    // Through JSON once, so the manifest shares no object with this model; a number JSON cannot hold fails here, not on load.
    const json = JSON.stringify(manifest, (key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`The model state holds ${value} at "${key}", which JSON cannot hold.`);
      return value;
    });
    return { manifest: JSON.parse(json) as ModelState, weights: buffer };
  }

  /**
   * A model rebuilt from `save`'s output, with no seed table: it generates exactly the rows the
   * saved one would. It cannot train or report on epochs yet (that needs the seed's rows).
   */
  static load(manifest: unknown, weights: ArrayBuffer): TabularModel {
    const state = requireModelState(manifest);
    const names = state.transformer.slots.map((s) => s.name);
    const empty: Table = { names, columns: names.map(() => []), rowCount: 0 };
    return new TabularModel(empty, state.schema, state.config, state.rules, { state, weights });
  }

  /**
   * The run `save` captured, over the same seed table, schema and rules: training goes on from
   * its last epoch and gives what the run would have given uninterrupted (same backend).
   */
  static resume(table: Table, manifest: unknown, weights: ArrayBuffer): TabularModel {
    const state = requireModelState(manifest);
    if (table.rowCount === 0) throw new InputError('A run resumes over its seed table, and this one has no rows.');
    return new TabularModel(table, state.schema, state.config, state.rules, { state, weights });
  }

  /** A derived column is fixed through its source: the source values that give `value`, by seed frequency. */
  private fixedCondition(column: string, value: string): { column: string; value: string; slot: FixedCondition } {
    const via = this.transformer.sourcesOf(column, value);
    const modelled = via?.source ?? column;
    const spans = this.trainer.sampler.spans;
    const spanIndex = spans.findIndex((d) => d.kind === 'category' && this.transformer.encoded[d.column].name === modelled);
    if (spanIndex < 0) throw new Error(`"${column}" is not a categorical column of the model, so it cannot be fixed.`);
    const encoder = this.transformer.encoded[spans[spanIndex].column].encoder as CategoricalEncoder;
    const values = via?.values ?? [value];
    const slots = Int32Array.from(values, (v) => encoder.slotOf(v));
    if (values.length === 0 || slots.some((s) => s < 0)) throw new Error(`"${value}" never appears in "${column}" in the seed data, so it cannot be fixed.`);
    return { column, value, slot: { spanIndex, slots, cumulative: cumulativeOf(via?.counts ?? [1]) } };
  }
}
