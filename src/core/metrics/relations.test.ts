import { describe, expect, it } from 'vitest';
import type { ColumnKind, ColumnSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { pearson } from './pairs';
import { categoryMeanError, extremeShare, fixedCategoryMeanError, rareCategoryMeanError, shuffledBaseline } from './relations';

const column = (name: string, kind: ColumnKind): ColumnSchema => ({ name, kind, include: true, missingShare: 0, distinct: 0 });

describe('rare category mean error', () => {
  const schema = [column('c', 'categorical'), column('x', 'numeric')];
  // 39 rows of a at 0 and one of r (2.5 %) at 40: mean 1, sd √((39 · 1 + 39²) / 40) = √39.
  const real = tableFromColumns(['c', 'x'], [[...Array(39).fill('a'), 'r'], [...Array(39).fill('0'), '40']]);

  it('averages the gaps of categories under 5 % alone, unweighted, in real standard deviations', () => {
    const synth = tableFromColumns(['c', 'x'], [['a', 'a', 'r'], ['0', '0', '10']]);
    expect(rareCategoryMeanError(real, synth, schema)).toBeCloseTo(30 / Math.sqrt(39), 12);
    // No synthetic r: it counts as the synthetic mean, 2.
    expect(rareCategoryMeanError(real, tableFromColumns(['c', 'x'], [['a', 'a'], ['0', '4']]), schema)).toBeCloseTo(38 / Math.sqrt(39), 12);
  });

  it('is null when no category is rare', () => {
    const even = tableFromColumns(['c', 'x'], [['a', 'b'], ['1', '2']]);
    expect(rareCategoryMeanError(even, even, schema)).toBeNull();
  });
});

describe('category mean error', () => {
  const schema = [column('c', 'categorical'), column('x', 'numeric'), column('y', 'numeric')];
  const real = tableFromColumns(['c', 'x', 'y'], [['a', 'a', 'b', 'b'], ['1', '3', '5', '7'], ['10', '10', '10', '10']]);

  it('is 0 for identical tables', () => {
    // y is constant in the real rows: its pair is skipped, leaving (c, x) alone.
    const result = categoryMeanError(real, real, schema);
    expect(result.error).toBe(0);
    expect(result.pairs.map((p) => [p.category, p.value])).toEqual([['c', 'x']]);
  });

  it('weighs per-category mean gaps by real share, in real standard deviations', () => {
    // Real x: mean 4, sd √((9 + 1 + 1 + 9) / 4) = √5; a averages 2 and b 6, half the rows each.
    // Synthetic: a averages 2 (gap 0), b averages 10 (gap 4): 0.5 × 4 / √5.
    const synth = tableFromColumns(['c', 'x', 'y'], [['a', 'a', 'a', 'b'], ['1', '3', '2', '10'], ['1', '2', '3', '4']]);
    expect(categoryMeanError(real, synth, schema).error).toBeCloseTo(2 / Math.sqrt(5), 12);
    // No synthetic b: it counts as the synthetic mean 8, so 0.5 × |2 − 8| + 0.5 × |6 − 8| = 4.
    const noB = tableFromColumns(['c', 'x', 'y'], [['a', 'a'], ['8', '8'], ['1', '2']]);
    const result = categoryMeanError(real, noB, schema);
    expect(result.error).toBeCloseTo(4 / Math.sqrt(5), 12);
    expect(result.worst).toEqual({ category: 'c', value: 'x', error: result.error });
  });

  it('leaves out columns of more than 20 categories, and rows missing a value', () => {
    const many = Array.from({ length: 21 }, (_, i) => `k${i}`);
    const wide = tableFromColumns(['c', 'x'], [[...many, null], [...many.map((_, i) => String(i)), '99']]);
    expect(categoryMeanError(wide, wide, [column('c', 'categorical'), column('x', 'numeric')]).pairs).toEqual([]);
    // The row with no category (x = 99) is left out of the real rows, so synth matches them exactly.
    const narrow = tableFromColumns(['c', 'x'], [['a', 'b', null], ['1', '3', '99']]);
    const synth = tableFromColumns(['c', 'x'], [['a', 'b'], ['1', '3']]);
    expect(categoryMeanError(narrow, synth, [column('c', 'categorical'), column('x', 'numeric')]).error).toBe(0);
  });
});

describe('fixed category mean error', () => {
  const schema = [column('c', 'categorical'), column('d', 'categorical'), column('x', 'numeric')];
  // x: a averages 2 and b 6 (sd √5); d's groups average 4 alike.
  const real = tableFromColumns(['c', 'd', 'x'], [['a', 'a', 'b', 'b'], ['u', 'v', 'v', 'u'], ['1', '3', '5', '7']]);

  it("reads each fixed column's own pairs on its own rows, averaged over them", () => {
    // Rows fixed to c = a, then to c = b, whose x ignored the condition (4 for all): 0.5 × 2 + 0.5 × 2.
    const ignored = tableFromColumns(['c', 'd', 'x'], [['a', 'a', 'b', 'b'], ['u', 'u', 'u', 'u'], ['4', '4', '4', '4']]);
    // Rows fixed to d: its means are right; c's are off there but c was not fixed in them.
    const kept = tableFromColumns(['c', 'd', 'x'], [['a', 'a', 'a', 'a'], ['u', 'u', 'v', 'v'], ['4', '4', '4', '4']]);
    expect(fixedCategoryMeanError(real, [{ column: 'c', table: ignored }], schema)).toBeCloseTo(2 / Math.sqrt(5), 12);
    expect(fixedCategoryMeanError(real, [{ column: 'c', table: ignored }, { column: 'd', table: kept }], schema)).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(fixedCategoryMeanError(real, [], schema)).toBeNull();
  });
});

describe('shuffled baseline', () => {
  it('keeps every column’s values and destroys the relationship between columns', () => {
    const x = Array.from({ length: 1000 }, (_, i) => String(i));
    const table = { ...tableFromColumns(['x', 'y'], [x, [...x.slice(0, 999), null]]), delimiter: ';' };
    const shuffled = shuffledBaseline(table, new Rng(1));
    expect(shuffled.delimiter).toBe(';');
    const sorted = (values: (string | null)[]) => [...values].sort();
    expect(sorted(shuffled.columns[0])).toEqual(sorted(table.columns[0]));
    expect(sorted(shuffled.columns[1])).toEqual(sorted(table.columns[1]));
    const numbers = (values: (string | null)[]) => Float64Array.from(values, (v) => (v === null ? NaN : Number(v)));
    expect(pearson(numbers(table.columns[0]), numbers(table.columns[1]))).toBeCloseTo(1);
    expect(Math.abs(pearson(numbers(shuffled.columns[0]), numbers(shuffled.columns[1])))).toBeLessThan(0.1);
  });
});

describe('extreme share', () => {
  it('counts synthetic rows written as the seed’s extremes, less the seed’s own share', () => {
    const schema = [column('x', 'numeric'), column('y', 'numeric'), column('c', 'categorical')];
    // x: extremes 1 and 5, 2 of 5 seed rows (40%); y: extremes 10 (written two ways) and 30, 3 of 5 (60%).
    const real = tableFromColumns(['x', 'y', 'c'], [['1', '2', '3', '4', '5'], ['10', '20', '20', '30', '10.0'], ['a', 'a', 'a', 'a', 'a']]);
    // x: 4 of 8 synthetic rows (50%), +10 points; y: 1 of 8 (12.5%), −47.5 points.
    const synth = tableFromColumns(['x', 'y', 'c'], [['1', '1', '5', '3', null, '2', '4', ' 5'], ['10.0', '15', '15', '15', '15', '15', null, '15'], Array(8).fill('a')]);
    const result = extremeShare(real, synth, schema);
    expect(result.columns.map((c) => c.column)).toEqual(['x', 'y']);
    expect(result.columns[0].points).toBeCloseTo(10, 12);
    expect(result.columns[1].points).toBeCloseTo(-47.5, 12);
    expect(result.worst).toEqual(result.columns[0]);
  });
});
