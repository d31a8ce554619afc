import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { hasClock } from './clock';
import { codecFor } from './codecs';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Shifts that start at 6, 7, 8, 9, 13 or 14 o'clock on the quarter hour, over three months. */
function shifts(rows: number) {
  const rng = new Rng(2);
  const starts = Array.from({ length: rows }, () => Date.UTC(2024, 2, 1 + rng.int(90), [6, 7, 8, 9, 13, 14][rng.int(6)], 15 * rng.int(4)));
  return tableFromColumns(['Clock in', 'Team'], [starts.map(stamp), starts.map(() => ['a', 'b'][rng.int(2)])]);
}

describe('a date with a time of day', () => {
  const table = shifts(400);
  const schema = inferSchema(table);

  it('is modelled as its day and its time apart where both vary', () => {
    const codec = codecFor(schema[0], table.columns[0]);
    expect(hasClock(schema[0], table.columns[0], codec)).toBe(true);
    const days = tableFromColumns(['d'], [table.columns[0].map((v) => v!.slice(0, 10))]);
    expect(hasClock(inferSchema(days)[0], days.columns[0], codecFor(inferSchema(days)[0], days.columns[0]))).toBe(false);
    const midnight = tableFromColumns(['d'], [table.columns[0].map((v) => `${v!.slice(0, 10)} 00:00`)]);
    expect(hasClock(inferSchema(midnight)[0], midnight.columns[0], codecFor(inferSchema(midnight)[0], midnight.columns[0]))).toBe(false);
  });

  it('gives back the seed’s own values, and keeps generated times within the seed’s hours and range', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const again = transformer.decode(transformer.encode(table, schema, 3), table.rowCount, new Rng(4));
    expect(again.columns[0]).toEqual(table.columns[0]);
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2)).columns[0];
    const hours = new Set(decoded.map((v) => Number(v!.slice(11, 13))));
    expect(Math.min(...hours)).toBe(6);
    expect(Math.max(...hours)).toBe(14);
    const sorted = [...table.columns[0]].sort();
    expect(decoded.every((v) => v! >= sorted[0]! && v! <= sorted[sorted.length - 1]!)).toBe(true);
    // No pile-up on the seed's first or last moment.
    for (const edge of [sorted[0], sorted[sorted.length - 1]]) expect(decoded.filter((v) => v === edge).length / decoded.length).toBeLessThan(0.01);
  });

  it('gives a day whose time came out missing another row’s time, not midnight', () => {
    const blanks = tableFromColumns(['Clock in', 'Team'], [table.columns[0].map((v, r) => (r % 5 === 0 ? null : v)), table.columns[1]]);
    const s = inferSchema(blanks);
    const transformer = new TableTransformer(blanks, s, 1, { rules: [] });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 5_000, 9), 5_000, new Rng(2)).columns[0];
    expect(decoded.filter((v) => v === null).length).toBeGreaterThan(500);
    expect(decoded.filter((v) => v !== null && Number(v.slice(11, 13)) < 6)).toEqual([]);
  });

  it('decodes alike once saved and rebuilt', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    const data = untrainedRows(transformer.layout.width, 500, 5);
    expect(restored.decode(data, 500, new Rng(6)).columns[0]).toEqual(transformer.decode(data, 500, new Rng(6)).columns[0]);
  });
});
