import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSet } from '../../data/images/imageSet';
import { Rng } from '../../util/rng';
import { drawShapes } from './drawShapes';
import { trainImageClassifier, type ImageClassifier } from './imageClassifier';
import { imageReport, type SyntheticImages } from './imageReport';
import { makeImageJudge } from './judge';
import { subsetImages, splitImages } from './split';

// One seed of ten drawn shapes, split and judged by one classifier; "fresh" images are new
// draws from the same process, what a perfect generator would make.
let train: ImageSet;
let heldOut: ImageSet;
let fresh: ImageSet;
let classifier: ImageClassifier;
const area = 32 * 32;

function noise(count: number, seed: number): SyntheticImages {
  const pixels = new Rng(seed).uniforms(count * area).map((v) => 2 * v - 1);
  return { pixels, labelOf: Int32Array.from({ length: count }, (_, i) => i % 10) };
}

describe('imageReport and the image judge, on the CPU backend', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    ({ train, heldOut } = splitImages(drawShapes({ perLabel: 100, size: 32, seed: 1 }), 0.2, 1));
    fresh = drawShapes({ perLabel: 50, size: 32, seed: 99 });
    classifier = await trainImageClassifier(train, heldOut);
  });
  afterAll(() => classifier?.dispose());

  it('scores fresh draws like real images: accuracy as held-out, KID near the floor, variety near 1, copying near 5 %', async () => {
    const before = tf.memory().numTensors;
    const report = await imageReport(train, heldOut, fresh, classifier);
    expect(tf.memory().numTensors).toBe(before);
    // Plain data: what crosses to the page survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const real = classifier.heldOutAccuracy!;
    expect(real).toBeGreaterThan(0.85);
    const figure = (key: string) => report.figures.find((f) => f.key === key)!;
    const generated = report.labels.reduce((t, l) => t + l.synthetic! * l.generated, 0) / fresh.count;
    expect(Math.abs(generated - real)).toBeLessThan(0.06);
    expect(figure('labelAccuracy').value).toBeGreaterThan(0.9);
    expect(report.labels.map((l) => l.heldOut)).toEqual(new Array(10).fill(20));
    // Both near 0 up to noise: the classifier sees training and new images alike.
    expect(Math.abs(report.kid!.realFloor.mean)).toBeLessThan(2 * report.kid!.realFloor.std);
    expect(figure('kid').value).toBeLessThan(2);
    expect(report.diversity!.ratio).toBeGreaterThan(0.8);
    expect(report.diversity!.ratio).toBeLessThan(1.25);
    for (const space of ['pixels', 'features'] as const) {
      expect(report.memorisation![space].heldOutRate).toBeCloseTo(0.05, 2);
      expect(report.memorisation![space].syntheticRate).toBeGreaterThan(0.01);
      expect(report.memorisation![space].syntheticRate).toBeLessThan(0.12);
    }
    expect(report.figures.every((f) => f.flag === 'ok')).toBe(true);
    expect(report.serious).toEqual([]);
    expect(report.verdicts[0]).toMatch(/^Generated images read as their label \d+ % of the time \(real: \d+ %\)/);
  });

  it('gives images under shuffled labels chance accuracy', async () => {
    const shuffled = new Rng(5).shuffle(Int32Array.from(fresh.labelOf));
    const report = await imageReport(train, heldOut, { pixels: fresh.pixels, labelOf: shuffled }, classifier, { pairs: 0 });
    const synthetic = report.labels.reduce((t, l) => t + l.synthetic! * l.generated, 0) / fresh.count;
    expect(synthetic).toBeGreaterThan(0.03);
    expect(synthetic).toBeLessThan(0.2);
    expect(report.figures[0].flag).toBe('bad');
  });

  it('puts noise far from real images, many times the real-vs-real floor', async () => {
    const report = await imageReport(train, heldOut, noise(500, 6), classifier);
    const kid = report.figures.find((f) => f.key === 'kid')!;
    expect(kid.value).toBeGreaterThan(20);
    expect(kid.flag).toBe('bad');
    expect(report.kid!.synthetic.mean).toBeGreaterThan(10 * report.kid!.synthetic.std);
  });

  it('finds training images handed back as samples: every one close, pairs at distance 0', async () => {
    const copies = subsetImages(train, Int32Array.from({ length: 300 }, (_, i) => 2 * i + 1));
    const report = await imageReport(train, heldOut, copies, classifier, { pairs: 5 });
    expect(report.memorisation!.pixels.syntheticRate).toBe(1);
    expect(report.memorisation!.features.syntheticRate).toBe(1);
    expect(report.memorisation!.pixels.above).toBe(true);
    expect(report.closestPairs).toHaveLength(5);
    for (const pair of report.closestPairs) {
      expect(pair.pixelDistance).toBe(0);
      expect(pair.featureDistance).toBeLessThan(1e-4);
      expect(pair.training).toBe(2 * pair.synthetic + 1);
      expect(pair.trainingName).toBe(train.names[pair.training]);
    }
    expect(report.serious.some((s) => s.includes('copied'))).toBe(true);
  });

  it('calls one image per label repeated a collapse', async () => {
    const firsts = Array.from({ length: 10 }, (_, label) => heldOut.labelOf.indexOf(label));
    const repeated = subsetImages(heldOut, Array.from({ length: 200 }, (_, i) => firsts[i % 10]));
    const report = await imageReport(train, heldOut, repeated, classifier);
    expect(report.diversity!.ratio).toBe(0);
    expect(report.figures.find((f) => f.key === 'diversity')!.flag).toBe('bad');
    expect(report.serious.some((s) => s.includes('mode collapse'))).toBe(true);
  });

  it('judges real images above noise, in well under a second a call', async () => {
    const judge = await makeImageJudge(classifier, heldOut);
    const real = await judge(fresh.pixels, fresh.labelOf);
    const started = performance.now();
    const random = noise(256, 7);
    const noisy = await judge(random.pixels, random.labelOf);
    const seconds = (performance.now() - started) / 1000;
    expect(real).toBeGreaterThan(0.8);
    expect(noisy).toBeLessThan(0);
    expect(await judge(fresh.pixels, fresh.labelOf)).toBe(real);
    expect(seconds).toBeLessThan(1);
    // The same images in label order: the judge spreads its picks, so every label is judged.
    const sorted = subsetImages(fresh, [...fresh.labelOf.keys()].sort((a, b) => fresh.labelOf[a] - fresh.labelOf[b]));
    expect(await judge(sorted.pixels, sorted.labelOf)).toBeGreaterThan(real - 0.05);
  });
});
