import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../data/table';
import { inferSchema } from '../data/schema';
import { columnShapes, ksStatistic, totalVariation } from './fidelity';

describe('fidelity metrics', () => {
  it('computes KS by hand-checked values', () => {
    expect(ksStatistic(Float64Array.from([1, 2, 3, 4]), Float64Array.from([1, 2, 3, 4]))).toBe(0);
    // After 2: F_a = 0.5, F_b = 0 → 0.5.
    expect(ksStatistic(Float64Array.from([1, 2, 3, 4]), Float64Array.from([3, 4, 5, 6]))).toBe(0.5);
    expect(ksStatistic(Float64Array.from([1, 2]), Float64Array.from([5, 6]))).toBe(1);
    expect(ksStatistic(Float64Array.from([]), Float64Array.from([5]))).toBe(1);
  });

  it('counts missing cells in KS as a mass below every value', () => {
    // Real 1, 2, –, –; synthetic 1, 2, 3, –: F starts at 0.5 against 0.25, and stays 0.25 apart until 3.
    expect(ksStatistic(Float64Array.from([1, 2]), Float64Array.from([1, 2, 3]), 4, 4)).toBeCloseTo(0.25);
    // Same missing share, same values: no difference.
    expect(ksStatistic(Float64Array.from([1, 2]), Float64Array.from([1, 1, 2, 2]), 4, 8)).toBe(0);
    // Same missing share halves the difference in values: (1 − 0.5) × 1.
    expect(ksStatistic(Float64Array.from([1]), Float64Array.from([5]), 2, 2)).toBeCloseTo(0.5);
    expect(ksStatistic(Float64Array.from([]), Float64Array.from([]), 3, 2)).toBe(0);
    // Two notes traded for each other: the same missing-or-note mass, a quarter moved between notes.
    expect(ksStatistic(Float64Array.from([1, 2]), Float64Array.from([1, 2]), 4, 4, [[2, 0], [1, 1]])).toBeCloseTo(0.25);
    expect(ksStatistic(Float64Array.from([1, 2]), Float64Array.from([1, 2]), 4, 4, [[1, 1], [1, 1]])).toBe(0);
  });

  it('computes TVD with missing as a category', () => {
    expect(totalVariation(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'])).toBeCloseTo(0.25);
    expect(totalVariation(['a', null], ['a', 'a'])).toBeCloseTo(0.5);
  });

  it('averages per-column scores over modelled columns', () => {
    const real = tableFromColumns(['n', 'c'], [['1.5', '2.5', '3.5', '4.5'], ['x', 'x', 'y', 'y']]);
    const synth = tableFromColumns(['n', 'c'], [['3.5', '4.5', '5.5', '6.5'], ['x', 'y', 'y', 'y']]);
    const report = columnShapes(real, synth, inferSchema(real));
    expect(report.columns.map((c) => c.score)).toEqual([0.5, 0.75]);
    expect(report.score).toBeCloseTo(0.625);
  });

  it('tells notes among the numbers apart', () => {
    // 10 "<0.5" and 5 "not tested" among 40; swapped, the first note's mass falls by 5/40.
    const real = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? '<0.5' : i % 8 === 1 ? 'not tested' : String(1 + (i % 7))));
    const swapped = real.map((v) => (v === '<0.5' ? 'not tested' : v === 'not tested' ? '<0.5' : v));
    const schema = inferSchema(tableFromColumns(['crp'], [real]));
    expect(schema[0].notes).toEqual(['<0.5', 'not tested']);
    expect(columnShapes(tableFromColumns(['crp'], [real]), tableFromColumns(['crp'], [real]), schema).score).toBe(1);
    expect(columnShapes(tableFromColumns(['crp'], [real]), tableFromColumns(['crp'], [swapped]), schema).score).toBeCloseTo(1 - 5 / 40);
  });
});
