/// <reference lib="webworker" />
import { assertText, formatOf, parseDelimitedBlob } from '../core/data/parse';
import { loadTable } from '../core/data/load';
import { findRules } from '../core/data/findRules';
import { describeRule, validateRules, type Rule } from '../core/data/rules';
import { inferSchema, requireModelledColumn, withKind, type ColumnSchema } from '../core/data/schema';
import { tableFromColumns, type Table } from '../core/data/table';
import { InputError } from '../core/util/errors';
import { createWriter, MIME, type ExportFormat } from '../core/export/writer';
import { miniDistribution } from '../core/metrics/distribution';
import { studioReport, withUsefulness, type StudioReport } from '../core/metrics/qualityReport';
import { reportHtml, reportJson, REPORT_MIME, type ReportFormat } from '../core/export/reportHtml';
import type { ModelConfig } from '../core/model/config';
import { Rng } from '../core/util/rng';
import { TabularModel, type EpochReport } from '../core/train/tabularModel';
import { BUNDLE_LIMITS, modelFromBundle, writeBundle } from '../core/train/bundle';
import { name as appName, version as appVersion } from '../../package.json';
import { findDerivations } from '../core/transform/derived';
import { switchBackend, timeBackends } from './backend';
import { MAX_GENERATED_ROWS, type ColumnView, type Condition, type FromWorker, type RuleView, type Task, type ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

/** Everything the worker holds for one seed table. */
interface Studio {
  name: string;
  table: Table;
  /** The bundle the model came from, when it came from one: then `table` is an empty stand-in. */
  bundle: string | null;
  schema: ColumnSchema[];
  rules: RuleView[];
  model: TabularModel | null;
  generated: { chunks: Table[]; condition?: Condition } | null;
  /** The last model's report and the rows it judged (kept to recompute usefulness for another target). */
  report: { report: StudioReport; synth: Table } | null;
}

let studio: Studio | null = null;
let training: { paused: boolean; stopped: boolean; wake: (() => void) | null } | null = null;
// Messages run one after another, so a long task never interleaves with a second one.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  // Control messages must act while training is awaiting, so they skip the queue.
  if (message.type === 'pause' || message.type === 'resume' || message.type === 'stop') return control(message.type);
  queue = queue.then(() => handle(message)).catch((err: unknown) => post({ type: 'error', task: taskOf(message), message: messageOf(err) }));
};

async function handle(message: Exclude<ToWorker, { type: 'pause' | 'resume' | 'stop' }>): Promise<void> {
  switch (message.type) {
    case 'backend':
      return post({ type: 'backend', ...(await switchBackend(message.choice, message.remembered)) });
    case 'timeBackends':
      return post({ type: 'backend', ...(await timeBackends(message.choice)) });
    case 'load':
      return load(message.file, message.name);
    case 'loadModel':
      return loadModel(message.file, message.name);
    case 'saveModel':
      return saveModel();
    case 'column':
      return setColumn(message.name, message.kind, message.include);
    case 'keepRule':
    case 'removeRule':
    case 'addRule':
      return changeRules(message);
    case 'train':
      return train(message.config);
    case 'generate':
      return generate(message.rows, message.condition);
    case 'export':
      return exportAs(message.format);
    case 'reportTarget':
      return setReportTarget(message.column);
    case 'exportReport':
      return exportReport(message.format);
  }
}

async function load(file: Blob, name: string): Promise<void> {
  post({ type: 'loading', name, share: 0 });
  const format = formatOf(name);
  let table: Table;
  if (format === 'csv') {
    assertText(new Uint8Array(await file.slice(0, 8192).arrayBuffer()), name);
    table = await parseDelimitedBlob(file, (share) => post({ type: 'loading', name, share }));
  } else {
    table = await loadTable(name, new Uint8Array(await file.arrayBuffer()));
  }
  // Only a table that parsed replaces what was loaded before.
  studio?.model?.dispose();
  const schema = inferSchema(table);
  studio = { name, table, bundle: null, schema, rules: withFound(table, schema, []), model: null, generated: null, report: null };
  post({ type: 'loaded', name, rows: table.rowCount, columns: views(studio), encoding: table.encoding, renamed: table.renamed });
  post({ type: 'rules', rules: studio.rules });
}

async function loadModel(file: Blob, name: string): Promise<void> {
  if (file.size > BUNDLE_LIMITS.total) throw new InputError(`${name} is over ${BUNDLE_LIMITS.total / 1e6} MB, larger than any model bundle this version writes.`);
  // Built before the old studio goes: a bundle it refuses leaves what was loaded in place.
  const { manifest, model } = modelFromBundle(new Uint8Array(await file.arrayBuffer()));
  studio?.model?.dispose();
  const { schema } = manifest.model;
  const table: Table = { names: schema.map((c) => c.name), columns: schema.map(() => []), rowCount: 0 };
  studio = { name: manifest.source.name, table, bundle: name, schema, rules: [], model, generated: null, report: null };
  post({ type: 'modelLoaded', name, source: manifest.source.name, rows: manifest.training.trainingRows, columns: schema.length, epochs: model.epochs, choices: model.conditionChoices() });
}

async function saveModel(): Promise<void> {
  const s = requireStudio();
  if (!s.model) throw new InputError('Train a model before saving it.');
  const source = { name: s.name, rows: s.bundle ? s.model.trainingRows + s.model.validationRows : s.table.rowCount, columns: s.schema.length };
  const bytes = writeBundle(await s.model.save(), { app: { name: appName, version: appVersion }, source, report: s.report?.report });
  post({ type: 'file', name: `${s.name.replace(/\.[^.]+$/, '')}.mitosis.zip`, blob: new Blob([bytes], { type: 'application/zip' }) });
}

function setColumn(name: string, kind?: ColumnSchema['kind'], include?: boolean): void {
  const s = requireSeed();
  const i = s.schema.findIndex((c) => c.name === name);
  if (i < 0) throw new InputError(`There is no column "${name}".`);
  let next = s.schema[i];
  if (kind && kind !== next.kind) next = withKind(next, kind, s.table.columns[i]);
  if (include !== undefined) next = { ...next, include };
  s.schema = s.schema.map((c, j) => (j === i ? next : c));
  s.rules = withFound(s.table, s.schema, s.rules);
  post({ type: 'schema', columns: views(s) });
  post({ type: 'rules', rules: s.rules });
}

/**
 * The rules of the seed under `schema`, keeping the user's choices: a found rule they unticked
 * stays unticked, and a rule they added stays while the columns still allow it.
 */
function withFound(table: Table, schema: ColumnSchema[], before: RuleView[]): RuleView[] {
  const kept = new Map(before.map((r) => [r.text, r.keep]));
  const found = findRules(table, schema, new Rng(1)).map((rule): RuleView => {
    const text = describeRule(rule);
    return { rule, text, origin: 'found', keep: kept.get(text) ?? true };
  });
  const added = before.filter((r) => r.origin === 'added' && !found.some((f) => f.text === r.text) && allows(r.rule, table, schema));
  return [...found, ...added];
}

function allows(rule: Rule, table: Table, schema: ColumnSchema[]): boolean {
  try {
    validateRules([rule], table, schema);
    return true;
  } catch {
    return false;
  }
}

function changeRules(message: Extract<ToWorker, { type: 'keepRule' | 'removeRule' | 'addRule' }>): void {
  const s = requireSeed();
  if (message.type === 'addRule') {
    const text = describeRule(message.rule);
    if (s.rules.some((r) => r.text === text)) throw new InputError(`The rule "${text}" is already in the list.`);
    const rules = [...s.rules.filter((r) => r.keep).map((r) => r.rule), message.rule];
    validateRules(rules, s.table, s.schema);
    s.rules = [...s.rules, { rule: message.rule, text, origin: 'added', keep: true }];
  } else if (message.type === 'keepRule') {
    const rules = s.rules.map((r) => (r.text === message.text ? { ...r, keep: message.keep } : r));
    validateRules(rules.filter((r) => r.keep).map((r) => r.rule), s.table, s.schema);
    s.rules = rules;
  } else s.rules = s.rules.filter((r) => r.text !== message.text);
  post({ type: 'rules', rules: s.rules });
}

async function train(config: ModelConfig): Promise<void> {
  const s = requireSeed();
  requireModelledColumn(s.schema);
  const rules = s.rules.filter((r) => r.keep).map((r) => r.rule);
  validateRules(rules, s.table, s.schema);
  // Built before the old model goes: settings or a table it refuses leave the trained model in place.
  const model = new TabularModel(s.table, s.schema, config, rules);
  s.model?.dispose();
  s.model = model;
  s.generated = null;
  s.report = null;
  const epochs = model.plannedEpochs;
  post({ type: 'trainStarted', epochs, validationRows: model.validationRows, stepsPerEpoch: model.trainer.stepsPerEpoch, batch: model.trainer.batch, preprocessSeconds: model.preprocessSeconds, trainingRows: model.trainingRows, derived: model.transformer.derived });
  const state = { paused: false, stopped: false, wake: null as (() => void) | null };
  training = state;
  let ending: 'done' | 'stopped' | 'converged';
  try {
    post({ type: 'epoch', report: epochView(await model.snapshot(0)) });
    ending = await model.train(epochs, {
      readEvery: 5,
      onProgress: (progress) => post({ type: 'progress', progress }),
      onEpoch: (report) => post({ type: 'epoch', report: epochView(report) }),
      onRecover: (r) => post({ type: 'recovered', ...r }),
      control: {
        stopped: () => state.stopped,
        resume: () => (state.paused ? new Promise<void>((r) => (state.wake = r)) : Promise.resolve()),
      },
    });
  } finally {
    training = null;
  }
  post({ type: 'trainEnded', stopped: state.stopped, converged: ending === 'converged', epochs: model.epochs, choices: model.conditionChoices() });
  // The model is usable whatever the report says, so a report that fails is its own error.
  await buildReport(s, model).catch((err: unknown) => post({ type: 'error', task: 'report', message: messageOf(err) }));
}

// Rows judged by the report: as many as were held back, and few enough to judge in seconds.
const REPORT_ROWS = 2000;

async function buildReport(s: Studio, model: TabularModel): Promise<void> {
  const rows = Math.min(REPORT_ROWS, model.validationRows || model.trainingRows);
  const chunks: Table[] = [];
  await model.generate(rows, { onChunk: (chunk) => void chunks.push(chunk) });
  const synth = tableFromColumns(chunks[0].names, chunks[0].names.map((_, c) => chunks.flatMap((chunk) => chunk.columns[c])));
  const report = studioReport({ train: model.trainingTable, holdout: model.heldOut, synth, schema: model.schema, rules: model.rules });
  s.report = { report, synth };
  post({ type: 'report', report });
}

function setReportTarget(column: string | null): void {
  const s = requireStudio();
  if (!s.model || !s.report) throw new InputError('Train a model first: the report comes when training ends.');
  const { model, report } = s;
  const next = withUsefulness(report.report, { train: model.trainingTable, holdout: model.heldOut, synth: report.synth, schema: model.schema, target: column });
  s.report = { ...report, report: next };
  post({ type: 'report', report: next });
}

function exportReport(format: ReportFormat): void {
  const s = requireStudio();
  if (!s.report) throw new InputError('The report comes when training ends.');
  const base = s.name.replace(/\.[^.]+$/, '');
  const text = format === 'html' ? reportHtml(s.report.report, s.name) : reportJson(s.report.report, s.name);
  post({ type: 'file', name: `${base}-report.${format}`, blob: new Blob([text], { type: REPORT_MIME[format] }) });
}

function control(kind: 'pause' | 'resume' | 'stop'): void {
  if (!training) return;
  if (kind === 'pause') training.paused = true;
  else {
    if (kind === 'stop') training.stopped = true;
    training.paused = false;
    training.wake?.();
    training.wake = null;
  }
}

async function generate(rows: number, condition?: Condition): Promise<void> {
  const s = requireStudio();
  if (!s.model) throw new InputError('Train a model before generating rows.');
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_GENERATED_ROWS) {
    throw new InputError(`Rows must be a whole number between 1 and ${MAX_GENERATED_ROWS.toLocaleString('en-US')}.`);
  }
  s.generated = null;
  const chunks: Table[] = [];
  const started = performance.now();
  await s.model.generate(rows, {
    condition,
    onChunk: (chunk, first) => {
      chunks.push(chunk);
      post({ type: 'generateProgress', done: first + chunk.rowCount, total: rows });
    },
  });
  s.generated = { chunks, condition };
  const head = chunks[0];
  post({
    type: 'generated',
    rows,
    seconds: (performance.now() - started) / 1000,
    preview: { names: head.names, rows: Array.from({ length: Math.min(20, head.rowCount) }, (_, r) => head.columns.map((c) => c[r])) },
  });
}

function exportAs(format: ExportFormat): void {
  const s = requireStudio();
  if (!s.generated) throw new InputError('Generate rows before downloading them.');
  // The schema the rows were generated with, even if a column has been changed since.
  const writer = createWriter(format, (s.model?.schema ?? s.schema).filter((c) => c.include));
  const parts = s.generated.chunks.flatMap((chunk) => writer.add(chunk));
  parts.push(...writer.finish());
  const base = s.name.replace(/\.[^.]+$/, '');
  // CSV keeps the seed's delimiter, so tab-separated rows go out as .tsv.
  const tabs = format === 'csv' && s.generated.chunks[0]?.delimiter === '\t';
  post({ type: 'file', name: `${base}-synthetic.${tabs ? 'tsv' : format}`, blob: new Blob(parts, { type: tabs ? 'text/tab-separated-values' : MIME[format] }) });
}

function views(s: Studio): ColumnView[] {
  const follows = new Map(findDerivations(s.table, s.schema).map((d) => [d.column, s.schema[d.source].name]));
  return s.schema.map((c, i) => ({ ...c, mini: miniDistribution(c, s.table.columns[i]), follows: follows.get(i) }));
}

function epochView(r: EpochReport) {
  const rows = Array.from({ length: r.preview.rowCount }, (_, i) => r.preview.columns.map((c) => c[i]));
  return { epoch: r.epoch, fidelity: r.fidelity.score, pairTrends: r.pairTrends, best: r.best, columns: r.fidelity.columns, distributions: r.distributions, preview: { names: r.preview.names, rows } };
}

function requireStudio(): Studio {
  if (!studio) throw new InputError('Load a table first: drop a file on the page or press "Try a sample".');
  return studio;
}

/** The studio, when it holds a seed table: a model loaded from a bundle has none to train on or find rules in. */
function requireSeed(): Studio {
  const s = requireStudio();
  if (s.bundle) throw new InputError(`The model was loaded from ${s.bundle}, without its seed data: load the seed table to train again or change columns and rules.`);
  return s;
}

function taskOf(message: ToWorker): Task {
  if (message.type === 'loadModel') return 'load';
  if (message.type === 'saveModel') return 'export';
  if (message.type === 'timeBackends') return 'backend';
  if (message.type === 'keepRule' || message.type === 'removeRule' || message.type === 'addRule') return 'rules';
  if (message.type === 'reportTarget' || message.type === 'exportReport') return 'report';
  return message.type === 'column' ? 'schema' : (message.type as Task);
}

function messageOf(err: unknown): string {
  if (err instanceof InputError) return err.message;
  if (err instanceof Error) return err.message || String(err);
  return String(err);
}
