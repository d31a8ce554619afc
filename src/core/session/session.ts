import { name as appName, version as appVersion } from '../../../package.json';
import { validateRules, type Rule } from '../data/rules';
import { inferSchema, requireModelledColumn, withKind, type ColumnKind, type ColumnSchema } from '../data/schema';
import { joinTables, selectRows, type Table } from '../data/table';
import { reportHtml, reportJson, REPORT_MIME, type ReportFormat } from '../export/reportHtml';
import { createWriter, MIME, type ChunkWriter, type ExportFormat } from '../export/writer';
import { miniDistribution } from '../metrics/distribution';
import { MIN_HELD_OUT_FOR_FIDELITY, studioReport, withUsefulness, type StudioReport } from '../metrics/qualityReport';
import type { ModelConfig } from '../model/config';
import { BUNDLE_LIMITS, modelFromBundle, writeBundle, type BundleManifest } from '../train/bundle';
import { TabularModel, type EpochReport, type TrainHooks } from '../train/tabularModel';
import { findDerivations } from '../transform/derived';
import { InputError } from '../util/errors';
import { MAX_GENERATED_ROWS } from '../util/limits';
import { changeRules, givenRules, kept, withFound, type RuleChange } from './ruleList';
import type { ColumnView, Condition, EpochView, LoadedModel, OutputFile, PreviewRows, RuleView, SessionChoices, TrainOutcome, TrainPlan } from './types';

/** Rows the quality report judges: as many as were held back, and few enough to judge in seconds. */
export const REPORT_ROWS = 2000;
const PREVIEW_ROWS = 20;

export interface SessionTrainHooks extends Omit<TrainHooks, 'onEpoch'> {
  /** Each judged epoch; with `fromStart`, also the untrained generator's (epoch 0). */
  onEpoch?(view: EpochView): void;
  fromStart?: boolean;
}

export interface GenerateRequest {
  condition?: Condition;
  /** Keep the rows for `exportRows` (the app); a stream written as it comes (the CLI) keeps none. */
  keep?: boolean;
  /** The most rows allowed (MAX_GENERATED_ROWS unless raised on purpose: the CLI's --max-rows). */
  maxRows?: number;
  onChunk?(chunk: Table, done: number): void;
}

/**
 * One seed table (or one loaded model) and what is made from it: the one pipeline the worker,
 * the CLI, the bench and the tests drive. Plain data in and out; it never posts or prints.
 */
export class Session {
  /** What a bundle held, when the model came from one. */
  loadedFrom: LoadedModel | null = null;
  private generated: { chunks: Table[]; condition?: Condition } | null = null;
  /** The last report and the rows it judged (kept to recompute usefulness for another target). */
  private judged: { report: StudioReport; synth: Table } | null = null;

  private constructor(
    /** The seed file's name, or the name of the table a loaded model was trained on. */
    readonly name: string,
    /** The seed; an empty stand-in when the model came from a bundle. */
    readonly table: Table,
    private schemaNow: ColumnSchema[],
    private ruleList: RuleView[],
    private modelNow: TabularModel | null,
    /** The bundle's file name when the model came from one. */
    readonly bundle: string | null,
  ) {}

  /** A seed table, with the column choices and rules kept from before when given (a resumed project). */
  static fromTable(name: string, table: Table, choices?: SessionChoices): Session {
    const inferred = inferSchema(table);
    // Choices kept for another table (a file changed since) are dropped for the inferred ones.
    const fits = choices && sameNames(choices.schema, table.names);
    const schema = fits ? choices.schema : inferred;
    return new Session(name, table, schema, withFound(table, schema, fits ? choices.rules : []), null, null);
  }

  /** A model from a bundle's bytes: it generates, with no seed to train on. */
  static fromBundle(name: string, bytes: Uint8Array): Session {
    requireBundleSize(name, bytes.byteLength);
    return Session.fromOpened(name, modelFromBundle(bytes));
  }

  /** A tabular model already read from a bundle (`openBundle`): it generates, with no seed to train on. */
  static fromOpened(name: string, { manifest, model }: { manifest: BundleManifest; model: TabularModel }): Session {
    const { schema } = model;
    const table: Table = { names: schema.map((c) => c.name), columns: schema.map(() => []), rowCount: 0 };
    const session = new Session(manifest.source.name, table, schema, [], model, name);
    session.loadedFrom = {
      name,
      app: `${manifest.app.name} ${manifest.app.version}`,
      source: manifest.source.name,
      sourceRows: manifest.source.rows,
      seed: manifest.training.seed,
      rows: manifest.training.trainingRows,
      columns: schema.length,
      epochs: model.epochs,
      choices: model.conditionChoices(),
    };
    return session;
  }

  get schema(): ColumnSchema[] {
    return this.schemaNow;
  }

  get rules(): RuleView[] {
    return this.ruleList;
  }

  get model(): TabularModel | null {
    return this.modelNow;
  }

  get report(): StudioReport | null {
    return this.judged?.report ?? null;
  }

  /** Columns as the schema panel lists them. */
  columns(): ColumnView[] {
    const s = this.requireSeed();
    const follows = new Map(findDerivations(s.table, s.schemaNow).map((d) => [d.column, s.schemaNow[d.source].name]));
    return s.schemaNow.map((c, i) => ({ ...c, mini: miniDistribution(c, s.table.columns[i]), follows: follows.get(i) }));
  }

  setColumn(name: string, change: { kind?: ColumnKind; include?: boolean }): void {
    const s = this.requireSeed();
    const i = s.schemaNow.findIndex((c) => c.name === name);
    if (i < 0) throw new InputError(`There is no column "${name}".`);
    let next = s.schemaNow[i];
    if (change.kind && change.kind !== next.kind) next = withKind(next, change.kind, s.table.columns[i]);
    if (change.include !== undefined) next = { ...next, include: change.include };
    s.schemaNow = s.schemaNow.map((c, j) => (j === i ? next : c));
    s.ruleList = withFound(s.table, s.schemaNow, s.ruleList);
  }

  changeRules(change: RuleChange): void {
    const s = this.requireSeed();
    s.ruleList = changeRules(s.ruleList, change, s.table, s.schemaNow);
  }

  /** Replaces the found rules with `rules`, all kept (a rules file). */
  useRules(rules: Rule[]): void {
    const s = this.requireSeed();
    s.ruleList = givenRules(rules, s.table, s.schemaNow);
  }

  /** The user's column choices and rules: what autosave keeps beside the seed file. */
  choices(): SessionChoices {
    return { schema: this.schemaNow, rules: this.ruleList };
  }

  keptRules(): Rule[] {
    return kept(this.ruleList);
  }

  /**
   * Fits a new model to the seed under `config`, ready to train. Settings or a table it refuses
   * leave the model trained before in place.
   */
  prepare(config: ModelConfig): TrainPlan {
    const s = this.requireSeed();
    requireModelledColumn(s.schemaNow);
    validateRules(this.keptRules(), s.table, s.schemaNow);
    return this.replaceModel(new TabularModel(s.table, s.schemaNow, config, this.keptRules()));
  }

  /**
   * The run a checkpoint (`TabularModel.save`) captured, over this seed, ready to train on from
   * its last epoch as if never stopped. Its config, schema and rules are the run's own.
   */
  resume(saved: { manifest: unknown; weights: ArrayBuffer }): TrainPlan {
    const s = this.requireSeed();
    return this.replaceModel(TabularModel.resume(s.table, saved.manifest, saved.weights));
  }

  /** Trains the prepared model for its planned epochs (or `epochs` more). */
  async train(hooks: SessionTrainHooks = {}, epochs?: number): Promise<TrainOutcome> {
    const model = this.requireModel('Prepare a model before training it.');
    const { onEpoch, fromStart, ...rest } = hooks;
    if (onEpoch && fromStart) onEpoch(epochView(await model.snapshot(model.epochs)));
    const ending = await model.train(epochs ?? model.plannedEpochs - model.epochs, { ...rest, onEpoch: onEpoch && ((r) => onEpoch(epochView(r))) });
    this.generated = null;
    this.judged = null;
    return { stopped: ending === 'stopped', converged: ending === 'converged', epochs: model.epochs, refinedKeep: model.refinedKeep, choices: model.conditionChoices() };
  }

  /**
   * The quality and privacy report against the training and held-out rows, on the first rows of
   * `written` (rows already generated, as the CLI wrote them) or, with too few, on rows drawn for it.
   */
  async buildReport(written?: Table): Promise<StudioReport> {
    const model = this.requireModel('Train a model first: the report comes when training ends.');
    const rows = this.reportRows();
    let synth: Table;
    if (written && written.rowCount >= rows) synth = selectRows(written, Array.from({ length: rows }, (_, i) => i));
    else {
      const chunks: Table[] = [];
      await model.generate(rows, { onChunk: (chunk) => void chunks.push(chunk) });
      synth = joinTables(chunks);
    }
    const report = studioReport({ train: model.trainingTable, holdout: model.heldOut, synth, schema: model.schema, rules: model.rules });
    this.judged = { report, synth };
    return report;
  }

  /**
   * The report judged again on the first rows the user generated, which are what they download:
   * null where none were kept, too few were, or they were drawn with a category fixed (judged
   * against all your rows, they would read as unlike them).
   */
  async reportOnGenerated(): Promise<StudioReport | null> {
    const generated = this.generated;
    if (!generated || generated.condition || !this.judged) return null;
    const written = joinTables(generated.chunks);
    if (written.rowCount < this.reportRows()) return null;
    // The target the user chose for usefulness stays.
    const target = this.judged.report.usefulness?.target ?? null;
    const built = await this.buildReport(written);
    const model = this.requireModel('Train a model first: the report comes when training ends.');
    const report = (built.usefulness?.target ?? null) === target ? built : withUsefulness(built, { train: model.trainingTable, holdout: model.heldOut, synth: this.judged!.synth, schema: model.schema, target });
    const note = `These are the first ${report.rows.synthetic.toLocaleString('en-US')} of the ${written.rowCount.toLocaleString('en-US')} rows you generated.`;
    this.judged = { ...this.judged!, report: { ...report, rows: { ...report.rows, note: `${note} ${report.rows.note}` } } };
    return this.judged.report;
  }

  /** Rows the report judges: as many as it compares with (see fidelityReference), at most REPORT_ROWS. */
  reportRows(): number {
    const model = this.requireModel('Train a model first: the report comes when training ends.');
    const held = model.validationRows;
    return Math.min(REPORT_ROWS, held >= MIN_HELD_OUT_FOR_FIDELITY ? held : model.trainingRows + held);
  }

  /** The report with usefulness recomputed for `column` (null: none). */
  setReportTarget(column: string | null): StudioReport {
    const model = this.modelNow;
    const judged = this.judged;
    if (!model || !judged) throw new InputError('Train a model first: the report comes when training ends.');
    const report = withUsefulness(judged.report, { train: model.trainingTable, holdout: model.heldOut, synth: judged.synth, schema: model.schema, target: column });
    this.judged = { ...judged, report };
    return report;
  }

  /**
   * Generates `rows` rows, new ones each call: the same model, seed, condition and calls so far
   * give the same rows, and IDs number on from the last call's (and the saved run's).
   */
  async generate(rows: number, request: GenerateRequest = {}): Promise<{ rows: number; seconds: number; preview: PreviewRows }> {
    const model = this.requireModel('Train a model before generating rows.');
    const most = request.maxRows ?? MAX_GENERATED_ROWS;
    if (!Number.isInteger(rows) || rows < 1 || rows > most) {
      throw new InputError(`Rows must be a whole number between 1 and ${most.toLocaleString('en-US')}.`);
    }
    this.generated = null;
    const chunks: Table[] = [];
    let head: Table | null = null;
    const started = performance.now();
    await model.generate(rows, {
      condition: request.condition,
      continued: true,
      onChunk: (chunk, first) => {
        head ??= chunk;
        if (request.keep !== false) chunks.push(chunk);
        request.onChunk?.(chunk, first + chunk.rowCount);
      },
    });
    if (request.keep !== false) this.generated = { chunks, condition: request.condition };
    return { rows, seconds: (performance.now() - started) / 1000, preview: previewOf(head!, PREVIEW_ROWS) };
  }

  /** A writer of generated chunks in `format`, for the columns the model was trained with. */
  rowWriter(format: ExportFormat): ChunkWriter {
    const model = this.requireModel('Train a model before generating rows.');
    // A seed that was not UTF-8 came from a tool that wants the byte-order mark to read UTF-8;
    // one that had the mark, or Windows line endings, gets them back.
    const { encoding, bom, newline } = this.table;
    return createWriter(format, model.schema.filter((c) => c.include), { bom: bom || (encoding !== undefined && encoding !== 'utf-8'), newline });
  }

  /** The rows of the last `generate` as one file. */
  exportRows(format: ExportFormat): OutputFile {
    if (!this.generated) throw new InputError('Generate rows before downloading them.');
    const writer = this.rowWriter(format);
    const parts = this.generated.chunks.flatMap((chunk) => writer.add(chunk));
    parts.push(...writer.finish());
    // CSV keeps the seed's delimiter, so tab-separated rows go out as .tsv.
    const tabs = format === 'csv' && this.generated.chunks[0]?.delimiter === '\t';
    return { name: `${this.baseName}-synthetic.${tabs ? 'tsv' : format}`, mime: tabs ? 'text/tab-separated-values' : MIME[format], parts };
  }

  exportReport(format: ReportFormat): OutputFile {
    if (!this.judged) throw new InputError('The report comes when training ends.');
    const report = this.judged.report;
    const text = format === 'html' ? reportHtml(report, this.name) : reportJson(report, this.name);
    return { name: `${this.baseName}-report.${format}`, mime: REPORT_MIME[format], parts: [text] };
  }

  /** The trained model as `<table>.mitosis.zip` (docs/bundle.md). */
  async saveModel(): Promise<OutputFile & { bytes: Uint8Array<ArrayBuffer> }> {
    const model = this.requireModel('Train a model before saving it.');
    const rows = this.bundle ? model.trainingRows + model.validationRows : this.table.rowCount;
    const source = { name: this.name, rows, columns: this.schemaNow.length };
    const bytes = writeBundle(await model.save(), { app: { name: appName, version: appVersion }, source, report: this.report });
    return { name: `${this.baseName}.mitosis.zip`, mime: 'application/zip', parts: [bytes], bytes };
  }

  dispose(): void {
    this.modelNow?.dispose();
    this.modelNow = null;
  }

  private replaceModel(model: TabularModel): TrainPlan {
    try {
      this.modelNow?.dispose();
    } catch {
      // A model on a lost GPU device cannot be disposed: its memory went with the device.
    }
    this.modelNow = model;
    this.generated = null;
    this.judged = null;
    return planOf(model);
  }

  private get baseName(): string {
    return this.name.replace(/\.[^.]+$/, '');
  }

  private requireModel(message: string): TabularModel {
    if (!this.modelNow) throw new InputError(message);
    return this.modelNow;
  }

  /** This session, when it holds a seed table: a model loaded from a bundle has none to train on or find rules in. */
  private requireSeed(): this {
    if (this.bundle) {
      throw new InputError(`The model was loaded from ${this.bundle}, without its seed data: load the seed table to train again or change columns and rules.`);
    }
    return this;
  }
}

/** Refuses a file larger than any bundle this version writes, before it is read. */
export function requireBundleSize(name: string, bytes: number): void {
  if (bytes > BUNDLE_LIMITS.total) throw new InputError(`${name} is over ${BUNDLE_LIMITS.total / 1e6} MB, larger than any model bundle this version writes.`);
}

function planOf(model: TabularModel): TrainPlan {
  return {
    epochs: model.plannedEpochs,
    validationRows: model.validationRows,
    stepsPerEpoch: model.trainer.stepsPerEpoch,
    batch: model.trainer.batch,
    preprocessSeconds: model.preprocessSeconds,
    trainingRows: model.trainingRows,
    derived: model.transformer.derived,
    keys: model.transformer.keys,
    lines: model.transformer.lines,
    scaled: model.transformer.scaled,
    resumedFrom: model.epochs,
  };
}

function sameNames(schema: ColumnSchema[], names: string[]): boolean {
  return schema.length === names.length && schema.every((c, i) => c.name === names[i]);
}

export function epochView(r: EpochReport): EpochView {
  const { epoch, fidelity, pairTrends, links, best, distributions, preview } = r;
  return { epoch, fidelity: fidelity.score, pairTrends, links, best, columns: fidelity.columns, distributions, preview: previewOf(preview, preview.rowCount) };
}

function previewOf(table: Table, rows: number): PreviewRows {
  const n = Math.min(rows, table.rowCount);
  return { names: table.names, rows: Array.from({ length: n }, (_, r) => table.columns.map((c) => c[r])) };
}
