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

describe('a count kept within its category range', () => {
  // Books bought several at a time, everything else mostly one: a Home row's 5 is out of its range.
  const rng = new Rng(4);
  const category = Array.from({ length: 600 }, () => (rng.next() < 0.4 ? 'Books' : 'Home'));
  const quantity = category.map((c) => String(c === 'Books' ? 1 + rng.int(7) : 1 + (rng.next() < 0.3 ? 1 : 0)));
  const table = tableFromColumns(['Category', 'Quantity'], [category, quantity]);
  const transformer = new TableTransformer(table, inferSchema(table), 1, { rules: [] });

  it("has its values' shares read in the rows as written, where a redraw moves them", () => {
    const slots = transformer.redrawnPoints;
    const column = transformer.encoded.find((c) => c.name === 'Quantity')!;
    expect(slots).toHaveLength(7);
    expect(slots.every((s) => s > column.offset && s < column.offset + column.encoder.width)).toBe(true);
    const rows = untrainedRows(transformer.layout.width, 5_000, 3);
    const { rows: written } = transformer.written(rows, 5_000, new Rng(6), true);
    const table = transformer.decode(rows, 5_000, new Rng(6));
    const ones = table.columns[1].filter((v) => v === '1').length / 5_000;
    // The slot of 1 (the first point mass) holds as many rows as the table writes 1 in,
    const share = (data: Float32Array, slot: number) => Array.from({ length: 5_000 }, (_, r) => data[r * transformer.layout.width + slot]).reduce((a, b) => a + b, 0) / 5_000;
    expect(share(written!, slots[0])).toBeCloseTo(ones, 2);
    // which the model's own draws do not: out-of-range Home rows are drawn again mostly as 1s.
    const argmax = Array.from({ length: 5_000 }, (_, r) => {
      const at = r * transformer.layout.width + column.offset + 1;
      const modes = Array.from(rows.subarray(at, at + column.encoder.width - 1));
      return modes.indexOf(Math.max(...modes)) === slots[0] - column.offset - 1 ? 1 : 0;
    }).reduce<number>((a, b) => a + b, 0) / 5_000;
    expect(ones - argmax).toBeGreaterThan(0.05);
  });
});

describe('a date written as a gap after another, kept within its category range', () => {
  // Repairs: emergencies closed within a day of opening, low-priority ones within three weeks.
  const rng = new Rng(7);
  const DAY = 86_400_000;
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const cols: string[][] = [[], [], []];
  for (let r = 0; r < 600; r++) {
    const priority = ['Emergency', 'High', 'Low'][rng.int(3)];
    const opened = Date.UTC(2023, 0, 2) + rng.int(300 * 24) * 3_600_000;
    const days = priority === 'Emergency' ? 0.1 + 0.8 * rng.next() : priority === 'High' ? 1 + 3 * rng.next() : 5 + 15 * rng.next();
    [priority, stamp(opened), stamp(opened + days * DAY)].forEach((v, c) => cols[c].push(v));
  }
  const table = tableFromColumns(['Priority', 'Opened', 'Closed'], cols);
  const schema = inferSchema(table);

  it("keeps each row's gap within its category's, on rows decoded from random model output", () => {
    const rules = [{ kind: 'order' as const, low: 'Opened', high: 'Closed' }];
    const transformer = new TableTransformer(table, schema, 1, { rules });
    expect(transformer.toState().categoryRanges).toEqual([expect.objectContaining({ column: 'Closed', by: 'Priority', gap: true })]);
    const out = transformer.decode(untrainedRows(transformer.layout.width, 5_000, 4), 5_000, new Rng(5));
    const at = (name: string) => out.columns[out.names.indexOf(name)];
    const gaps = new Map<string, number[]>();
    at('Priority').forEach((p, r) => gaps.set(p!, [...(gaps.get(p!) ?? []), (Date.parse(`${at('Closed')[r]}Z`) - Date.parse(`${at('Opened')[r]}Z`)) / DAY]));
    expect(Math.max(...gaps.get('Emergency')!)).toBeLessThan(1.3);
    expect(Math.max(...gaps.get('High')!)).toBeLessThan(5);
    expect(Math.min(...gaps.get('Low')!)).toBeGreaterThan(3.5);
  });
});
