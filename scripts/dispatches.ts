// `npx tsx scripts/dispatches.ts [table.csv] [--steps N] [--config JSON] [--out FILE]`
// Counts the WebGPU work of a default training step and of a generated batch on Adult (or the
// table given), under Node on Dawn (a GPU's Vulkan driver, else SwiftShader), and prints the
// programs a step dispatches, most first. Counts do not depend on the device, only on the code.
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { measureStepWork } from '../src/bench/stepWork';
import { startNodeBackend } from '../src/core/backend/node';
import { parseDelimitedText } from '../src/core/data/parse';
import { DEFAULT_CONFIG, type ModelConfig } from '../src/core/model/config';
import { Session } from '../src/core/session/session';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { steps: { type: 'string', default: '6' }, config: { type: 'string', default: '{}' }, out: { type: 'string' } },
});
const path = positionals[0] ?? 'public/adult.csv';
const adapter = await startNodeBackend('dawn');
const session = Session.fromTable(path, parseDelimitedText(readFileSync(path, 'utf8')));
const config: ModelConfig = { ...DEFAULT_CONFIG, ...(JSON.parse(values.config) as Partial<ModelConfig>) };
const plan = session.prepare(config);
const started = performance.now();
const work = await measureStepWork(session, Number(values.steps), 1);
const seconds = (performance.now() - started) / 1000;
if (!work) throw new Error('WebGPU did not start');
const programs = Object.entries(work.stepPrograms);
console.log(`${path}: batch ${plan.batch}, ${adapter}, ${seconds.toFixed(1)} s for ${work.steps} steps and one batch`);
console.log(`a step:  ${JSON.stringify(work.perStep)} (first step ${work.firstStepAllocations} buffers created)`);
console.log(`a batch of ${work.batchRows} rows: ${JSON.stringify(work.perBatch)}`);
console.log(programs.slice(0, 30).map(([k, n]) => `${String(n).padStart(5)}  ${k}`).join('\n'));
const record = { table: path, adapter, batch: plan.batch, config: values.config, ...work, machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version }, tensors: tf.memory().numTensors, date: new Date().toISOString() };
if (values.out) writeFileSync(values.out, `${JSON.stringify(record, null, 2)}\n`);
session.dispose();
// Dawn's instance keeps the event loop alive.
process.exit(0);
