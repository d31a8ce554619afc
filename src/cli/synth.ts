import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { loadTable } from '../core/data/load';
import { findRules } from '../core/data/findRules';
import { describeRule, parseRules, validateRules, type Rule } from '../core/data/rules';
import { inferSchema, requireModelledColumn } from '../core/data/schema';
import { InputError } from '../core/data/table';
import { createWriter } from '../core/export/writer';
import { DEFAULT_CONFIG } from '../core/model/config';
import { Rng } from '../core/train/rng';
import { TabularModel } from '../core/train/tabularModel';
import { parseArgs, rowsToWrite, USAGE } from './args';
import { startDawn } from './dawn';
import { openOutput } from './output';
import { checkPaths } from './paths';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  checkPaths(args.input, args.out);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(args.input);
  } catch {
    throw new InputError(`Cannot read "${args.input}": check the path.`);
  }
  tf.env().set('DEBUG', false);
  if (args.backend === 'webgpu') log(`WebGPU on ${await startDawn({ software: false })}`);
  else await tf.setBackend(args.backend);
  const table = await loadTable(args.input, bytes);
  const schema = inferSchema(table);
  log(`read ${table.rowCount} rows × ${table.names.length} columns; backend ${tf.getBackend()}`);
  log(schema.map((c) => `  ${c.name}: ${c.kind}${c.missingShare > 0 ? ` (${(c.missingShare * 100).toFixed(1)}% missing)` : ''}`).join('\n'));
  requireModelledColumn(schema);
  const rows = rowsToWrite(args, table.rowCount);
  const rules = args.rules ? readRules(args.rules) : findRules(table, schema, new Rng(args.seed));
  validateRules(rules, table, schema);
  log(`${args.rules ? `rules from ${args.rules}` : 'rules found in the seed'}, kept on every row:`);
  log(rules.length ? rules.map((r) => `  ${describeRule(r)}`).join('\n') : '  none');
  if (!args.rules && rules.length) log(`  (to change them, save this to a file and pass --rules FILE)\n  ${JSON.stringify(rules)}`);
  const config = { ...DEFAULT_CONFIG, seed: args.seed, batchSize: args.batch ?? DEFAULT_CONFIG.batchSize, epochs: args.epochs };
  const model = new TabularModel(table, schema, config, rules);
  log(`preprocessing ${model.preprocessSeconds.toFixed(2)} s; ${model.trainer.stepsPerEpoch} steps per epoch, batch ${model.trainer.batch}`);
  for (const d of model.transformer.derived) log(`  ${d.name}: written from ${d.source}, which fixes it in the seed`);
  await model.train(args.epochs, {
    readEvery: 10,
    onEpoch: (r) => log(`epoch ${r.epoch}/${args.epochs}  column shapes ${r.fidelity.score.toFixed(3)}  pair trends ${r.pairTrends.toFixed(3)}`),
    onProgress: (p) => process.stderr.write(`\r  step ${p.step}/${p.totalSteps}  ${p.stepsPerSecond.toFixed(2)} steps/s  ${Math.round(p.secondsLeft)} s left   `),
  });
  const writer = createWriter(args.format, schema.filter((c) => c.include));
  const output = openOutput(args.out);
  const t0 = performance.now();
  await model.generate(rows, { onChunk: (chunk) => output.write(writer.add(chunk)) });
  output.write(writer.finish());
  output.close();
  log(`wrote ${rows} rows to ${args.out} (${Math.round(rows / ((performance.now() - t0) / 1000))} rows/s)`);
  model.dispose();
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

function log(text: string): void {
  process.stderr.write(`\r${text}\n`);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`\nerror: ${message}\n`);
  process.exit(err instanceof InputError ? 2 : 1);
});
