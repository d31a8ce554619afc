import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countGpuWork } from '../backend/gpuWork';
import { softwareVulkan, startNodeBackend } from '../backend/node';
import { Rng } from '../util/rng';
import { FlatAdam } from './flatAdam';
import { fusedAdamApply, fusedAverage, fusedMoment } from './fusedUpdates';

const SWIFTSHADER = softwareVulkan();

function values(n: number, seed: number, scale = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

async function read(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

function expectClose(a: Float32Array, b: Float32Array, tolerance: number): void {
  expect(a.length).toBe(b.length);
  const worst = a.reduce((w, x, i) => Math.max(w, Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))), 0);
  expect(worst).toBeLessThan(tolerance);
}

/** Three variables of a tiny regression, trained `steps` Adam steps on the backend in use. */
async function trainTiny(steps: number): Promise<Float32Array[]> {
  const w1 = tf.variable(tf.tensor2d(values(12, 1), [4, 3]));
  const b1 = tf.variable(tf.tensor1d(values(3, 2)));
  const w2 = tf.variable(tf.tensor2d(values(3, 3), [3, 1]));
  const x = tf.tensor2d(values(32, 4), [8, 4]);
  const y = tf.tensor2d(values(8, 5), [8, 1]);
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
    process.env.VK_ICD_FILENAMES = SWIFTSHADER;
    process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'dawn-'));
    await startNodeBackend('dawn');
    const n = 1000;
    const [m, v, g, w] = [values(n, 1, 0.1), values(n, 2, 0.01).map(Math.abs), values(n, 3), values(n, 4)].map((a) => tf.tensor1d(a));
    expectClose(await read(fusedMoment(m, g, 0.5, false)), await read(tf.tidy(() => tf.add(tf.mul(m, 0.5), tf.mul(g, 0.5)))), 1e-6);
    expectClose(await read(fusedMoment(v, g, 0.9, true)), await read(tf.tidy(() => tf.add(tf.mul(v, 0.9), tf.mul(tf.square(g), 1 - 0.9)))), 1e-6);
    expectClose(await read(fusedAverage(w, g, 0.999)), await read(tf.tidy(() => tf.add(tf.mul(w, 0.999), tf.mul(g, 1 - 0.999)))), 1e-6);
    // One variable of 200 weights whose moments start at 300 in the flat vectors.
    const step = { rate: 2e-4, firstCorrection: 1 - 0.5 ** 3, secondCorrection: 1 - 0.9 ** 3, epsilon: 1e-7 };
    const weight = tf.tensor1d(values(200, 5));
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
    expect(fused[0]).not.toEqual(Float32Array.from(values(12, 1)));
  }, 60_000);
});
