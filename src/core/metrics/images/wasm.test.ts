import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawShapes } from './drawShapes';
import { trainImageClassifier } from './imageClassifier';
import { nearestNeighbours } from './nearest';
import { splitImages } from './split';

// The classifier uses matrix products only, so it trains on WASM without a convolution
// filter gradient (which tfjs's WASM backend lacks) and without the kernel patches.
describe('the image classifier on the WASM backend', () => {
  beforeAll(() => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trains as on the CPU backend from the same seed', async () => {
    const { train, heldOut } = splitImages(drawShapes({ perLabel: 80, size: 32, shapes: ['hbar', 'vbar', 'dot', 'ring', 'plus', 'cross'], seed: 6 }), 0.2, 1);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const classifier = await trainImageClassifier(train, heldOut);
      const features = await classifier.features(heldOut.pixels);
      const nearest = await nearestNeighbours(heldOut.pixels, train.pixels, 32 * 32);
      const result = { accuracy: classifier.heldOutAccuracy!, features, nearest };
      classifier.dispose();
      return result;
    };
    const wasm = await run('wasm');
    const cpu = await run('cpu');
    expect(wasm.accuracy).toBeGreaterThan(0.8);
    expect(wasm.accuracy).toBe(cpu.accuracy);
    wasm.features.forEach((v, i) => expect(v).toBeCloseTo(cpu.features[i], 2));
    expect(wasm.nearest).toEqual(cpu.nearest);
  });
});
