import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { installKernels } from './kernels';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: Pad;
}

const CASES: Case[] = [
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
  { x: [4, 16, 16, 1], filter: [4, 4, 1, 8], strides: [2, 2], pad: 'same' },
  { x: [3, 9, 7, 2], filter: [4, 4, 2, 5], strides: [2, 2], pad: 'same' },
  { x: [3, 9, 7, 2], filter: [3, 3, 2, 5], strides: [2, 2], pad: 'valid' },
  // The last rows and columns are never read (10 − 3 is not a multiple of 3): the kernel crops them.
  { x: [2, 10, 11, 3], filter: [3, 3, 3, 2], strides: [3, 3], pad: 'valid' },
  { x: [1, 6, 6, 4], filter: [5, 5, 4, 3], strides: [1, 2], pad: 'same' },
  { x: [2, 8, 8, 2], filter: [4, 4, 2, 3], strides: [2, 2], pad: [[0, 0], [1, 1], [1, 1], [0, 0]] },
  { x: [2, 5, 5, 3], filter: [2, 2, 3, 3], strides: [1, 1], pad: [[0, 0], [0, 2], [1, 0], [0, 0]] },
  // A filter smaller than the stride: some phases of the input gradient get no tap at all.
  { x: [2, 7, 6, 2], filter: [1, 1, 2, 3], strides: [2, 2], pad: 'valid' },
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: 'same' },
];

function values(n: number, seed: number): Float32Array {
  return new Rng(seed).normals(n);
}

interface Gradients {
  input: Float32Array;
  filter: Float32Array;
}

function inputsOf(c: Case, seed: number) {
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
  const x = values(size(c.x), seed);
  const f = values(size(c.filter), seed + 1);
  const w = values(size(info.outShape), seed + 2);
  return { info, x, f, w };
}

/** The gradients of Σ w · conv2d(x, f) with respect to x and to f, computed on `backend`. */
async function gradients(backend: string, c: Case, seed: number): Promise<Gradients> {
  await tf.setBackend(backend);
  const { info, x: xv, f: fv, w: wv } = inputsOf(c, seed);
  const [x, f, w] = [tf.tensor4d(xv, c.x), tf.tensor4d(fv, c.filter), tf.tensor4d(wv, info.outShape)];
  const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), w)))([x, f]);
  const [input, filter] = (await Promise.all([dx.data(), df.data()])) as Float32Array[];
  tf.dispose([x, f, w, dx, df]);
  return { input, filter };
}

/** The same gradients by the definition, one product at a time: the reference. */
function byDefinition(c: Case, seed: number): Gradients {
  const { info, x, f, w } = inputsOf(c, seed);
  const [n, height, width, cin] = c.x;
  const [fh, fw, , cout] = c.filter;
  const input = new Float32Array(x.length);
  const filter = new Float32Array(f.length);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < info.outHeight; i++) {
      for (let j = 0; j < info.outWidth; j++) {
        for (let a = 0; a < fh; a++) {
          for (let e = 0; e < fw; e++) {
            const p = i * info.strideHeight + a - info.padInfo.top;
            const q = j * info.strideWidth + e - info.padInfo.left;
            if (p < 0 || q < 0 || p >= height || q >= width) continue;
            for (let ci = 0; ci < cin; ci++) {
              for (let co = 0; co < cout; co++) {
                const dy = w[((b * info.outHeight + i) * info.outWidth + j) * cout + co];
                const k = ((a * fw + e) * cin + ci) * cout + co;
                const at = ((b * height + p) * width + q) * cin + ci;
                input[at] += dy * f[k];
                filter[k] += dy * x[at];
              }
            }
          }
        }
      }
    }
  }
  return { input, filter };
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  expect(scale).toBeGreaterThan(0.1);
  let worst = 0;
  for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
  expect(worst).toBeLessThan(1e-4 * scale + 1e-4);
}

describe('Convolution gradients as convolutions (WASM and CPU)', () => {
  beforeAll(() => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    installKernels();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES.map((c, i) => [i, c] as const))('case %i: both gradients on WASM and on the CPU match their definition', async (i, c) => {
    const expected = byDefinition(c, 10 * i);
    for (const backend of ['wasm', 'cpu']) {
      const actual = await gradients(backend, c, 10 * i);
      expectClose(actual.filter, expected.filter);
      expectClose(actual.input, expected.input);
    }
  });

  it('a transposed convolution (the input gradient as a forward pass) matches its definition', async () => {
    const c = CASES[2];
    const { info, f, w } = inputsOf(c, 7);
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const [dy, filter] = [tf.tensor4d(w, info.outShape), tf.tensor4d(f, c.filter)];
      const y = tf.conv2dTranspose(dy, filter, c.x, c.strides, c.pad as 'same');
      expectClose((await y.data()) as Float32Array, byDefinition(c, 7).input);
      tf.dispose([dy, filter, y]);
    }
  });

  it('frees every intermediate it makes', async () => {
    await tf.setBackend('wasm');
    for (const backend of ['wasm', 'cpu']) {
      await gradients(backend, CASES[4], 1);
      await gradients(backend, CASES[2], 1);
      const before = tf.memory() as tf.MemoryInfo & { numDataBuffers: number };
      await gradients(backend, CASES[4], 1);
      await gradients(backend, CASES[2], 1);
      const after = tf.memory() as tf.MemoryInfo & { numDataBuffers: number };
      expect([after.numTensors, after.numBytes, after.numDataBuffers]).toEqual([before.numTensors, before.numBytes, before.numDataBuffers]);
    }
  });

  it('installs once however often it is called', () => {
    installKernels();
    const kernels = () => ['wasm', 'cpu'].flatMap((b) => ['Conv2DBackpropFilter', 'Conv2DBackpropInput'].map((name) => tf.getKernel(name, b)));
    const first = kernels();
    installKernels();
    expect(kernels()).toEqual(first);
  });
});
