// `npm run bench:small [-- --tables customers,orders,patients,employees,adult] [--epochs N] [--seed S] [--config JSON] [--out FILE]`
// `--export DIR` writes each training split for another generator and stops; `--synth DIR`
// judges that generator's rows (DIR/<table>.synth.csv, .many.csv) instead of training.
// Trains the default model through the app's session (length set from the table, rules found
// in the seed, kept) on the 80 % split of each table of the small-table suite (and Adult),
// under Node on tfjs's WASM backend,
// judges the synthetic rows (as many as the training rows; 20,000 more for the rows at the
// seed's extremes; 200 per value of each category fixed in turn) against the training rows
// and the held-out 20 %, prints one table and writes
// bench/results/small.json, or FILE (runs of some tables or other settings belong elsewhere).
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { sampleFixed, sampleTable, splitTable } from '../src/bench/benchmark';
import { judge, type Judgement } from '../src/bench/judge';
import { startNodeBackend } from '../src/core/backend/node';
import { smallTables } from '../src/bench/smallTables';
import { parseDelimitedText } from '../src/core/data/parse';
import type { Table } from '../src/core/data/table';
import { DEFAULT_CONFIG, type ModelConfig } from '../src/core/model/config';
import { Session } from '../src/core/session/session';
import { exportSplit, readExternal } from './external';

/** Rows drawn to count those on the seed's extremes. */
const EXTREME_ROWS = 20_000;
/** Rows drawn per value of a fixed category (their means read to about 0.07 of a spread). */
const FIXED_ROWS = 200;

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
  const out = arg('out') ?? 'bench/results/small.json';
  const [exportTo, external] = [arg('export'), arg('synth')];
  const adapter = await startNodeBackend('node');
  const suite: { name: string; table: Table; target?: string }[] = smallTables();
  suite.push({ name: 'adult', table: parseDelimitedText(readFileSync('public/adult.csv', 'utf8')), target: 'income' });
  const results: Row[] = [];
  for (const { name, table, target } of suite.filter((t) => wanted.includes(t.name))) {
    const { train, holdout } = splitTable(table, seed);
    // The app's pipeline: the schema it infers and the rules it finds, kept.
    const session = Session.fromTable(name, train);
    const { schema } = session;
    if (exportTo) {
      exportSplit(exportTo, name, train, schema);
      continue;
    }
    if (external) {
      const [synth, many] = ['synth', 'many'].map((k) => readExternal(join(external, `${name}.${k}.csv`), schema));
      const judgement = judge(train, holdout, synth, schema, target, many);
      results.push({ table: name, rows: table.rowCount, epochs: 'external', seconds: NaN, judgement });
      continue;
    }
    const config: ModelConfig = { ...DEFAULT_CONFIG, seed, epochs, ...extra };
    const t0 = performance.now();
    const plan = session.prepare(config);
    const outcome = await session.train({ readEvery: 20 });
    const seconds = (performance.now() - t0) / 1000;
    const synth = await sampleTable(session, train.rowCount);
    const many = await sampleTable(session, EXTREME_ROWS);
    const fixed = await sampleFixed(session, outcome.choices, FIXED_ROWS);
    session.dispose();
    const judgement = judge(train, holdout, synth, schema, target, many, fixed);
    const ran = `${outcome.epochs}/${plan.epochs}${outcome.converged ? ' (early)' : ''}`;
    console.error(`${name}: ${ran} epochs in ${seconds.toFixed(0)} s; ${JSON.stringify(judgement)}`);
    results.push({ table: name, rows: table.rowCount, epochs: ran, seconds, judgement });
  }
  if (exportTo) return;
  print(results);
  mkdirSync(dirname(out), { recursive: true });
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, backend: adapter, tensorsLeft: tf.memory().numTensors };
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, seed, epochs, config: extra, results }, null, 2)}\n`);
}

function print(results: Row[]): void {
  const f = (x: number | undefined, d = 3) => (x === undefined ? '–' : x.toFixed(d));
  const header = ['table', 'rows', 'epochs', 'train s', 'shapes train / holdout', 'pairs train / shuffled', 'pairs, SDMetrics bins', 'detection', 'TSTR AUC synth / real', 'TSTR F1 synth / real', 'category means (sd)', 'rare (sd)', 'fixed (sd)', 'rule breaks (worst)', 'extremes (pts)', 'copies'];
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
      `${f(j.pairs.sdmetrics)} / ${f(j.pairs.sdmetricsShuffled)}`,
      j.detection ? f(j.detection.score) : '–',
      u ? `${f(u.synthetic.auc)} / ${f(u.real.auc)}` : '–',
      u ? `${f(u.synthetic.f1)} / ${f(u.real.f1)}` : '–',
      f(j.categoryMeans),
      j.rareMeans === null ? '–' : f(j.rareMeans),
      j.fixedMeans === null ? '–' : f(j.fixedMeans),
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
