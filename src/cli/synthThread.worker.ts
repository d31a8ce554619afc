import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { runSynth } from './run';

/** One reply per run: its exit code and log, and what it left behind in the thread. */
export interface SynthReply {
  code: number;
  lines: string[];
  /** Tensors still held once the run is over: a run that fails midway must not keep its model's. */
  tensors: number;
  /** Whether Object.prototype is as it was: a `__proto__` key in a seed must not have reached it. */
  pristine: boolean;
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).join();

// Runs one at a time: the host waits for each reply before it sends the next argv.
parentPort!.on('message', async (argv: string[]) => {
  const lines: string[] = [];
  const code = await runSynth(argv, { log: (line) => lines.push(line) });
  const pristine = Object.getOwnPropertyNames(Object.prototype).join() === PROTOTYPE_KEYS;
  parentPort!.postMessage({ code, lines, tensors: tf.memory().numTensors, pristine } satisfies SynthReply);
});
