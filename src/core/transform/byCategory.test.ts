import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { fitCategoryRanges } from './byCategory';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

/** Groceries at a few dollars, electronics at tens to hundreds, and a note column no category explains. */
function stock(rows: number) {
  const rng = new Rng(3);
  const category = Array.from({ length: rows }, () => (rng.next() < 0.3 ? 'Grocery' : 'Electronics'));
  const cost = category.map((c) => (c === 'Grocery' ? 1 + 8 * rng.next() : 30 + 180 * rng.next()).toFixed(2));
  const weight = category.map(() => (1 + 20 * rng.next()).toFixed(1));
  return tableFromColumns(['Category', 'Cost', 'Weight'], [category, cost, weight]);
}

describe('numbers kept within their category range', () => {
  const table = stock(400);
  const schema = inferSchema(table);

  it('are fitted where the category explains the number, widened in ratio by about 1 / n, and not where it does not', () => {
    const [ranges, ...others] = fitCategoryRanges(table, schema, ['Cost', 'Weight'], ['Category']);
    expect(others).toEqual([]);
    expect(ranges.column).toBe('Cost');
    // About 120 groceries between $1 and $9: a few cents past either end, no more.
    const grocery = new Map(ranges.ranges).get('Grocery')!;
    expect(grocery.lo).toBeGreaterThan(0.95);
    expect(grocery.lo).toBeLessThan(1.05);
    expect(grocery.hi).toBeGreaterThan(8.95);
    expect(grocery.hi).toBeLessThan(9.4);
    // Five values are widened by a quarter of their ratio's log, as few rows tell little of the ends.
    const few = tableFromColumns(['Category', 'Cost'], [[...Array(5).fill('A'), ...Array(60).fill('B')], [...['1', '2', '4', '8', '16'], ...Array.from({ length: 60 }, (_, r) => String(100 + r))]]);
    const [wide] = fitCategoryRanges(few, inferSchema(few), ['Cost'], ['Category']);
    expect(new Map(wide.ranges).get('A')!.lo).toBeCloseTo(0.5, 5);
    // Knots stay inside the seed's values.
    expect(Math.min(...grocery.knots)).toBeGreaterThan(1);
    expect(Math.max(...grocery.knots)).toBeLessThan(9);
  });

  it('hold on every row decoded from random model output, which keeps its categories', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const plain = new TableTransformer(table, schema, 1, { rules: [], byCategory: false });
    const [kept, free] = [transformer, plain].map((t) => t.decode(untrainedRows(t.layout.width, 20_000, 9), 20_000, new Rng(2)));
    const groceryCosts = (t: typeof kept) => t.columns[1].filter((_, r) => t.columns[0][r] === 'Grocery').map(Number);
    expect(Math.max(...groceryCosts(free))).toBeGreaterThan(100);
    expect(Math.max(...groceryCosts(kept))).toBeLessThan(20);
    expect(kept.rowCount).toBe(free.rowCount);
    expect(kept.columns[0]).toEqual(free.columns[0]);
    // A saved transformer keeps them.
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    const again = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(Math.max(...groceryCosts(again))).toBeLessThan(20);
  });

  it('are none on 20 rows of two categories and an unrelated number', () => {
    const rng = new Rng(4);
    const few = tableFromColumns(['c', 'x'], [Array.from({ length: 20 }, (_, i) => (i % 2 ? 'a' : 'b')), Array.from({ length: 20 }, () => (100 * rng.next()).toFixed(1))]);
    expect(fitCategoryRanges(few, inferSchema(few), ['x'], ['c'])).toEqual([]);
  });
});
