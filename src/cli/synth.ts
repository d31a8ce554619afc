import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { loadTable } from '../core/data/load';
import { inferSchema, requireModelledColumn } from '../core/data/schema';
import { InputError } from '../core/data/table';
import { createWriter, type ExportFormat } from '../core/export/writer';
import { DEFAULT_CONFIG } from '../core/model/config';
import { TabularModel } from '../core/train/tabularModel';
import { parseArgs } from './args';
import { startDawn } from './dawn';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const format = args.out.toLowerCase().split('.').pop() as ExportFormat;
  if (!['csv', 'json', 'parquet'].includes(format)) throw new InputError(`--out must end in .csv, .json or .parquet, not "${args.out}".`);
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
  const config = { ...DEFAULT_CONFIG, seed: args.seed, batchSize: args.batch ?? DEFAULT_CONFIG.batchSize, epochs: args.epochs };
  const model = new TabularModel(table, schema, config);
  log(`preprocessing ${model.preprocessSeconds.toFixed(2)} s; ${model.trainer.stepsPerEpoch} steps per epoch, batch ${model.trainer.batch}`);
  for (const d of model.transformer.derived) log(`  ${d.name}: written from ${d.source}, which fixes it in the seed`);
  await model.train(args.epochs, {
    readEvery: 10,
    onEpoch: (r) => log(`epoch ${r.epoch}/${args.epochs}  column shapes ${r.fidelity.score.toFixed(3)}  pair trends ${r.pairTrends.toFixed(3)}`),
    onProgress: (p) => process.stderr.write(`\r  step ${p.step}/${p.totalSteps}  ${p.stepsPerSecond.toFixed(2)} steps/s  ${Math.round(p.secondsLeft)} s left   `),
  });
  const rows = args.rows ?? table.rowCount;
  const writer = createWriter(format, schema.filter((c) => c.include));
  const fd = openSync(args.out, 'w');
  const write = (parts: (string | ArrayBuffer)[]) => {
    for (const part of parts) {
      if (typeof part === 'string') writeSync(fd, part);
      else writeSync(fd, new Uint8Array(part));
    }
  };
  const t0 = performance.now();
  await model.generate(rows, { onChunk: (chunk) => write(writer.add(chunk)) });
  write(writer.finish());
  closeSync(fd);
  log(`wrote ${rows} rows to ${args.out} (${Math.round(rows / ((performance.now() - t0) / 1000))} rows/s)`);
  model.dispose();
}

function log(text: string): void {
  process.stderr.write(`\r${text}\n`);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`\nerror: ${message}\n`);
  process.exit(err instanceof InputError ? 2 : 1);
});
