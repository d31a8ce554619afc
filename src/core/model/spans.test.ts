import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layout } from '../transform/transformer';
import { Rng } from '../util/rng';
import { SpanOps } from './spans';

// A continuous column (scalar + 3 modes) then a categorical one (4 slots).
const layout: Layout = {
  width: 8,
  spans: [
    { start: 0, size: 1, activation: 'tanh' },
    { start: 1, size: 3, activation: 'softmax' },
    { start: 4, size: 4, activation: 'softmax' },
  ],
  conditions: [{ kind: 'category', column: 1, offset: 4, size: 4, missingSlot: -1 }],
};

describe('SpanOps', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('applies tanh to scalars and a softmax within each span, even for huge logits', () => {
    const ops = new SpanOps(layout, layout.conditions);
    const raw = tf.tensor2d([
      [0.5, 1, 2, 3, 0, 0, 0, 0],
      [-2, 500, -500, 0, 1000, 1, 2, 3],
    ]);
    const out = ops.activate(raw, 0.2, new Rng(1)).arraySync();
    expect(out[0][0]).toBeCloseTo(Math.tanh(0.5));
    expect(out[1][0]).toBeCloseTo(Math.tanh(-2));
    for (const row of out) {
      expect(row.slice(1, 4).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      expect(row.slice(4).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      expect(row.every(Number.isFinite)).toBe(true);
    }
    expect(out[1][1]).toBeCloseTo(1, 5);
    expect(out[1][4]).toBeCloseTo(1, 5);
    ops.dispose();
  });

  it('computes the condition loss as the mean cross-entropy on the conditioned span', () => {
    const ops = new SpanOps(layout, layout.conditions);
    const logits = [1, 2, 3, 4];
    const raw = tf.tensor2d([[9, 9, 9, 9, ...logits]]);
    const lse = Math.log(logits.reduce((s, x) => s + Math.exp(x), 0));
    expect(ops.conditionLoss(raw, Int32Array.of(2)).arraySync()).toBeCloseTo(lse - 3, 5);
    ops.dispose();
  });

  it('keeps two strong categories of a widely spread span apart, in the loss and its gradient', () => {
    const ops = new SpanOps(layout, layout.conditions);
    // Centred on the span's mean (−2.5) and clipped at ±60, the first two both read as 60: the
    // loss was log 2 and the gradient split evenly between them.
    const raw = tf.tensor2d([[0, 0, 0, 0, 100, 90, -100, -100]]);
    const expected = Math.log1p(Math.exp(-10));
    expect(ops.conditionLoss(raw, Int32Array.of(0)).arraySync()).toBeCloseTo(expected, 6);
    const grad = (tf.grad((x) => ops.conditionLoss(x as tf.Tensor2D, Int32Array.of(0)))(raw) as tf.Tensor2D).arraySync()[0];
    // d(−log softmax₀)/dx = softmax − one-hot.
    const p1 = Math.exp(-10) / (1 + Math.exp(-10));
    expect(grad[4]).toBeCloseTo(-p1, 6);
    expect(grad[5]).toBeCloseTo(p1, 6);
    expect(grad.slice(0, 4)).toEqual([0, 0, 0, 0]);
    ops.dispose();
  });

  it('samples generated rows on the host: tanh on scalars, one-hot draws at softmax frequencies', () => {
    const ops = new SpanOps(layout, layout.conditions);
    const rows = 20000;
    const logits = [0, Math.log(3), -30];
    const values = new Float32Array(rows * 8);
    for (let r = 0; r < rows; r++) values.set([0.5, ...logits, 0, 0, 40, 0], r * 8);
    ops.sampleOnHost(values, rows, new Rng(4));
    const counts = [0, 0, 0];
    for (let r = 0; r < rows; r++) {
      const row = Array.from(values.subarray(r * 8, r * 8 + 8));
      expect(row[0]).toBeCloseTo(Math.tanh(0.5), 6);
      expect(row.slice(1, 4).reduce((a, b) => a + b)).toBe(1);
      expect(row.slice(4)).toEqual([0, 0, 1, 0]);
      counts[row.slice(1, 4).indexOf(1)]++;
    }
    expect(counts[0] / rows).toBeCloseTo(0.25, 1);
    expect(counts[1] / rows).toBeCloseTo(0.75, 1);
    expect(counts[2]).toBe(0);
    ops.dispose();
  });

  it('draws on the device as it does on the host: one column per span, at softmax frequencies, whatever the draw', () => {
    const ops = new SpanOps(layout, layout.conditions);
    const rows = 20000;
    const rng = new Rng(4);
    const row = [0.5, 0, Math.log(3), -30, 0, 0, 40, 0];
    const raw = tf.tensor2d(Array.from({ length: rows }, () => row));
    // The ends of [0, 1) first: 0 and the float just below 1 must still pick exactly one column.
    const u = rng.uniforms(rows * 2);
    u.set([0, 1 - 2 ** -24, 1 - 2 ** -24]);
    const out = ops.drawOnDevice(raw, tf.tensor2d(u, [rows, 2])).arraySync();
    const counts = [0, 0, 0];
    for (const r of out) {
      expect(r[0]).toBeCloseTo(Math.tanh(0.5), 5);
      expect(r.slice(1, 4).reduce((a, b) => a + b)).toBe(1);
      expect(r.slice(4)).toEqual([0, 0, 1, 0]);
      counts[r.slice(1, 4).indexOf(1)]++;
    }
    expect(out[0].slice(1, 4)).toEqual([1, 0, 0]);
    expect(out[1].slice(1, 4)).toEqual([0, 1, 0]);
    expect(counts[0] / rows).toBeCloseTo(0.25, 1);
    expect(counts[1] / rows).toBeCloseTo(0.75, 1);
    expect(counts[2]).toBe(0);
    ops.dispose();
  });
});
