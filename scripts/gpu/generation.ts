// Generation to CSV on one backend, whole and in parts:
//   tsx scripts/gpu/generation.ts <dawn|node> <adult.csv> <epochs> <rows>
// Trains the default model for `epochs` on the bench's split (the app's session), then times generation with the
// CSV writer (rows, then 5 × rows), and sampling, decoding and CSV writing one after another with no overlap.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { DEFAULT_BENCH, splitTable } from '../../src/bench/benchmark';
import { startNodeBackend } from '../../src/core/backend/node';
import { parseDelimitedText } from '../../src/core/data/parse';
import { createWriter } from '../../src/core/export/writer';
import { DEFAULT_CONFIG } from '../../src/core/model/config';
import { Rng } from '../../src/core/util/rng';
import { Session } from '../../src/core/session/session';

const CHUNK = 20_000;
const [backend, path, epochs, rowsArg] = process.argv.slice(2);
const rows = Math.ceil(Number(rowsArg) / CHUNK) * CHUNK;
const log = (line: string) => process.stderr.write(`${backend}: ${line}\n`);
log(await startNodeBackend(backend));
const { train } = splitTable(parseDelimitedText(readFileSync(path, 'utf8')), DEFAULT_BENCH.seed);
const session = Session.fromTable('adult.csv', train);
session.prepare({ ...DEFAULT_CONFIG, seed: DEFAULT_BENCH.seed, epochs: Number(epochs) });
await session.train({ readEvery: 10 });
// The parts below are timed one by one, so they reach into the model the session holds.
const model = session.model!;
const schema = model.schema.filter((c) => c.include);

async function whole(count: number): Promise<number> {
  const writer = session.rowWriter('csv');
  const t0 = performance.now();
  await model.generate(count, { chunkRows: CHUNK, onChunk: (chunk) => void writer.add(chunk) });
  const rate = count / ((performance.now() - t0) / 1000);
  log(`generated ${count} rows to CSV at ${Math.round(rate)} rows/s`);
  return rate;
}

await whole(CHUNK); // compiles the shaders for this batch size
const result: Record<string, number | string> = { backend, rowsPerSecond: await whole(rows), rowsPerSecondLong: await whole(5 * rows) };
const spent = { sample: 0, decode: 0, csv: 0 };
const writer = createWriter('csv', schema);
const rng = new Rng(7);
for (let first = 0; first < rows; first += CHUNK) {
  let t0 = performance.now();
  const encoded = await model.trainer.sample(CHUNK, 100 + first);
  spent.sample += performance.now() - t0;
  t0 = performance.now();
  const chunk = model.transformer.decode(encoded, CHUNK, rng, first);
  spent.decode += performance.now() - t0;
  t0 = performance.now();
  writer.add(chunk);
  spent.csv += performance.now() - t0;
}
for (const [part, ms] of Object.entries(spent)) result[`${part}MicrosecondsPerRow`] = (ms * 1000) / rows;
log(`per row: sample ${(spent.sample * 1000 / rows).toFixed(2)} µs, decode ${(spent.decode * 1000 / rows).toFixed(2)} µs, CSV ${(spent.csv * 1000 / rows).toFixed(2)} µs; ${tf.memory().numTensors} tensors`);
process.stdout.write(`${JSON.stringify(result)}\n`);
// Dawn's instance keeps the event loop alive.
process.exit(0);
