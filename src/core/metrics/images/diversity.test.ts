import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng';
import { diversity } from './diversity';

describe('diversity', () => {
  const d = 8;
  const labelOf = Int32Array.from({ length: 300 }, (_, i) => i % 3);
  const real = { features: new Rng(1).normals(300 * d), labelOf };

  it('is near 1 for a sample as varied as the real images and 0 for one image repeated', () => {
    const same = diversity({ features: new Rng(2).normals(300 * d), labelOf }, real, d, 3);
    expect(same.ratio).toBeGreaterThan(0.9);
    expect(same.ratio).toBeLessThan(1.1);
    const one = new Float32Array(300 * d);
    for (let i = 0; i < 300; i++) one.set(real.features.subarray(0, d), i * d);
    expect(diversity({ features: one, labelOf }, real, d, 3).ratio).toBe(0);
  });

  it('finds the one label that collapsed', () => {
    const features = new Rng(3).normals(300 * d);
    for (let i = 1; i < 300; i += 3) features.fill(0.5, i * d, (i + 1) * d);
    const result = diversity({ features, labelOf }, real, d, 3);
    expect(result.perLabel.map((l) => l.ratio! > 0.9)).toEqual([true, false, true]);
    expect(result.perLabel[1].ratio).toBe(0);
    expect(result.ratio).toBeGreaterThan(0.6);
    expect(result.ratio).toBeLessThan(0.7);
  });

  it('leaves out labels with fewer than two images a side', () => {
    const result = diversity({ features: real.features.slice(0, 2 * d), labelOf: Int32Array.from([0, 0]) }, real, d, 3);
    expect(result.perLabel.map((l) => l.synthetic === null)).toEqual([false, true, true]);
    expect(result.perLabel.map((l) => l.ratio === null)).toEqual([false, true, true]);
    expect(result.ratio).toBe(result.perLabel[0].ratio);
  });
});
