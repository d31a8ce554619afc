import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { installKernels } from './kernels';

async function on<T>(backend: string, f: () => T | Promise<T>): Promise<T> {
  await tf.setBackend(backend);
  return f();
}

describe('WASM kernels and gradients', () => {
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    installKernels();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('installs once: a second call keeps the patched kernels and gradients', () => {
    const installed = () => [tf.getKernel('GatherV2', 'wasm'), tf.getKernel('UnsortedSegmentSum', 'wasm'), tf.getKernel('UnsortedSegmentSum', 'cpu'), tf.getGradient('BatchMatMul'), tf.getGradient('Greater')];
    const first = installed();
    expect(first.every((k) => k !== undefined)).toBe(true);
    installKernels();
    installed().forEach((k, i) => expect(k).toBe(first[i]));
  });

  it("falls back to tfjs's own gather along another axis", async () => {
    const wasm = await on('wasm', () => tf.tidy(() => tf.gather(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), tf.tensor1d([2, 0], 'int32'), 1).arraySync()));
    expect(wasm).toEqual([[3, 1], [6, 4]]);
  });

  it('gathers rows and differentiates the gather like the CPU backend', async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
        const idx = tf.tensor1d([3, 0, 3, 1], 'int32');
        const weights = tf.tensor2d([1, -2, 3, 0.5, 2, 2, -1, 1], [4, 2]);
        const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idx), weights)))(x);
        return [tf.gather(x, idx).arraySync(), grad.arraySync()];
      });
    const wasm = await on('wasm', run);
    expect(wasm[0]).toEqual([[7, 8], [1, 2], [7, 8], [3, 4]]);
    expect(wasm[1]).toEqual([[3, 0.5], [-1, 1], [0, 0], [3, 0]]);
    expect(await on('cpu', run)).toEqual(wasm);
  });

  it('slices and splits like the CPU backend, on any axis and rank', async () => {
    const run = () =>
      tf.tidy(() => {
        const x3 = tf.range(0, 2 * 5 * 7).reshape([2, 5, 7]);
        const x2 = tf.range(0, 6 * 9).reshape([6, 9]);
        return [
          tf.slice(x3, [1, 2, 3], [1, 3, -1]).arraySync(),
          tf.slice(x2, [2, 0], [3, 9]).arraySync(),
          tf.slice(tf.range(0, 10), [4], [3]).arraySync(),
          tf.split(x2, [4, 5], 1).map((t) => t.arraySync()),
          tf.split(x3, [2, 0, 3], 1).map((t) => t.arraySync()),
          tf.split(x3, 2, 0).map((t) => t.arraySync()),
          tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.concat([t, tf.square(t)], 1), tf.range(1, 19).reshape([1, 18]))))(x2).arraySync(),
        ];
      });
    const wasm = await on('wasm', run);
    expect(wasm[1]).toEqual([[18, 19, 20, 21, 22, 23, 24, 25, 26], [27, 28, 29, 30, 31, 32, 33, 34, 35], [36, 37, 38, 39, 40, 41, 42, 43, 44]]);
    expect(wasm[2]).toEqual([4, 5, 6]);
    expect(await on('cpu', run)).toEqual(wasm);
  });

  it('shares data between a tensor and its clone, which outlives the original', async () => {
    await on('wasm', async () => {
      const buffers = tf.memory().numDataBuffers;
      const x = tf.tensor1d([1, 2, 3]);
      const y = tf.clone(x);
      expect(y.dataId).toBe(x.dataId);
      x.dispose();
      expect(await y.data()).toEqual(new Float32Array([1, 2, 3]));
      y.dispose();
      expect(tf.memory().numDataBuffers).toBe(buffers);
    });
  });

  it('rejects an index outside the gathered rows', async () => {
    await on('wasm', () => expect(() => tf.gather(tf.ones([2, 3]), tf.tensor1d([2], 'int32'))).toThrow(/not in \[0, 1\]/));
  });

  it('matrix-product gradients agree with the CPU backend in both transpose forms', async () => {
    // A tall right-hand side takes the (b · dyᵀ)ᵀ form; a wide one the dy · bᵀ form.
    const run = () =>
      [[3, 40], [40, 3]].map(([m, n]) =>
        tf.tidy(() => {
          const a = tf.tensor2d(new Rng(m).normals(m * 5), [m, 5]);
          const b = tf.tensor2d(new Rng(n).normals(5 * n), [5, n]);
          const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D))))([tf.matMul(a, tf.eye(5)), b]);
          return [da.arraySync(), db.arraySync()] as number[][][];
        }),
      );
    const wasm = (await on('wasm', run)).flat(2).flat();
    const cpu = (await on('cpu', run)).flat(2).flat();
    wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i], 3));
  });
});
