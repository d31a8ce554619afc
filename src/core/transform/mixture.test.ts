import { describe, expect, it } from 'vitest';
import { Rng } from '../train/rng';
import { fitMixture } from './mixture';

describe('fitMixture', () => {
  it('recovers the modes of a known three-mode mixture and drops the unused ones', () => {
    const rng = new Rng(1);
    const truth = [
      { weight: 0.5, mean: -10, std: 1 },
      { weight: 0.3, mean: 5, std: 0.5 },
      { weight: 0.2, mean: 30, std: 3 },
    ];
    const values = Array.from({ length: 6000 }, () => {
      const u = rng.next();
      const m = u < 0.5 ? truth[0] : u < 0.8 ? truth[1] : truth[2];
      return m.mean + m.std * rng.normal();
    });
    const mix = fitMixture(values, new Rng(2));
    expect(mix.means.length).toBe(3);
    mix.means.forEach((mean, j) => {
      expect(mean).toBeCloseTo(truth[j].mean, 0);
      expect(mix.stds[j]).toBeGreaterThan(truth[j].std * 0.85);
      expect(mix.stds[j]).toBeLessThan(truth[j].std * 1.15);
      expect(Math.abs(mix.weights[j] - truth[j].weight)).toBeLessThan(0.03);
    });
  });
});
