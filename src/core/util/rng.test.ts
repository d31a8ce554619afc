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
    // Shares of a standard normal beyond ±0.5, ±1, ±2, ±3 and the ziggurat's tail start (3.44).
    const beyond = (z: number) => xs.filter((x) => Math.abs(x) > z).length / xs.length;
    expect(beyond(0.5)).toBeCloseTo(0.6171, 2);
    expect(beyond(1)).toBeCloseTo(0.3173, 2);
    expect(beyond(2)).toBeCloseTo(0.0455, 2);
    expect(beyond(3)).toBeCloseTo(0.0027, 3);
    expect(beyond(3.5)).toBeGreaterThan(0.0002);
    expect(beyond(3.5)).toBeLessThan(0.0007);
    // Both signs, evenly, at every scale.
    expect(xs.filter((x) => x > 1).length / xs.length).toBeCloseTo(0.1587, 2);
    expect(xs.filter((x) => x < -3).length / xs.length).toBeCloseTo(0.00135, 3);
  });

  it('draws masks of a value with the given probability, four to a 32-bit draw', () => {
    const mask = new Rng(6).bernoulli(100_001, 0.25, 4);
    expect(new Set(mask)).toEqual(new Set([0, 4]));
    expect(mask.filter((x) => x === 4).length / mask.length).toBeCloseTo(0.25, 2);
    // Neighbours (bytes of one draw) are independent: P(both kept) = p².
    let both = 0;
    for (let i = 0; i + 1 < mask.length; i += 2) if (mask[i] && mask[i + 1]) both++;
    expect(both / (mask.length >> 1)).toBeCloseTo(0.0625, 2);
    expect(new Rng(6).bernoulli(10, 0.5, 2)).toEqual(new Rng(6).bernoulli(10, 0.5, 2));
  });

  it('draws an index within a range in proportion to its weights', () => {
    const weights = [5, 1, 3, 0, 1, 7];
    const counts = [0, 0, 0, 0, 0, 0];
    const rng = new Rng(8);
    for (let i = 0; i < 50_000; i++) counts[rng.draw(weights, 1, 5, 5)]++;
    expect(counts[0] + counts[5] + counts[3]).toBe(0);
    expect(counts[1] / 50_000).toBeCloseTo(0.2, 2);
    expect(counts[2] / 50_000).toBeCloseTo(0.6, 2);
    expect(counts[4] / 50_000).toBeCloseTo(0.2, 2);
  });

  it('keeps bulk uniforms inside [lo, 1 - lo]', () => {
    const xs = new Rng(2).uniforms(100_000, 0.1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(0.9);
    expect(moments(xs).mean).toBeCloseTo(0.5, 2);
  });

  it('draws standard Gumbel values (mean γ, variance π²/6)', () => {
    const xs = new Rng(5).gumbels(200_001);
    const { mean, variance } = moments(xs);
    expect(mean).toBeCloseTo(0.5772, 2);
    expect(variance).toBeCloseTo(Math.PI ** 2 / 6, 1);
    expect(xs.every(Number.isFinite)).toBe(true);
  });
});
