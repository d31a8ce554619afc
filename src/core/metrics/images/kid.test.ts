import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng';
import { kernelInceptionDistance, kernelMatrix } from './kid';

/** `n` rows of `d` independent normals, each shifted by `shift` and scaled by `scale`. */
function gaussian(n: number, d: number, seed: number, shift = 0, scale = 1): Float32Array {
  const out = new Rng(seed).normals(n * d);
  for (let i = 0; i < out.length; i++) out[i] = shift + scale * out[i];
  return out;
}

describe('kernelInceptionDistance', () => {
  it('computes the polynomial kernel (xᵀy/d + 1)³', () => {
    const a = Float32Array.from([1, 2, 0, -1]);
    const b = Float32Array.from([3, 1]);
    // Rows (1, 2) · (3, 1) = 5 → (5/2 + 1)³; (0, −1) · (3, 1) = −1 → (−1/2 + 1)³.
    expect(Array.from(kernelMatrix(a, b, 2))).toEqual([3.5 ** 3, 0.5 ** 3]);
    const same = kernelMatrix(a, a, 2);
    expect(same[1]).toBe(same[2]);
  });

  it('is near 0 for two samples of one distribution and grows with their difference', () => {
    const d = 16;
    const x = gaussian(400, d, 1);
    const same = kernelInceptionDistance(x, gaussian(400, d, 2), d);
    const shifted = kernelInceptionDistance(x, gaussian(400, d, 3, 0.5), d);
    const far = kernelInceptionDistance(x, gaussian(400, d, 4, 1.5), d);
    // Unbiased: the same distribution is 0 up to its noise, which can go below 0.
    expect(Math.abs(same.mean)).toBeLessThan(3 * same.std + 0.01);
    expect(shifted.mean).toBeGreaterThan(20 * Math.abs(same.mean));
    expect(far.mean).toBeGreaterThan(5 * shifted.mean);
    expect(same.subsetSize).toBe(200);
  });

  it('averages over the unbiased estimates of many subsets, close to 0 on average', () => {
    const d = 8;
    const x = gaussian(2000, d, 5);
    const y = gaussian(2000, d, 6);
    const kid = kernelInceptionDistance(x, y, d, { subsets: 100, subsetSize: 100 });
    expect(kid.subsets).toBe(100);
    expect(kid.subsetSize).toBe(100);
    // A biased estimator (diagonal included) would sit near 2·E k(x, x)/m > 0.02 here.
    expect(Math.abs(kid.mean)).toBeLessThan(0.005);
    expect(kid.std).toBeGreaterThan(0);
  });

  it('is the same for the same seed, and draws at most half of the smaller side', () => {
    const x = gaussian(100, 4, 7);
    const y = gaussian(100, 4, 8, 0.2);
    const kid = kernelInceptionDistance(x, y, 4, { subsetSize: 80 });
    expect(kernelInceptionDistance(x, y, 4, { subsetSize: 80 })).toEqual(kid);
    expect(kid.subsetSize).toBe(50);
  });
});
