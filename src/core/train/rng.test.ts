import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

function moments(xs: Float32Array): { mean: number; variance: number } {
  let sum = 0;
  let sq = 0;
  for (const x of xs) {
    sum += x;
    sq += x * x;
  }
  const mean = sum / xs.length;
  return { mean, variance: sq / xs.length - mean * mean };
}

describe('Rng', () => {
  it('repeats its streams for a seed', () => {
    expect(new Rng(3).normals(7)).toEqual(new Rng(3).normals(7));
    expect(new Rng(3).uniforms(7)).toEqual(new Rng(3).uniforms(7));
    expect(new Rng(3).normals(7)).not.toEqual(new Rng(4).normals(7));
  });

  it('draws standard normals in bulk, odd counts included', () => {
    const xs = new Rng(1).normals(200_001);
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeCloseTo(1, 1);
    // About 4.55% of a standard normal lies beyond ±2.
    const tails = xs.filter((x) => Math.abs(x) > 2).length / xs.length;
    expect(tails).toBeCloseTo(0.0455, 2);
  });

  it('keeps bulk uniforms inside [lo, 1 - lo]', () => {
    const xs = new Rng(2).uniforms(100_000, 0.1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(0.9);
    expect(moments(xs).mean).toBeCloseTo(0.5, 2);
  });
});
