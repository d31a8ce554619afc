import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { countGpuWork } from '../backend/gpuWork';
import { expectClose, normals, startSoftwareDawn, SWIFTSHADER } from '../backend/dawnTesting';
import type { Layout } from '../transform/transformer';
import { SpanOps } from './spans';

// Two continuous columns (a scalar and its modes) around a categorical one, and a yes/no.
const layout: Layout = {
  width: 13,
  spans: [
    { start: 0, size: 1, activation: 'tanh' },
    { start: 1, size: 3, activation: 'softmax' },
    { start: 4, size: 5, activation: 'softmax' },
    { start: 9, size: 1, activation: 'tanh' },
    { start: 10, size: 1, activation: 'softmax' },
    { start: 11, size: 2, activation: 'softmax' },
  ],
  conditions: [{ kind: 'category', column: 1, offset: 4, size: 5, missingSlot: -1 }],
};

/** The activation and its gradient for raw under a loss that weighs each output differently. */
async function run(ops: SpanOps, fused: boolean, rows: number): Promise<Float32Array[]> {
  const shape: [number, number] = [rows, layout.width];
  // Logits far apart too, as a trained generator gives: a span's softmax must not overflow.
  const raw = tf.tensor2d(normals(rows * layout.width, 1, 8), shape);
  const gumbel = tf.tensor2d(normals(rows * layout.width, 2), shape);
  const weights = tf.tensor2d(normals(rows * layout.width, 3), shape);
  const results = tf.tidy(() => [
    ops.activateWith(raw, gumbel, 0.2, fused),
    tf.grad((x) => tf.sum(tf.mul(ops.activateWith(x as tf.Tensor2D, gumbel, 0.2, fused), weights)))(raw),
  ]);
  const out = await Promise.all(results.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([raw, gumbel, weights, ...results]);
  return out;
}

describe.skipIf(!SWIFTSHADER)('the fused span activation on Dawn (software Vulkan)', () => {
  it('gives the values and gradient of the tfjs ops, in one program each way', async () => {
    await startSoftwareDawn();
    const ops = new SpanOps(layout, layout.conditions);
    await run(ops, true, 4);
    const before = tf.memory().numTensors;
    for (const rows of [7, 300]) {
      const counter = countGpuWork()!;
      const fused = await run(ops, true, rows);
      const { programs, dispatches } = counter.read();
      counter.stop();
      // Forward twice (once alone, once under the gradient), back once; and nothing else but
      // the loss and its gradient's own few programs.
      expect(programs.mitosisSpanActivate).toBe(2);
      expect(programs.mitosisSpanActivateGrad).toBe(1);
      expect(dispatches).toBeLessThan(12);
      const expected = await run(ops, false, rows);
      fused.forEach((f, i) => expectClose(f, expected[i], 1e-4));
      // Each span's shares add up to one.
      expect(fused[0][10]).toBeCloseTo(1, 5);
      expect(fused[0][1] + fused[0][2] + fused[0][3]).toBeCloseTo(1, 5);
    }
    expect(tf.memory().numTensors).toBe(before);
    ops.dispose();
  }, 120_000);

  it('gives the condition loss and its gradient of the tfjs ops, in three programs forward and one back', async () => {
    await startSoftwareDawn();
    const ops = new SpanOps(layout, layout.conditions);
    const loss = async (fused: boolean, rows: number) => {
      const raw = tf.tensor2d(normals(rows * layout.width, 5, 6), [rows, layout.width]);
      const slots = Int32Array.from({ length: rows }, (_, r) => (r * 3) % 5);
      const results = tf.tidy(() => [ops.conditionLoss(raw, slots, fused), tf.grad((x) => ops.conditionLoss(x as tf.Tensor2D, slots, fused))(raw)]);
      const out = await Promise.all(results.map((t) => t.data() as Promise<Float32Array>));
      tf.dispose([raw, ...results]);
      return out;
    };
    await loss(true, 4);
    const before = tf.memory().numTensors;
    for (const rows of [7, 300]) {
      const counter = countGpuWork()!;
      const fused = await loss(true, rows);
      const { programs } = counter.read();
      counter.stop();
      expect(programs.mitosisConditionLoss).toBe(2);
      expect(programs.mitosisConditionLossGrad).toBe(1);
      const expected = await loss(false, rows);
      fused.forEach((f, i) => expectClose(f, expected[i], 1e-4));
    }
    expect(tf.memory().numTensors).toBe(before);
    ops.dispose();
  }, 120_000);
});
