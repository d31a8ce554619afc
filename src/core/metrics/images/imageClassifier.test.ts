import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawShapes } from './drawShapes';
import { trainImageClassifier } from './imageClassifier';
import { splitImages } from './split';

describe('trainImageClassifier on the CPU backend', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('learns ten shapes well above chance, and frees every tensor on dispose', async () => {
    const { train, heldOut } = splitImages(drawShapes({ perLabel: 50, size: 32, seed: 2 }), 0.2, 1);
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    const classifier = await trainImageClassifier(train, heldOut, { onEpoch: (_, loss) => losses.push(loss) });
    expect(classifier.task).toBe('labels');
    expect(losses).toHaveLength(4);
    expect(losses[3]).toBeLessThan(losses[0] / 2);
    // Chance is 10 %.
    expect(classifier.heldOutAccuracy).toBeGreaterThan(0.8);
    expect(classifier.taskAccuracy).toBe(classifier.heldOutAccuracy);
    const { features, predicted, count } = await classifier.embed(heldOut.pixels);
    expect(count).toBe(heldOut.count);
    expect(features).toHaveLength(heldOut.count * 64);
    expect(features.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    expect(await classifier.predict(heldOut.pixels)).toEqual(predicted);
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains the same weights from the same seed, other weights from another', async () => {
    const { train, heldOut } = splitImages(drawShapes({ perLabel: 20, size: 16, shapes: ['dot', 'ring', 'plus'], seed: 3 }), 0.2, 1);
    const featuresAfter = async (seed: number) => {
      const classifier = await trainImageClassifier(train, heldOut, { epochs: 2, seed });
      const features = await classifier.features(heldOut.pixels);
      classifier.dispose();
      return features;
    };
    const a = await featuresAfter(7);
    expect(await featuresAfter(7)).toEqual(a);
    expect(await featuresAfter(8)).not.toEqual(a);
  });

  it('with one label, learns which way up an image is and gives features but no label accuracy', async () => {
    const { train, heldOut } = splitImages(drawShapes({ perLabel: 250, size: 16, shapes: ['corner'], seed: 4 }), 0.2, 1);
    const classifier = await trainImageClassifier(train, heldOut, { epochs: 4 });
    expect(classifier.task).toBe('rotations');
    expect(classifier.heldOutAccuracy).toBeNull();
    // Chance is 25 %: a corner's turn shows in where its strokes are.
    expect(classifier.taskAccuracy).toBeGreaterThan(0.6);
    const { features, predicted } = await classifier.embed(heldOut.pixels);
    expect(features).toHaveLength(heldOut.count * 64);
    expect(predicted.every((l) => l === 0)).toBe(true);
    classifier.dispose();
  });

  it('takes colour images at 64 px and refuses a side that is not a multiple of 8', async () => {
    const { train, heldOut } = splitImages(drawShapes({ perLabel: 6, size: 64, channels: 3, shapes: ['dot', 'ring'] }), 0.2, 1);
    const classifier = await trainImageClassifier(train, heldOut, { epochs: 1 });
    expect(await classifier.features(heldOut.pixels)).toHaveLength(heldOut.count * 64);
    classifier.dispose();
    await expect(trainImageClassifier({ ...train, size: 20 as 16 }, heldOut)).rejects.toThrow(/multiple of 8/);
  });
});
