import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawShapes } from './drawShapes';
import { trainImageClassifier } from './imageClassifier';
import { imageReport } from './imageReport';
import { makeImageJudge } from './judge';
import { splitImages, subsetImages } from './split';

// Seeds the full report cannot judge in full: one label, or almost nothing held out.
describe('imageReport on small and one-label seeds', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('with one label, leaves label accuracy out and says why, and still measures the rest', async () => {
    const { train, heldOut } = splitImages(drawShapes({ perLabel: 120, size: 16, shapes: ['corner'], seed: 8 }), 0.2, 1);
    const classifier = await trainImageClassifier(train, heldOut, { epochs: 2 });
    const fresh = drawShapes({ perLabel: 60, size: 16, shapes: ['corner'], seed: 9 });
    const report = await imageReport(train, heldOut, fresh, classifier);
    expect(report.classifier.task).toBe('rotations');
    expect(report.figures.map((f) => f.key)).toEqual(['kid', 'diversity', 'closePixels', 'closeFeatures']);
    expect(report.verdicts.at(-1)).toMatch(/one label, so label accuracy is left out/);
    expect(report.labels).toEqual([{ label: 'corner', real: null, synthetic: null, heldOut: 24, generated: 60, diversity: report.diversity!.ratio }]);
    const judge = await makeImageJudge(classifier, heldOut);
    // No label term: only the KID share, between −1 and 0.
    const score = await judge(fresh.pixels, fresh.labelOf);
    expect(score).toBeLessThanOrEqual(0);
    expect(score).toBeGreaterThan(-0.5);
    classifier.dispose();
  });

  it('with too few held-out images, reports label accuracy and leaves the rest out', async () => {
    const set = drawShapes({ perLabel: 4, size: 16, shapes: ['dot', 'ring'], seed: 10 });
    const { train, heldOut } = splitImages(set, 0.2, 1);
    expect(heldOut.count).toBe(2);
    const classifier = await trainImageClassifier(train, heldOut, { epochs: 1 });
    const report = await imageReport(train, heldOut, subsetImages(set, [0, 1, 2, 3, 4]), classifier);
    expect(report.figures.map((f) => f.key)).toEqual(['labelAccuracy']);
    expect(report.kid).toBeNull();
    expect(report.memorisation).toBeNull();
    expect(report.verdicts.at(-1)).toMatch(/need at least 4 held-out/);
    const judge = await makeImageJudge(classifier, heldOut);
    const score = await judge(set.pixels, set.labelOf);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
    classifier.dispose();
  });
});
