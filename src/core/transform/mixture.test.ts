import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
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

  it('is not blown wide by one extreme value', () => {
    const rng = new Rng(3);
    const values = [...Array.from({ length: 999 }, () => rng.int(101)), 1e9];
    const fit = fitMixture(values, new Rng(4));
    expect(fit.means.every((m) => m > 0 && m < 100)).toBe(true);
    expect(Math.max(...fit.stds)).toBeLessThan(50);
  });

  it('fits repeated values (whole-number ages) by their counts', () => {
    const rng = new Rng(3);
    const ages = Array.from({ length: 5000 }, () => Math.round(rng.next() < 0.7 ? 25 + 2 * rng.normal() : 60 + 3 * rng.normal()));
    const mix = fitMixture(ages, new Rng(4));
    const young = mix.means.map((m, j) => (m < 40 ? mix.weights[j] : 0)).reduce((a, b) => a + b, 0);
    expect(Math.abs(young - 0.7)).toBeLessThan(0.03);
    const heaviest = (lo: number, hi: number) => mix.means.filter((m) => m > lo && m < hi);
    expect(heaviest(20, 30).length).toBeGreaterThan(0);
    expect(heaviest(55, 65).length).toBeGreaterThan(0);
    expect(mix.means.every((m) => m > 10 && m < 80)).toBe(true);
  });
});
