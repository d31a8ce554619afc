import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { InputError } from '../util/errors';
import { ImageModel, INTERPOLATION_STEPS, type ImageSnapshot } from './imageModel';
import { blackAndWhite, tinyImageConfig } from './imageTestModels';

const set = blackAndWhite(40);
const config = tinyImageConfig(set, { epochs: 3 });
const PIXELS = 16 * 16;
// 25 steps an epoch: the loop judges every epoch from 25 steps on (fewer are judged every few).
const judgedSet = blackAndWhite(50);
const judgedConfig = { ...config, batchSize: 2 };

async function generated(model: ImageModel, count: number, options: { label?: number; chunk?: number } = {}) {
  const images = new Float32Array(count * PIXELS);
  const labelOf = new Int32Array(count);
  const firsts: number[] = [];
  await model.generate(count, {
    ...options,
    onChunk: (chunk, labels, first) => {
      images.set(chunk, first * PIXELS);
      labelOf.set(labels, first);
      firsts.push(first);
    },
  });
  return { images, labelOf, firsts };
}

describe('ImageModel', () => {
  beforeAll(async () => {
    installKernels();
    await tf.setBackend('cpu');
  });

  it('plans a run from the set and refuses settings that are not the images\'', () => {
    const plan = ImageModel.plan({ ...config, epochs: 'auto' }, 2000);
    expect(plan.batch).toBe(16);
    expect(plan.stepsPerEpoch).toBe(125);
    expect(plan.steps).toBe(plan.epochs * plan.stepsPerEpoch);
    expect(ImageModel.plan(config, 40).epochs).toBe(3);
    expect(() => new ImageModel(set, { ...config, size: 32 })).toThrow(/not the images'/);
  });

  it('trains through the shared loop: progress, a judged snapshot per epoch, the best epoch kept', async () => {
    const scores = [0.2, 0.5, 0.45];
    const judged: number[] = [];
    const model = new ImageModel(judgedSet, judgedConfig, async (images, labelOf) => {
      expect(images.length).toBe(labelOf.length * PIXELS);
      judged.push(labelOf.length);
      return scores[judged.length - 1];
    });
    const epochs: ImageSnapshot[] = [];
    let progress = 0;
    expect(await model.train(3, { onProgress: () => progress++, onEpoch: (s) => epochs.push(s), readEvery: 1 })).toBe('done');
    expect(model.epochs).toBe(3);
    expect(progress).toBe(3 * model.stepsPerEpoch);
    expect(epochs.map((s) => [s.epoch, s.score, s.best.epoch])).toEqual([[1, 0.2, 1], [2, 0.5, 2], [3, 0.45, 2]]);
    const last = epochs[2];
    expect([last.size, last.channels, last.perLabel]).toEqual([16, 1, 8]);
    expect(last.grid.length).toBe(2 * 8 * PIXELS);
    expect(last.interpolation.length).toBe(INTERPOLATION_STEPS * PIXELS);
    // The live view is the same noise every time: the same state gives the same grid.
    expect((await model.snapshot(3)).grid).toEqual(last.grid);
    // Generation uses the kept epoch (2), not the last one.
    const saved = await model.save();
    expect(saved.manifest.trainer.kept).toBe(true);
    model.dispose();
  });

  it('stops when told, and shows every epoch without a judge while keeping none', async () => {
    const model = new ImageModel(judgedSet, judgedConfig);
    const epochs: ImageSnapshot[] = [];
    let steps = 0;
    const control = { stopped: () => steps >= 30, resume: async () => undefined };
    expect(await model.train(5, { control, onProgress: () => steps++, onEpoch: (s) => epochs.push(s), readEvery: 1 })).toBe('stopped');
    expect(epochs.map((s) => [s.epoch, s.score, s.best])).toEqual([[1, null, { epoch: 1, score: 0 }]]);
    expect((await model.save()).manifest.trainer.kept).toBe(false);
    model.dispose();
  });

  it('generates the same images whatever the chunk size; a fixed label, or labels by the seed\'s shares', async () => {
    const uneven = { ...set, labelOf: set.labelOf.map((_, i) => (i % 4 === 0 ? 1 : 0)) };
    const model = new ImageModel(uneven, config);
    await model.train(1);
    const a = await generated(model, 400, { chunk: 64 });
    const b = await generated(model, 400, { chunk: 1000 });
    expect(a.firsts.slice(0, 3)).toEqual([0, 64, 128]);
    expect(a.images).toEqual(b.images);
    expect(a.labelOf).toEqual(b.labelOf);
    const white = a.labelOf.reduce((s, l) => s + l, 0) / 400;
    expect(white).toBeGreaterThan(0.17);
    expect(white).toBeLessThan(0.33);
    const fixed = await generated(model, 10, { label: 1 });
    expect(fixed.labelOf.every((l) => l === 1)).toBe(true);
    await expect(model.generate(1, { label: 2, onChunk: () => undefined })).rejects.toThrow(InputError);
    model.dispose();
  });

  it('saves and loads: the loaded model generates the same images but cannot train', async () => {
    const model = new ImageModel(set, config, async () => 1);
    await model.train(2);
    const { manifest, weights } = await model.save();
    expect(manifest.kind).toBe('images');
    expect(manifest.labels).toEqual(['black', 'white']);
    const expected = await generated(model, 20);
    const loaded = ImageModel.load(JSON.parse(JSON.stringify(manifest)), weights.slice(0));
    expect(loaded.epochs).toBe(2);
    expect(loaded.plannedEpochs).toBe(3);
    expect(await generated(loaded, 20)).toEqual(expected);
    await expect(loaded.train(1)).rejects.toThrow(/cannot train/);
    expect(() => ImageModel.load({ ...manifest, kind: 'tabular' }, weights)).toThrow(/not a saved image model/);
    model.dispose();
    loaded.dispose();
  });

  it('resumes a saved run over its images as if never stopped', async () => {
    const straight = new ImageModel(set, config);
    await straight.train(2);
    const first = new ImageModel(set, config);
    await first.train(1);
    const { manifest, weights } = await first.save();
    first.dispose();
    const resumed = ImageModel.resume(set, manifest, weights);
    await resumed.train(1);
    expect(resumed.epochs).toBe(2);
    expect(await generated(resumed, 12)).toEqual(await generated(straight, 12));
    straight.dispose();
    resumed.dispose();
  });
});
