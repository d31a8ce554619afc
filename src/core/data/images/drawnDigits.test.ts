import { describe, expect, it } from 'vitest';
import { imageAt } from './imageSet';
import { drawDigits } from './drawnDigits';

const distance = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);

describe('drawDigits', () => {
  it('draws the same images for the same seed, and others for another', () => {
    const a = drawDigits(40, 32, 7);
    expect(drawDigits(40, 32, 7)).toEqual(a);
    expect(drawDigits(40, 32, 8).pixels).not.toEqual(a.pixels);
    expect(a).toMatchObject({ size: 32, channels: 1, count: 40, labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(a.pixels).toHaveLength(40 * 32 * 32);
    expect(Array.from(a.labelOf.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(a.names.slice(9, 11)).toEqual(['9/9_00001.png', '0/0_00002.png']);
    expect(Math.min(...a.pixels)).toBe(-1);
    expect(Math.max(...a.pixels)).toBe(1);
  });

  it('draws ten digits that differ from each other more than among themselves', () => {
    const set = drawDigits(500, 16, 1);
    const n = 16 * 16;
    const means = Array.from({ length: 10 }, () => new Float32Array(n));
    for (let i = 0; i < set.count; i++) imageAt(set, i).forEach((v, p) => (means[set.labelOf[i]][p] += v / 50));
    for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) expect(distance(means[a], means[b])).toBeGreaterThan(5);
    // No two images are copies.
    for (let i = 10; i < 20; i++) expect(distance(imageAt(set, i), imageAt(set, i - 10))).toBeGreaterThan(1);
  });

  it('can be told apart: nearest neighbour on pixels labels held-out digits well', () => {
    const set = drawDigits(1200, 16, 2);
    const train = 1000;
    let right = 0;
    for (let i = train; i < set.count; i++) {
      let best = 0;
      let nearest = Infinity;
      for (let j = 0; j < train; j++) {
        const d = distance(imageAt(set, i), imageAt(set, j));
        if (d < nearest) [nearest, best] = [d, j];
      }
      if (set.labelOf[best] === set.labelOf[i]) right++;
    }
    expect(right / (set.count - train)).toBeGreaterThan(0.9);
  });
});
