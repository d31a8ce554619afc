import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import type { ModelConfig } from '../core/model/config';
import { DEFAULT_BENCH, runBenchmark } from './benchmark';

// Usage: tsx src/bench/node.ts <adult.csv> <epochs> [max-train-seconds] [rows] [config JSON]; prints the result as the last line.
const [path, epochs, maxSeconds, rows, config] = process.argv.slice(2);
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
await tf.setBackend('wasm');
const result = await runBenchmark(
  readFileSync(path, 'utf8'),
  { backend: 'node', adapter: 'Node.js, tfjs WASM backend (single thread)', tensors: () => tf.memory().numTensors, log: (l) => process.stderr.write(`${l}\n`) },
  { ...DEFAULT_BENCH, epochs: Number(epochs ?? DEFAULT_BENCH.epochs), maxTrainSeconds: Number(maxSeconds ?? DEFAULT_BENCH.maxTrainSeconds), generateRows: Number(rows ?? DEFAULT_BENCH.generateRows), config: JSON.parse(config ?? '{}') as Partial<ModelConfig> },
);
process.stdout.write(`${JSON.stringify(result)}\n`);
