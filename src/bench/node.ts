import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import type { ModelConfig } from '../core/model/config';
import { DEFAULT_BENCH, runBenchmark } from './benchmark';
import { startNodeBackend } from '../core/backend/node';

// Usage: tsx src/bench/node.ts <node|dawn> <adult.csv> <epochs> [max-train-seconds] [rows] [config JSON]; prints the result as the last line.
// 'node' trains on tfjs's WASM backend; 'dawn' on its WebGPU backend over Dawn, which needs a Vulkan device.
const [backend, path, epochs, maxSeconds, rows, config] = process.argv.slice(2);

const adapter = await startNodeBackend(backend);
const result = await runBenchmark(
  readFileSync(path, 'utf8'),
  { backend, adapter, tensors: () => tf.memory().numTensors, log: (l) => process.stderr.write(`${l}\n`) },
  { ...DEFAULT_BENCH, epochs: Number(epochs ?? DEFAULT_BENCH.epochs), maxTrainSeconds: Number(maxSeconds ?? DEFAULT_BENCH.maxTrainSeconds), generateRows: Number(rows ?? DEFAULT_BENCH.generateRows), config: JSON.parse(config ?? '{}') as Partial<ModelConfig> },
);
process.stdout.write(`${JSON.stringify(result)}\n`);
// Dawn's instance keeps the event loop alive.
process.exit(0);
