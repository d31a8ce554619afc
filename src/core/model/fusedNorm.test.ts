import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { countGpuWork } from '../backend/gpuWork';
import { expectClose, normals, startSoftwareDawn, SWIFTSHADER } from '../backend/dawnTesting';
import { fusedNormRelu } from './fusedNorm';
import { BatchNorm } from './layers';

/** The layer's output and its gradients for x, γ and β under a loss that weighs each output differently. */
async function run(layer: (x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor2D, rows: number, cols: number): Promise<Float32Array[]> {
  const x = tf.tensor2d(normals(rows * cols, 1, 3, 2), [rows, cols]);
  const gamma = tf.tensor1d(normals(cols, 2, 0.5, 1));
  const beta = tf.tensor1d(normals(cols, 3, 0.5));
  const weights = tf.tensor2d(normals(rows * cols, 4), [rows, cols]);
  const results = tf.tidy(() => [layer(x, gamma, beta), ...tf.grads((a, b, c) => tf.sum(tf.mul(layer(a as tf.Tensor2D, b, c), weights)))([x, gamma, beta])]);
  const out = await Promise.all(results.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([x, gamma, beta, weights, ...results]);
  return out;
}

/** The tfjs ops BatchNorm runs on other backends. */
function plain(x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor2D {
  const norm = { gamma, beta } as unknown as BatchNorm;
  return tf.relu(BatchNorm.prototype.apply.call(norm, x));
}

describe.skipIf(!SWIFTSHADER)('fused batch norm and ReLU on Dawn (software Vulkan)', () => {
  it('gives the values and gradients of the tfjs ops, in two programs forward and three back', async () => {
    await startSoftwareDawn();
    const before = tf.memory().numTensors;
    for (const [rows, cols] of [
      [50, 16],
      [257, 33],
    ]) {
      const counter = countGpuWork()!;
      const fused = await run(fusedNormRelu, rows, cols);
      const { programs } = counter.read();
      counter.stop();
      // Forward twice (once alone, once under the gradient), back once.
      expect(programs.mitosisNormStats).toBe(2);
      expect(programs.mitosisNormRelu).toBe(2);
      expect(programs.mitosisNormGradGamma).toBe(1);
      expect(programs.mitosisNormGradInput).toBe(1);
      const expected = await run(plain, rows, cols);
      fused.forEach((f, i) => expectClose(f, expected[i], 1e-4));
      // Some units are cut by the ReLU and some pass, so both branches of the gradient are tried.
      expect(fused[0].some((v) => v === 0) && fused[0].some((v) => v > 0)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
