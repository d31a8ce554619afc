import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { countGpuWork } from '../backend/gpuWork';
import { expectClose, normals, startSoftwareDawn, SWIFTSHADER } from '../backend/dawnTesting';
import { FlatAdam } from './flatAdam';
import { fusedAdamApply, fusedAverage, fusedMoment } from './fusedUpdates';

async function read(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

/** Three variables of a tiny regression, trained `steps` Adam steps on the backend in use. */
async function trainTiny(steps: number): Promise<Float32Array[]> {
  const w1 = tf.variable(tf.tensor2d(normals(12, 1), [4, 3]));
  const b1 = tf.variable(tf.tensor1d(normals(3, 2)));
  const w2 = tf.variable(tf.tensor2d(normals(3, 3), [3, 1]));
  const x = tf.tensor2d(normals(32, 4), [8, 4]);
  const y = tf.tensor2d(normals(8, 5), [8, 1]);
  const adam = new FlatAdam([w1, b1, w2], 0.01, 0.5, 0.9);
  for (let s = 0; s < steps; s++) {
    adam.minimize(() => tf.tidy(() => tf.mean(tf.square(tf.sub(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), y))))).dispose();
  }
  const out = await Promise.all([w1, b1, w2].map((v) => v.data() as Promise<Float32Array>));
  adam.dispose();
  tf.dispose([w1, b1, w2, x, y]);
  return out;
}

describe.skipIf(!SWIFTSHADER)('fused updates on Dawn (software Vulkan)', () => {
  it('computes what the tfjs formulas compute', async () => {
    await startSoftwareDawn();
    const n = 1000;
    const [m, v, g, w] = [normals(n, 1, 0.1), normals(n, 2, 0.01).map(Math.abs), normals(n, 3), normals(n, 4)].map((a) => tf.tensor1d(a));
    expectClose(await read(fusedMoment(m, g, 0.5, false)), await read(tf.tidy(() => tf.add(tf.mul(m, 0.5), tf.mul(g, 0.5)))), 1e-6);
    expectClose(await read(fusedMoment(v, g, 0.9, true)), await read(tf.tidy(() => tf.add(tf.mul(v, 0.9), tf.mul(tf.square(g), 1 - 0.9)))), 1e-6);
    expectClose(await read(fusedAverage(w, g, 0.999)), await read(tf.tidy(() => tf.add(tf.mul(w, 0.999), tf.mul(g, 1 - 0.999)))), 1e-6);
    // One variable of 200 weights whose moments start at 300 in the flat vectors.
    const step = { rate: 2e-4, firstCorrection: 1 - 0.5 ** 3, secondCorrection: 1 - 0.9 ** 3, epsilon: 1e-7 };
    const weight = tf.tensor1d(normals(200, 5));
    const expected = tf.tidy(() => {
      const [ms, vs] = [m, v].map((t) => tf.slice(t, 300, 200));
      const corrected = tf.div(tf.div(ms, step.firstCorrection), tf.add(tf.sqrt(tf.div(vs, step.secondCorrection)), step.epsilon));
      return tf.add(weight, tf.mul(corrected, -step.rate));
    });
    expectClose(await read(fusedAdamApply(weight, m, v, 300, step)), await read(expected), 1e-6);
    tf.dispose([m, v, g, w, weight]);
    expect(tf.memory().numTensors).toBe(0);
  }, 60_000);

  it('trains as the unfused optimiser does, in one program per variable and two for the moments', async () => {
    const counter = countGpuWork()!;
    const fused = await trainTiny(5);
    const { programs } = counter.read();
    counter.stop();
    expect(programs.mitosisAdamApply).toBe(3 * 5);
    expect(programs.mitosisAdamFirstMoment).toBe(5);
    await tf.setBackend('cpu');
    const plain = await trainTiny(5);
    await tf.setBackend('webgpu');
    fused.forEach((f, i) => expectClose(f, plain[i], 1e-5));
    expect(fused[0]).not.toEqual(Float32Array.from(normals(12, 1)));
  }, 60_000);
});
