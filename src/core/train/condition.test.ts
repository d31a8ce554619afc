import { describe, expect, it } from 'vitest';
import { trainingWeights } from './condition';

const lists = (...sizes: number[]) => sizes.map((n) => new Int32Array(n));

describe('trainingWeights', () => {
  it('draws slots by log-frequency, and never an empty one', () => {
    expect(trainingWeights(lists(3, 0, 7), -1)).toEqual([Math.log(4), 0, Math.log(8)]);
  });

  it('keeps the seed share of the missing slot and log-frequency among the rest', () => {
    const w = trainingWeights(lists(3, 1, 6), 2);
    const total = w[0] + w[1] + w[2];
    // 6 of 10 rows are missing, so 60 % of draws are.
    expect(w[2] / total).toBeCloseTo(0.6);
    expect(w[0] / w[1]).toBeCloseTo(Math.log(4) / Math.log(2));
  });

  it('leaves a rare missing slot its log-frequency boost', () => {
    expect(trainingWeights(lists(50, 40, 2), 2)).toEqual([Math.log(51), Math.log(41), Math.log(3)]);
  });

  it('leaves a span with no missing rows as it is', () => {
    expect(trainingWeights(lists(5, 5, 0), 2)).toEqual([Math.log(6), Math.log(6), 0]);
  });
});
