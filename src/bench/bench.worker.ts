/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { switchBackend } from '../worker/backend';
import { DEFAULT_BENCH, runBenchmark } from './benchmark';
import type { BenchMessage, BenchRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: BenchMessage) => scope.postMessage(m);

scope.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const request = event.data;
  try {
    const { backend, adapter, note } = await switchBackend(request.backend);
    if (request.backend !== 'auto' && backend !== request.backend) throw new Error(note ?? `${request.backend} is not available`);
    const csv = await (await fetch(request.csvUrl)).text();
    const result = await runBenchmark(
      csv,
      { backend, adapter, tensors: () => tf.memory().numTensors, log: (line) => post({ type: 'log', line }) },
      { ...DEFAULT_BENCH, epochs: request.epochs, maxTrainSeconds: request.maxTrainSeconds, generateRows: request.generateRows, config: request.config },
    );
    post({ type: 'result', result });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
