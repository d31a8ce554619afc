// `npm run bench:small [-- --tables customers,orders,patients,employees,adult] [--epochs N] [--seed S] [--config JSON]`
// Trains the default model (length set from the table, rules found in the seed) on the 80 %
// split of each table of the small-table suite (and Adult), under Node on tfjs's WASM backend,
// judges the synthetic rows against the training rows and the held-out 20 %, prints one table
// and writes bench/results/small.json.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { splitTable } from '../src/bench/benchmark';
import { judge, type Judgement } from '../src/bench/judge';
import { startNodeBackend } from '../src/core/backend/node';
import { smallTables } from '../src/bench/smallTables';
import { findRules } from '../src/core/data/findRules';
import { parseDelimitedText } from '../src/core/data/parse';
import { inferSchema } from '../src/core/data/schema';
import type { Table } from '../src/core/data/table';
import { DEFAULT_CONFIG, type ModelConfig } from '../src/core/model/config';
import { Rng } from '../src/core/util/rng';
import { TabularModel } from '../src/core/train/tabularModel';

interface Row {
  table: string;
  rows: number;
  epochs: string;
  seconds: number;
  judgement: Judgement;
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const wanted = (arg('tables') ?? 'customers,orders,patients,employees,adult').split(',');
  const epochs = arg('epochs') === undefined ? 'auto' : Number(arg('epochs'));
  const seed = Number(arg('seed') ?? 26);
  const extra = JSON.parse(arg('config') ?? '{}') as Partial<ModelConfig>;
  const adapter = await startNodeBackend('node');
  const suite: { name: string; table: Table; target?: string }[] = smallTables();
  suite.push({ name: 'adult', table: parseDelimitedText(readFileSync('public/adult.csv', 'utf8')), target: 'income' });
  const results: Row[] = [];
  for (const { name, table, target } of suite.filter((t) => wanted.includes(t.name))) {
    const { train, holdout } = splitTable(table, seed);
    const schema = inferSchema(train);
    const rules = findRules(train, schema, new Rng(seed));
    const config: ModelConfig = { ...DEFAULT_CONFIG, seed, epochs, ...extra };
    const t0 = performance.now();
    const model = new TabularModel(train, schema, config, rules);
    const planned = model.plannedEpochs;
    const ending = await model.train(planned, { readEvery: 20 });
    const seconds = (performance.now() - t0) / 1000;
    const synth = await sample(model, train.rowCount);
    model.dispose();
    const judgement = judge(train, holdout, synth, schema, target);
    const ran = `${model.epochs}/${planned}${ending === 'converged' ? ' (early)' : ''}`;
    console.error(`${name}: ${ran} epochs in ${seconds.toFixed(0)} s; ${JSON.stringify(judgement)}`);
    results.push({ table: name, rows: table.rowCount, epochs: ran, seconds, judgement });
  }
  print(results);
  mkdirSync('bench/results', { recursive: true });
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, backend: adapter, tensorsLeft: tf.memory().numTensors };
  writeFileSync('bench/results/small.json', `${JSON.stringify({ date: new Date().toISOString(), machine, seed, epochs, config: extra, results }, null, 2)}\n`);
}

async function sample(model: TabularModel, rows: number): Promise<Table> {
  const chunks: Table[] = [];
  await model.generate(rows, { onChunk: (chunk) => void chunks.push(chunk) });
  return { ...chunks[0], columns: chunks[0].names.map((_, c) => chunks.flatMap((t) => t.columns[c])), rowCount: rows };
}

function print(results: Row[]): void {
  const f = (x: number | undefined, d = 3) => (x === undefined ? '–' : x.toFixed(d));
  const header = ['table', 'rows', 'epochs', 'train s', 'shapes train / holdout', 'pairs train / shuffled', 'detection', 'TSTR AUC synth / real', 'TSTR F1 synth / real', 'category means (sd)', 'rule breaks (worst)', 'extremes (pts)', 'copies'];
  const rows = results.map(({ table, rows: n, epochs, seconds, judgement: j }) => {
    const worst = j.ruleBreaks.reduce((w, r) => Math.max(w, r.share), 0);
    const u = j.usefulness;
    return [
      table,
      n.toLocaleString('en-US'),
      epochs,
      f(seconds, 0),
      `${f(j.shapes.train)} / ${f(j.shapes.holdout)}`,
      `${f(j.pairs.train)} / ${f(j.pairs.shuffled)}`,
      j.detection ? f(j.detection.score) : '–',
      u ? `${f(u.synthetic.auc)} / ${f(u.real.auc)}` : '–',
      u ? `${f(u.synthetic.f1)} / ${f(u.real.f1)}` : '–',
      f(j.categoryMeans),
      `${(100 * worst).toFixed(1)} % of ${j.ruleBreaks.length}`,
      j.extremes ? `${f(j.extremes.points, 1)} (${j.extremes.column})` : '–',
      `${Math.round(j.exactCopies * n)}`,
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
