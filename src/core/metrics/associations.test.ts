import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { associations, correlationRatio, cramersV, MAX_LEVELS } from './associations';

const codes = (xs: number[]) => Int32Array.from(xs);

describe('cramersV', () => {
  it('is 0.5 on the 2 × 2 table [[3, 1], [1, 3]]', () => {
    // Rows and columns each sum to 4, n = 8: χ² = 8 · ((9 + 1 + 1 + 9) / 16 − 1) = 2, V = √(2 / (8 · 1)) = 0.5.
    const a = codes([0, 0, 0, 0, 1, 1, 1, 1]);
    const b = codes([0, 0, 0, 1, 0, 1, 1, 1]);
    expect(cramersV(a, 2, b, 2)).toBeCloseTo(0.5, 12);
  });

  it('is 1 when one column names the other, 0 when they are independent, and leaves out missing codes', () => {
    expect(cramersV(codes([0, 0, 1, 1, 2, 2]), 3, codes([2, 2, 0, 0, 1, 1]), 3)).toBeCloseTo(1, 12);
    // Each of a's values meets each of b's once: O = E everywhere.
    expect(cramersV(codes([0, 0, 1, 1]), 2, codes([0, 1, 0, 1]), 2)).toBeCloseTo(0, 12);
    expect(cramersV(codes([0, 0, 1, 1, -1]), 2, codes([0, 0, 1, 1, 0]), 2)).toBeCloseTo(1, 12);
    // One category on a side: no association to measure.
    expect(cramersV(codes([0, 0, 0]), 1, codes([0, 1, 2]), 3)).toBe(0);
  });
});

describe('correlationRatio', () => {
  it('is √0.8 for means 2 and 6 around 4', () => {
    // Between: 2 · (2 − 4)² + 2 · (6 − 4)² = 16; total: 9 + 1 + 1 + 9 = 20; η = √(16 / 20).
    expect(correlationRatio(codes([0, 0, 1, 1]), 2, Float64Array.from([1, 3, 5, 7]))).toBeCloseTo(Math.sqrt(0.8), 12);
  });

  it('is 0 for equal means or a constant number, and skips missing values', () => {
    expect(correlationRatio(codes([0, 1, 0, 1]), 2, Float64Array.from([1, 1, 3, 3]))).toBeCloseTo(0, 12);
    expect(correlationRatio(codes([0, 1]), 2, Float64Array.from([5, 5]))).toBe(0);
    expect(correlationRatio(codes([0, 0, 1, 1, -1]), 2, Float64Array.from([1, 1, 3, 3, 100]))).toBeCloseTo(1, 12);
  });
});

describe('associations', () => {
  // x and y rise together in the real rows; c splits x into low and high.
  const real = tableFromColumns(['x', 'y', 'c'], [['1', '2', '3', '4'], ['1', '3', '2', '4'], ['lo', 'lo', 'hi', 'hi']]);
  const schema = inferSchema(real).map((c) => (c.name === 'c' ? c : { ...c, kind: 'numeric' as const }));

  it('measures each pair by its kinds and gives real, synthetic and their difference', () => {
    // Synthetic y falls as x rises: r = −1; c no longer splits x.
    const synth = tableFromColumns(['x', 'y', 'c'], [['1', '2', '3', '4'], ['4', '3', '2', '1'], ['lo', 'hi', 'lo', 'hi']]);
    const { all, map } = associations(real, synth, schema);
    const pair = (a: string, b: string) => all.find((p) => p.a === a && p.b === b)!;
    // Real r(x, y): deviations (−1.5, −0.5, 0.5, 1.5) and (−1.5, 0.5, −0.5, 1.5): 4 / √(5 · 5) = 0.8.
    expect(pair('x', 'y')).toMatchObject({ measure: 'correlation' });
    expect(pair('x', 'y').real).toBeCloseTo(0.8, 12);
    expect(pair('x', 'y').synthetic).toBeCloseTo(-1, 12);
    expect(pair('x', 'y').difference).toBeCloseTo(1.8, 12);
    // Real η(c, x): means 1.5 and 3.5 around 2.5: between 4 · 1 = 4, total 5, η = √0.8; synthetic means 2 and 3: between 1, η = √0.2.
    expect(pair('x', 'c').measure).toBe('correlationRatio');
    expect(pair('x', 'c').real).toBeCloseTo(Math.sqrt(0.8), 12);
    expect(pair('x', 'c').synthetic).toBeCloseTo(Math.sqrt(0.2), 12);
    expect(map).toMatchObject({ columns: ['x', 'y', 'c'], of: 3 });
    expect(map.pairs).toHaveLength(3);
  });

  it('keeps the columns with the strongest association when capped, in table order', () => {
    const table = tableFromColumns(['noise', 'a', 'b'], [['1', '2', '1', '2'], ['p', 'p', 'q', 'q'], ['u', 'u', 'v', 'v']]);
    const kinds = inferSchema(table).map((c) => ({ ...c, kind: 'categorical' as const }));
    const { map } = associations(table, table, kinds, 2);
    expect(map.columns).toEqual(['a', 'b']);
    expect(map.of).toBe(3);
    expect(map.pairs).toEqual([{ a: 'a', b: 'b', measure: 'cramersV', real: 1, synthetic: 1, difference: 0, rows: 4 }]);
  });

  it('lumps rare categories of a wide column, so V stays bounded and still sees the relationship', () => {
    const n = 400;
    const id = Array.from({ length: n }, (_, i) => `v${i % 100}`);
    const half = id.map((v) => (Number(v.slice(1)) < 50 ? 'low' : 'high'));
    const table = tableFromColumns(['id', 'half'], [id, half]);
    const kinds = inferSchema(table).map((c) => ({ ...c, kind: 'categorical' as const }));
    const pair = associations(table, table, kinds).all[0];
    expect(MAX_LEVELS).toBeLessThan(100);
    // The 29 kept values each sit in one half; the lumped rest spans both, so V is high but below 1.
    expect(pair.real).toBeGreaterThan(0.5);
    expect(pair.real).toBeLessThan(1);
  });
});
