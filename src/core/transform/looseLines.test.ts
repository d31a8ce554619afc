import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

/** Rentals: kilometres about 110 a day rented (r about 0.9), and a driver's age that follows neither. */
function rentals(rows: number) {
  const rng = new Rng(11);
  const days = Array.from({ length: rows }, () => 1 + rng.int(10));
  const km = days.map((d) => Math.max(5, Math.round(110 * d + 150 * rng.normal())));
  const age = days.map(() => String(21 + rng.int(50)));
  return tableFromColumns(['Days', 'Km', 'Age'], [days.map(String), km.map(String), age]);
}

const correlation = (xs: number[], ys: number[]) => {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < xs.length; i++) [sxy, sxx, syy] = [sxy + (xs[i] - mx) * (ys[i] - my), sxx + (xs[i] - mx) ** 2, syy + (ys[i] - my) ** 2];
  return sxy / Math.sqrt(sxx * syy);
};

describe('a number on a loose line in another', () => {
  const table = rentals(500);
  const schema = inferSchema(table);

  it('is modelled as what is left off the line, keeps the link on random model output, and gives the seed back', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [], looseLines: true });
    expect(transformer.lines).toEqual([{ name: 'Km', from: 'Days' }]);
    const back = transformer.decode(transformer.encode(table, schema, 2), table.rowCount, new Rng(3));
    expect(back.columns[1]).toEqual(table.columns[1]);
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    const decoded = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(correlation(decoded.columns[0].map(Number), decoded.columns[1].map(Number))).toBeGreaterThan(0.5);
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    expect(plain.lines).toEqual([]);
  });

  it('is not planned on fewer than 100 rows, for a number a rule writes from, or between numbers that barely follow each other', () => {
    const few = tableFromColumns(table.names, table.columns.map((c) => c.slice(0, 80)));
    expect(new TableTransformer(few, inferSchema(few), 1, { rules: [], looseLines: true }).lines).toEqual([]);
    const ruled = new TableTransformer(table, schema, 1, { rules: [{ kind: 'zero', column: 'Km', when: 'Days' }], looseLines: true });
    expect(ruled.lines).toEqual([]);
    const loose = tableFromColumns(table.names, [table.columns[0], new Rng(2).shuffle([...table.columns[1]]), table.columns[2]]);
    expect(new TableTransformer(loose, inferSchema(loose), 1, { rules: [], looseLines: true }).lines).toEqual([]);
  });
});
