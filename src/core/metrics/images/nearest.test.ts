import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng';
import { closestPairs, memorisation } from './memorisation';
import { exactDistance, nearestNeighbours } from './nearest';

describe('nearestNeighbours', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('finds what a brute-force search finds, in batches, and frees its tensors', async () => {
    const dim = 1024;
    const rng = new Rng(3);
    const reference = rng.uniforms(300 * dim);
    const query = rng.uniforms(70 * dim);
    const before = tf.memory().numTensors;
    const found = await nearestNeighbours(query, reference, dim, 32);
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 70; i++) {
      let best = Infinity;
      let at = -1;
      for (let j = 0; j < 300; j++) {
        const d = exactDistance(query, i, reference, j, dim);
        if (d < best) [best, at] = [d, j];
      }
      expect(found.index[i]).toBe(at);
      expect(found.distance[i]).toBeCloseTo(best, 4);
    }
  });

  it('puts an exact copy at distance 0, however large the pixel values', async () => {
    const dim = 3072;
    const reference = new Rng(4).uniforms(50 * dim).map((v) => 2 * v - 1);
    const query = reference.slice(17 * dim, 20 * dim);
    const found = await nearestNeighbours(query, reference, dim);
    expect([...found.index]).toEqual([17, 18, 19]);
    expect([...found.distance]).toEqual([0, 0, 0]);
  });
});

describe('memorisation', () => {
  it('counts samples nearer than the 5th percentile of held-out distances', () => {
    const heldOut = Float32Array.from({ length: 100 }, (_, i) => 10 + i); // 10…109: 5th percentile 14
    const synthetic = Float32Array.from([0, 5, 14, 15, 50, 80, 90, 100, 120, 130]);
    const m = memorisation(synthetic, heldOut)!;
    expect(m.threshold).toBe(14);
    expect(m.heldOutRate).toBe(0.05);
    expect(m.syntheticRate).toBe(0.3);
    expect(m.above).toBe(true);
    expect(m.median).toEqual({ synthetic: 65, heldOut: 59.5 });
    expect(memorisation(Float32Array.from([20, 30]), heldOut)!.above).toBe(false);
  });

  it('counts ties as close on both sides, so a seed full of duplicates does not read as copying', () => {
    const heldOut = Float32Array.from({ length: 20 }, (_, i) => (i < 4 ? 0 : i));
    const m = memorisation(new Float32Array(20).fill(0).fill(9, 4), heldOut)!;
    expect(m.threshold).toBe(0);
    expect(m.heldOutRate).toBe(0.2);
    expect(m.syntheticRate).toBe(0.2);
    expect(m.above).toBe(false);
  });

  it('keeps the closest pairs, nearest first', () => {
    const pairs = closestPairs({ index: Int32Array.from([4, 7, 1, 2]), distance: Float32Array.from([3, 0, 2, 0]) }, 3);
    expect(pairs).toEqual([
      { synthetic: 1, training: 7, distance: 0 },
      { synthetic: 3, training: 2, distance: 0 },
      { synthetic: 2, training: 1, distance: 2 },
    ]);
  });
});
