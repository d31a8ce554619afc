import { fewRowsNote } from '../core/data/limits';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { installKernels } from '../core/backend/kernels';
import { startDawn } from '../core/backend/node';
import { ENCODING_NAMES } from '../core/data/encoding';
import { describeRenames } from '../core/data/names';
import { describeRuleIn, parseRules, type Rule } from '../core/data/rules';
import { describeNumbers, requireModelledColumn, type ColumnSchema } from '../core/data/schema';
import { joinTables, type Table } from '../core/data/table';
import { DEFAULT_CONFIG } from '../core/model/config';
import { readSeed } from '../core/session/seed';
import { requireBundleSize, Session } from '../core/session/session';
import type { ExportFormat } from '../core/export/writer';
import { InputError } from '../core/util/errors';
import { parseArgs, rowsToWrite, USAGE, type SynthArgs } from './args';
import { openOutput, writeOrRefuse } from './output';
import { checkPaths } from './paths';
import { imagesFromBundle, isImageInput, synthesizeImages } from './images';
import { openBundle } from '../core/train/bundle';

/** Where a run reports; the CLI binds it to stderr and stdout, tests to an array. */
export interface SynthIO {
  /** A line (or a few, joined by newlines) of the run's account: what was read, the rules, each epoch, what was written. */
  log(line: string): void;
  /** The step counter, redrawn in place on a terminal; left out where nothing draws it. */
  progress?(line: string): void;
  /** Where --help prints the usage (stdout in the CLI); log when left out. */
  usage?(text: string): void;
  /** The closing `error: …` line of a failed run; log when left out. */
  error?(line: string): void;
}

/**
 * One whole `npm run synth` run, in process: read the seed, train, generate, write.
 * Resolves to the exit code: 0 done, 2 an InputError (the input or flags are at fault, and
 * `error: <message>` says what to change), 1 anything else. It never throws.
 */
export async function runSynth(argv: string[], io: SynthIO): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      (io.usage ?? io.log)(USAGE);
      return 0;
    }
    await synthesize(args, io);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    (io.error ?? io.log)(`error: ${message}`);
    return err instanceof InputError ? 2 : 1;
  }
}

async function synthesize(args: SynthArgs, io: SynthIO): Promise<void> {
  const { log } = io;
  if (args.input === undefined) return fromBundle(args, io);
  const input = args.input;
  if (isImageInput(input)) return synthesizeImages(args, io, () => startBackend(args, log));
  const format = tableFormat(args, `--input "${input}" is a table`);
  checkPaths(input, args.out);
  for (const [flag, path] of [['--report', args.report], ['--save-model', args.saveModel]] as const) {
    if (path === undefined) continue;
    checkPaths(input, path);
    if (resolve(path) === resolve(args.out)) throw new InputError(`${flag} "${path}" is the --out file. Choose another name for it.`);
  }
  if (args.report && args.saveModel && resolve(args.report) === resolve(args.saveModel)) throw new InputError(`--save-model "${args.saveModel}" is the --report file. Choose another name for it.`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(input);
  } catch {
    throw new InputError(`Cannot read "${input}": check the path.`);
  }
  await startBackend(args, log);
  const session = Session.fromTable(basename(input), await readSeed(input, bytes));
  chooseColumns(session, args);
  const { table, schema } = session;
  log(`read ${table.rowCount} rows × ${table.names.length} columns; backend ${tf.getBackend()}`);
  if (table.encoding && table.encoding !== 'utf-8') log(`the file was read as ${ENCODING_NAMES[table.encoding]}; the output is written as UTF-8 (CSV with a byte-order mark, so Excel reads it as UTF-8)`);
  if (table.renamed?.length) log(`${describeRenames(table.renamed)}.`);
  const few = fewRowsNote(table.rowCount);
  if (few) log(`warning: ${few}`);
  const detail = (c: ColumnSchema) => (c.numeric ? `, ${describeNumbers(c.numeric)}` : '') + (c.missingShare > 0 ? ` (${(c.missingShare * 100).toFixed(1)}% missing)` : '');
  log(schema.map((c) => `  ${c.name}: ${c.include ? `${c.kind}${detail(c)}` : 'left out (--exclude)'}`).join('\n'));
  requireModelledColumn(schema);
  const rows = rowsToWrite(args, table.rowCount);
  if (args.rules) session.useRules(readRules(args.rules));
  const rules = session.keptRules();
  log(`${args.rules ? `rules from ${args.rules}` : 'rules found in the seed'}, kept on every row:`);
  log(rules.length ? rules.map((r) => `  ${describeRuleIn(r, schema)}`).join('\n') : '  none');
  if (!args.rules && rules.length) log(`  (to change them, save this to a file and pass --rules FILE)\n  ${JSON.stringify(rules)}`);
  const config = { ...DEFAULT_CONFIG, seed: args.seed, batchSize: args.batch ?? DEFAULT_CONFIG.batchSize, epochs: args.epochs };
  // Disposed on failure too: a process that runs many syntheses (the tests) must not keep a failed run's tensors.
  try {
    const plan = session.prepare(config);
    log(`preprocessing ${plan.preprocessSeconds.toFixed(2)} s; ${plan.stepsPerEpoch} steps per epoch, batch ${plan.batch}`);
    for (const d of plan.derived) log(`  ${d.name}: written from ${d.source}, which fixes it in the seed`);
    for (const k of plan.keys) {
      const fixed = k.fixed.length ? `, each of one ${k.fixed.join(' and one ')}` : '';
      const distinct = k.distinct ? `, none with a ${k.distinct} twice` : '';
      const within = k.within ? `, each holding whole ${k.within}s` : '';
      const spaced = k.spaced ? `, their ${k.spaced}s as far apart as the seed's` : '';
      const aged = k.aged ? `, ${k.aged.join(' and ')} counted in years from one date each` : '';
      const running = [...(k.running ?? []).map((x) => `, ${x.column} running on by ${x.plus}${x.restart ? ` from the start of each ${x.restart}` : ''}`), ...(k.carried ?? []).map((x) => `, ${x.column} carried from the last row's ${x.from}`)].join('');
      log(`  ${k.name}: fresh IDs, each on about ${k.perKey.toFixed(1)} rows as in the seed${fixed}${distinct}${within}${spaced}${aged}${running}`);
    }
    for (const d of plan.scaled) log(`  ${d.name}: modelled in the scale of ${d.by}, whose values it differs by`);
    for (const d of plan.lines) log(`  ${d.name}: written from ${d.from}, which it rises and falls with nearly in proportion, plus a modelled difference`);
    const { epochs } = plan;
    const held = plan.validationRows ? `, ${plan.validationRows} rows held back to judge each epoch` : '';
    log(`training for ${args.epochs === 'auto' ? `up to ${epochs} epochs (set from ${table.rowCount} rows)` : `${epochs} epochs`}${held}`);
    let kept: number | null = null;
    const scores = new Map<number, string>();
    const outcome = await session.train({
      readEvery: 10,
      onEpoch: (r) => {
        kept = r.best.epoch;
        const links = r.links === null ? '' : `  strong links ${r.links.toFixed(3)}`;
        scores.set(r.epoch, `column shapes ${r.fidelity.toFixed(3)}, pair trends ${r.pairTrends.toFixed(3)}${r.links === null ? '' : `, strong links ${r.links.toFixed(3)}`}`);
        log(`epoch ${r.epoch}/${epochs}  column shapes ${r.fidelity.toFixed(3)}  pair trends ${r.pairTrends.toFixed(3)}${links}`);
      },
      onProgress: (p) => io.progress?.(`  step ${p.step}/${p.totalSteps}  ${p.stepsPerSecond.toFixed(2)} steps/s  ${Math.round(p.secondsLeft)} s left   `),
      onRecover: (r) => log(`recovered at epoch ${r.epoch}: ${r.cause === 'nan' ? 'losses became NaN' : 'the rows suddenly got much worse (a collapse)'}; learning rates halved to ${r.generatorLr} (generator), ${r.discriminatorLr} (discriminator)`),
    });
    if (outcome.refinedKeep !== null) log(`refined: a classifier of your rows against generated ones keeps ${Math.round(100 * outcome.refinedKeep)} % of drawn rows, fewer of those least like yours`);
    if (outcome.converged) log(`stopped early after epoch ${outcome.epochs}: neither the scores nor the real-against-synthetic check gained for a quarter of the run`);
    if (kept !== null && config.keepBest && kept !== outcome.epochs) log(`generating with epoch ${kept}, the best on the held-back rows`);
    const chosen = kept !== null && config.keepBest ? kept : outcome.epochs;
    if (scores.has(chosen)) {
      log(`the rows come from epoch ${chosen}: ${scores.get(chosen)} (1 is a perfect match with ${plan.validationRows ? 'the held-back rows' : 'your rows'};`);
      log(`  strong links: how well the seed's links of 0.3 or more between two columns are kept)`);
    }
    if (!args.report) log('for a quality and privacy report to hand over, run again with --report report.html');
    // The rows first, so the report judges rows the file holds.
    const written = await writeRows(session, rows, format, args, log, args.report ? session.reportRows() : 0);
    if (args.report) await writeReport(args.report, session, log, written);
    if (args.saveModel) {
      const { bytes: bundle } = await session.saveModel();
      writeOrRefuse(args.saveModel, bundle, '--save-model');
      log(`saved the model to ${args.saveModel} (${(bundle.byteLength / 1e6).toFixed(1)} MB)`);
    }
  } finally {
    session.dispose();
  }
}

/** --exclude and --type, as the app's column panel sets them; a name that is no column says which are. */
function chooseColumns(session: Session, args: SynthArgs): void {
  const names = session.table.names;
  const known = (flag: string, name: string) => {
    if (names.includes(name)) return;
    const some = names.slice(0, 12).map((n) => `"${n}"`).join(', ');
    throw new InputError(`${flag} names "${name}", which is not a column of this table. Its columns: ${some}${names.length > 12 ? ', …' : ''}.`);
  };
  for (const [name, kind] of args.types) {
    known('--type', name);
    session.setColumn(name, { kind });
  }
  for (const name of args.exclude) {
    known('--exclude', name);
    session.setColumn(name, { include: false });
  }
}

/** The format a table is written in: CSV, JSON or Parquet; a zip is for images. */
function tableFormat(args: SynthArgs, what: string): ExportFormat {
  if (args.format === 'zip') throw new InputError(`${what}, written as .csv, .json or .parquet: --out "${args.out}" is a zip, which is for images.`);
  return args.format;
}

async function startBackend(args: SynthArgs, log: (line: string) => void): Promise<void> {
  tf.env().set('DEBUG', false);
  if (args.backend === 'webgpu') log(`WebGPU on ${await startDawn({ software: false })}`);
  else await tf.setBackend(args.backend);
  installKernels();
}

/** `--model`: no seed table and no training; the bundle's seed and settings give the rows. */
async function fromBundle(args: SynthArgs, io: SynthIO): Promise<void> {
  const path = args.model!;
  checkPaths(path, args.out);
  requireBundleSize(`--model "${path}"`, statSync(path).size);
  const bytes = readFileSync(path);
  await startBackend(args, io.log);
  const opened = openBundle(bytes);
  if (opened.kind === 'images') return imagesFromBundle(basename(path), opened, args, io);
  const format = tableFormat(args, `--model "${path}" holds a tabular model`);
  const session = Session.fromOpened(basename(path), opened);
  try {
    const m = session.loadedFrom!;
    io.log(`loaded ${path}: trained by ${m.app} on ${m.rows} rows of ${m.source} (${m.columns} columns), ${m.epochs} epochs, seed ${m.seed}; backend ${tf.getBackend()}`);
    await writeRows(session, rowsToWrite(args, m.sourceRows), format, args, io.log);
  } finally {
    session.dispose();
  }
}

/** Writes `rows` rows to `--out`; returns the first `keepFirst` of them (or all, when fewer) as a table. */
async function writeRows(session: Session, rows: number, format: ExportFormat, args: SynthArgs, log: (line: string) => void, keepFirst = 0): Promise<Table | null> {
  const writer = session.rowWriter(format);
  const output = openOutput(args.out);
  const t0 = performance.now();
  const kept: Table[] = [];
  let keptRows = 0;
  const onChunk = (chunk: Table) => {
    output.write(writer.add(chunk));
    if (keptRows >= keepFirst) return;
    kept.push(chunk);
    keptRows += chunk.rowCount;
  };
  await session.generate(rows, { keep: false, maxRows: args.maxRows, onChunk });
  output.write(writer.finish());
  output.close();
  log(`wrote ${rows} rows to ${args.out} (${Math.round(rows / ((performance.now() - t0) / 1000))} rows/s)`);
  return kept.length ? joinTables(kept) : null;
}

/** The quality report as HTML, or JSON when the path ends in .json. */
async function writeReport(path: string, session: Session, log: (line: string) => void, written: Table | null): Promise<void> {
  const report = await session.buildReport(written ?? undefined);
  const file = session.exportReport(/\.json$/i.test(path) ? 'json' : 'html');
  try {
    writeFileSync(path, file.parts.join(''));
  } catch (err) {
    throw new InputError(`Cannot write the report "${path}" (${(err as Error).message}).`);
  }
  log(`wrote the quality report to ${path}: ${report.overall.headline} (score ${report.overall.score.toFixed(3)}). ${report.privacy.headline}.`);
  for (const finding of report.serious) log(`  before you share the rows: ${finding}`);
  for (const f of report.figures) if (f.flag !== 'ok') log(`  ${f.flag === 'bad' ? 'poor' : 'check'}: ${f.label.toLowerCase()}, ${f.text}`);
  const named = report.figures.find((f) => f.key === 'rareValues' && f.flag !== 'ok' && f.column);
  if (named) log(`  to leave "${named.column}" out, run again with --exclude "${named.column}"; to write fresh IDs in its place, --type "${named.column}=id"`);
}

function readRules(path: string): Rule[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`Cannot read the rules file "${path}": check the path.`);
  }
  try {
    return parseRules(JSON.parse(text));
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`${path}: ${err.message}`);
    throw new InputError(`${path} is not valid JSON (${(err as Error).message}).`);
  }
}
