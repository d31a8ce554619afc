import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { bracketsOf, bracketsRules, fitBrackets } from './brackets';
import { inferSchema } from './schema';
import { tableFromColumns } from './table';

const cents = (x: number) => Math.round(x * 100 + 1e-7) / 100;
const tax = (g: number) => cents(Math.max(0, Math.min(g, 4000) - 1000) * 0.2 + Math.max(0, g - 4000) * 0.4);

/** Columns of numbers as a table's schema sees them, with their values. */
function numbers(names: string[], columns: Float64Array[], decimals: number) {
  const table = tableFromColumns(names, columns.map((xs) => Array.from(xs, (x) => x.toFixed(decimals))));
  return { schema: inferSchema(table), values: columns, tol: () => 0.5 * 10 ** -decimals + 1e-9 };
}

describe('brackets', () => {
  it('finds a tax in brackets to the cent, and writes it back', () => {
    const rng = new Rng(3);
    const gross = Float64Array.from({ length: 600 }, () => cents(600 + 7000 * rng.next()));
    const found = fitBrackets(gross, gross.map(tax), 0.005 * (1 + 1e-9));
    expect(found?.rule).toEqual({ at: 0, cutoffs: [1000, 4000], slopes: [0, 0.2, 0.4] });
    expect(bracketsOf(found!.rule, 5000)).toBeCloseTo(1000, 9);
    expect(bracketsOf(found!.rule, 800)).toBe(0);
  });

  it('finds a capped fee and a fare with a base', () => {
    const days = Float64Array.from({ length: 300 }, (_, i) => (i * 37) % 250);
    const fee = days.map((d) => Math.min(40, d * 0.25));
    expect(fitBrackets(days, fee, 0.005)?.rule).toEqual({ at: 40, cutoffs: [160], slopes: [0.25, 0] });
    const km = Float64Array.from({ length: 200 }, (_, i) => cents(0.5 + ((i * 7.31) % 40)));
    expect(fitBrackets(km, km.map((d) => cents(2.5 + 1.8 * d)), 0.005)?.rule).toEqual({ at: 2.5, cutoffs: [], slopes: [1.8] });
  });

  it('leaves a plain rate, a jump and unrelated numbers alone', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => cents(1 + ((i * 13.7) % 90)));
    expect(fitBrackets(x, x.map((v) => cents(v * 0.2)), 0.005)).toBeNull();
    expect(fitBrackets(x, x.map((v) => (v < 50 ? 4.99 : 0)), 0.005)).toBeNull();
    const rng = new Rng(5);
    expect(fitBrackets(x, x.map(() => cents(100 * rng.next())), 0.005)).toBeNull();
  });

  it('proposes no rule from 20 rows that chance explains, and one that 20 rows show beyond it', () => {
    const rng = new Rng(8);
    // Whole numbers 0 to 3 beside 0 to 40: a line through a few repeated values is easily met by chance.
    const whole = numbers(['a', 'b'], [Float64Array.from({ length: 20 }, () => rng.int(41)), Float64Array.from({ length: 20 }, () => rng.int(4))], 0);
    expect(bracketsRules(whole.schema, whole.values, whole.tol, -20, new Set(), () => false)).toEqual([]);
    const km = Float64Array.from({ length: 20 }, (_, i) => cents(3 + i * 2.37));
    const trips = numbers(['km', 'fare'], [km, km.map((d) => cents(2.5 + 1.8 * d))], 2);
    expect(bracketsRules(trips.schema, trips.values, trips.tol, -20, new Set(), () => false)).toEqual([{ kind: 'brackets', column: 'fare', of: 'km', at: 2.5, cutoffs: [], slopes: [1.8] }]);
  });
});
