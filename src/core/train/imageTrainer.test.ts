import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { blackAndWhite, tinyImageConfig } from './imageTestModels';
import { ImageTrainer } from './imageTrainer';

const set = blackAndWhite(40);
const config = tinyImageConfig(set);

/** Runs `n` steps; returns every loss, read back. */
async function steps(t: ImageTrainer, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = t.step();
    out.push(...(await Promise.all([l.discriminator.data(), l.generator.data(), l.penalty.data()])).map((d) => d[0]));
    tf.dispose([l.discriminator, l.generator, l.penalty]);
  }
  return out;
}

const labels = Int32Array.from({ length: 6 }, (_, i) => i % 2);

describe('ImageTrainer', () => {
  beforeAll(async () => {
    installKernels();
    await tf.setBackend('cpu');
  });

  it('is deterministic: the same seed gives the same losses and samples', async () => {
    const run = async () => {
      const t = new ImageTrainer(set, config);
      const losses = await steps(t, 3);
      const images = await t.sample(labels, 7, 'current');
      t.dispose();
      return { losses, images };
    };
    const [a, b] = [await run(), await run()];
    expect(a.losses).toEqual(b.losses);
    expect(a.images).toEqual(b.images);
    expect(a.losses.every(Number.isFinite)).toBe(true);
  });

  it('keeps the tensor count flat over steps, and frees everything on dispose', async () => {
    const start = tf.memory().numTensors;
    const t = new ImageTrainer(set, config);
    const before = tf.memory().numTensors;
    await steps(t, 5);
    expect(tf.memory().numTensors).toBe(before);
    await t.sample(labels, 1);
    t.keepGenerator();
    t.keepGenerator();
    await t.save();
    expect(tf.memory().numTensors).toBe(before + t.generator.variables.length);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('rolls back to a saved state and trains on exactly as before', async () => {
    const t = new ImageTrainer(set, config);
    await steps(t, 2);
    const saved = await t.save();
    const first = await steps(t, 3);
    const images = await t.sample(labels, 3, 'average');
    t.rollBack(saved);
    expect(await steps(t, 3)).toEqual(first);
    expect(await t.sample(labels, 3, 'average')).toEqual(images);
    // A trainer built from the saved state goes on the same way too.
    const restored = new ImageTrainer(set, config, saved);
    expect(await steps(restored, 3)).toEqual(first);
    expect(await restored.sample(labels, 3, 'average')).toEqual(images);
    t.dispose();
    restored.dispose();
  });

  it('samples the kept, averaged or current generator; any batch split gives the same images', async () => {
    const t = new ImageTrainer(set, { ...config, batchSize: 8 });
    await steps(t, 3);
    t.keepGenerator();
    const kept = await t.sample(labels, 5, 'kept');
    expect(kept).toEqual(await t.sample(labels, 5, 'average'));
    await steps(t, 2);
    expect(await t.sample(labels, 5, 'kept')).toEqual(kept);
    expect(await t.sample(labels, 5, 'average')).not.toEqual(kept);
    expect(await t.sample(labels, 5, 'current')).not.toEqual(await t.sample(labels, 5, 'average'));
    // 300 images cross a sampling batch (256); drawn in two calls they are the same images.
    const many = Int32Array.from({ length: 300 }, (_, i) => i % 2);
    const whole = await t.sample(many, 9, 'current');
    const n = 16 * 16;
    const head = await t.sample(many.subarray(0, 100), 9, 'current');
    const tail = await t.sample(many.subarray(100), 9, 'current', 100);
    expect(whole.subarray(0, 100 * n)).toEqual(head);
    expect(whole.subarray(100 * n)).toEqual(tail);
    t.dispose();
  });

  it('runs only kernels the WebGPU and WASM backends have', async () => {
    const t = new ImageTrainer(set, config);
    const profile = await tf.profile(async () => {
      const l = t.step();
      tf.dispose([l.discriminator, l.generator, l.penalty]);
      const x = await t.sample(labels, 1);
      expect(x.length).toBe(6 * 256);
    });
    t.dispose();
    const names = [...new Set(profile.kernelNames)];
    expect(names).toEqual(expect.arrayContaining(['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter']));
    for (const backend of ['webgpu', 'wasm']) expect(names.filter((k) => !tf.getKernel(k, backend)).map((k) => `${backend}: ${k}`)).toEqual([]);
  });

  it('trains step for step on WASM as on the CPU backend', async () => {
    const colour = blackAndWhite(20, 32, 3);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const t = new ImageTrainer(colour, tinyImageConfig(colour));
      const losses = await steps(t, 3);
      const images = await t.sample(labels, 2, 'current');
      t.dispose();
      return { losses, images };
    };
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const wasm = await run('wasm');
    const cpu = await run('cpu');
    wasm.losses.forEach((v, i) => expect(v).toBeCloseTo(cpu.losses[i], 4));
    wasm.images.forEach((v, i) => expect(Math.abs(v - cpu.images[i])).toBeLessThan(1e-4));
  });

  it('learns what each label looks like: black images for one, white for the other', async () => {
    const t = new ImageTrainer(set, { ...config, generatorLr: 2e-3, criticLr: 2e-3 });
    const untrained = await t.sample(labels, 11, 'average');
    await steps(t, 150);
    const trained = await t.sample(labels, 11, 'average');
    const means = (images: Float32Array) => Array.from(labels, (_, k) => images.subarray(k * 256, (k + 1) * 256).reduce((s, x) => s + x, 0) / 256);
    // Untrained, both labels give the same grey; trained, every black image is dark and every white one light.
    expect(means(untrained).every((m) => Math.abs(m) < 0.5)).toBe(true);
    means(trained).forEach((m, k) => (labels[k] ? expect(m).toBeGreaterThan(0.5) : expect(m).toBeLessThan(-0.5)));
    t.dispose();
  });
});
