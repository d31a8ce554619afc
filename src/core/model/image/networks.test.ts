import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../../backend/kernels';
import { InputError } from '../../util/errors';
import { Rng } from '../../util/rng';
import { DEFAULT_IMAGE_CONFIG, imageConfigProblems, validateImageConfig, type ImageModelConfig } from './config';
import { ImageCritic } from './critic';
import { ImageGenerator } from './generator';
import { Params } from './params';
import { SpectralNorm } from './spectralNorm';

const small = (patch: Partial<ImageModelConfig>): ImageModelConfig => ({
  ...DEFAULT_IMAGE_CONFIG,
  noiseDim: 8,
  embeddingDim: 4,
  generatorWidth: 16,
  criticWidth: 4,
  labels: 3,
  ...patch,
});

describe('image networks', () => {
  beforeAll(async () => {
    installKernels();
    await tf.setBackend('cpu');
  });

  it.each([
    [16, 1],
    [32, 3],
    [64, 1],
    [64, 3],
  ] as const)('at %i px with %i channels: images of that shape in (-1, 1), one score each', (size, channels) => {
    const config = small({ size, channels });
    const g = new ImageGenerator(config, new Rng(1));
    const d = new ImageCritic(config, new Rng(2));
    const before = tf.memory().numTensors;
    const [images, scores, range] = tf.tidy(() => {
      const labels = tf.tensor1d([0, 2], 'int32');
      const images = g.apply(tf.randomNormal([2, 8], 0, 1, 'float32', 1), labels);
      return [images, d.apply(images, labels), tf.stack([tf.min(images), tf.max(images)])];
    });
    expect(images.shape).toEqual([2, size, size, channels]);
    expect(scores.shape).toEqual([2]);
    const [lo, hi] = range.dataSync();
    expect(lo).toBeGreaterThan(-1);
    expect(hi).toBeLessThan(1);
    expect(hi - lo).toBeGreaterThan(0.01);
    tf.dispose([images, scores, range]);
    expect(tf.memory().numTensors).toBe(before);
    g.dispose();
    d.dispose();
  });

  it('the label changes the image and the score', () => {
    const config = small({ size: 16 });
    const g = new ImageGenerator(config, new Rng(1));
    const d = new ImageCritic(config, new Rng(2));
    const [dImage, dScore] = tf.tidy(() => {
      const z = tf.randomNormal([1, 8], 0, 1, 'float32', 4) as tf.Tensor2D;
      const [a, b] = [0, 1].map((l) => g.apply(z, tf.tensor1d([l], 'int32')));
      const x = tf.concat([a, a]);
      const s = d.apply(x, tf.tensor1d([0, 1], 'int32'));
      return [tf.max(tf.abs(tf.sub(a, b))).dataSync()[0], Math.abs(s.dataSync()[0] - s.dataSync()[1])];
    });
    expect(dImage).toBeGreaterThan(1e-3);
    expect(dScore).toBeGreaterThan(1e-4);
    g.dispose();
    d.dispose();
  });

  it('spectral norm: power iterations find the largest singular value, and the normalised weight has norm 1', () => {
    const rng = new Rng(5);
    const params = new Params('test');
    // [3, 3, 2, 4] as a [18, 4] matrix.
    const weight = params.normal('w', [3, 3, 2, 4], 1, rng);
    const norm = new SpectralNorm(weight, params, 'w', rng);
    for (let i = 0; i < 50; i++) norm.refresh();
    const w = weight.dataSync();
    // σ by the definition: the largest eigenvalue of WᵀW, by many power iterations in plain arithmetic.
    const m = Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => {
      let s = 0;
      for (let r = 0; r < 18; r++) s += w[r * 4 + i] * w[r * 4 + j];
      return s;
    }));
    let x = [1, 0.5, -0.3, 0.2];
    let lambda = 0;
    for (let k = 0; k < 500; k++) {
      const y = m.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
      lambda = Math.hypot(...y);
      x = y.map((v) => v / lambda);
    }
    const sigma = Math.sqrt(lambda);
    const normalised = tf.tidy(() => norm.apply());
    const scale = w[0] / normalised.dataSync()[0];
    expect(scale).toBeCloseTo(sigma, 3);
    expect(sigma).toBeGreaterThan(1);
    normalised.dispose();
    params.dispose();
  });

  it('the same seed gives the same weights; the critic keeps its power-iteration vectors apart from its weights', () => {
    const config = small({ size: 32 });
    const [a, b] = [new ImageCritic(config, new Rng(9)), new ImageCritic(config, new Rng(9))];
    a.variables.forEach((v, i) => expect(v.dataSync()).toEqual(b.variables[i].dataSync()));
    expect(a.names).toContain('critic/down0/kernel');
    expect(a.stateNames).toContain('critic/down0/u');
    expect(a.state.every((v) => !v.trainable)).toBe(true);
    expect(a.variables.every((v) => v.trainable)).toBe(true);
    a.dispose();
    b.dispose();
  });
});

describe('ImageModelConfig', () => {
  it('accepts the defaults and names each setting out of range', () => {
    expect(imageConfigProblems(DEFAULT_IMAGE_CONFIG)).toEqual([]);
    const bad = { ...DEFAULT_IMAGE_CONFIG, size: 48, channels: 2, batchSize: 1, generatorLr: 0, epochs: 0 } as unknown as ImageModelConfig;
    expect(() => validateImageConfig(bad)).toThrow(InputError);
    const problems = imageConfigProblems(bad);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('Image size must be 16, 32 or 64 (got 48).');
    expect(problems.join(' ')).toMatch(/Batch size must be a whole number between 2 and 4,096 \(got 1\)/);
  });
});
