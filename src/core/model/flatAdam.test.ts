import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { installCopyKernels } from '../backend/copyKernels';
import { FlatAdam } from './flatAdam';

/** A small two-layer model's loss over three variables of different shapes. */
function problem() {
  const [w1, b1, w2] = tf.tidy(() => [
    tf.variable(tf.tensor2d([0.5, -0.2, 0.1, 0.3, -0.4, 0.2], [3, 2])),
    tf.variable(tf.tensor1d([0.05, -0.05])),
    tf.variable(tf.tensor2d([0.7, -0.6], [2, 1])),
  ]);
  const x = tf.tensor2d([1, 2, 3, -1, 0.5, 2, 0, -2, 1], [3, 3]);
  const y = tf.tensor2d([1, -1, 0.5], [3, 1]);
  const loss = () => tf.mean(tf.square(tf.sub(tf.matMul(tf.tanh(tf.add(tf.matMul(x, w1), b1)), w2), y))) as tf.Scalar;
  return { vars: [w1, b1, w2], loss, dispose: () => tf.dispose([w1, b1, w2, x, y]) };
}

async function run(flat: boolean): Promise<number[][]> {
  const p = problem();
  const adam = tf.train.adam(0.05, 0.5, 0.9);
  const ours = new FlatAdam(p.vars, 0.05, 0.5, 0.9);
  for (let i = 0; i < 20; i++) {
    const cost = flat ? ours.minimize(p.loss) : adam.minimize(p.loss, true, p.vars)!;
    cost.dispose();
  }
  const out = await Promise.all(p.vars.map(async (v) => Array.from(await v.data())));
  ours.dispose();
  adam.dispose();
  p.dispose();
  return out;
}

describe('FlatAdam', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`takes the same steps as tf.train.adam on ${backend}`, async () => {
      await tf.setBackend(backend);
      installCopyKernels();
      const before = tf.memory().numTensors;
      const [theirs, ours] = [await run(false), await run(true)];
      ours.flat().forEach((x, i) => expect(x).toBeCloseTo(theirs.flat()[i], 5));
      // 20 steps moved the weights: the comparison is not between two untouched starts.
      expect(Math.abs(ours[2][0] - 0.7)).toBeGreaterThan(0.1);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
