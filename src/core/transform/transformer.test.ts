import { describe, expect, it } from 'vitest';
import { parseDelimitedText } from '../data/parse';
import { detectNumberStyle, writeNumber } from '../data/numbers';
import { inferColumn, inferSchema } from '../data/schema';
import { codecFor } from './codecs';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';

function seedTable(rows: number) {
  const rng = new Rng(5);
  const income: (string | null)[] = [];
  const gain: (string | null)[] = [];
  const city: (string | null)[] = [];
  const day: (string | null)[] = [];
  const id: (string | null)[] = [];
  for (let i = 0; i < rows; i++) {
    income.push(i % 10 === 0 ? null : (rng.next() < 0.6 ? 30 + 5 * rng.normal() : 90 + 10 * rng.normal()).toFixed(2));
    gain.push(rng.next() < 0.9 ? '0' : String(1000 + Math.round(rng.next() * 9000)));
    city.push(i % 17 === 0 ? null : ['Oslo', 'Lima', 'Pune'][rng.int(3)]);
    day.push(new Date(Date.UTC(2020, 0, 1 + rng.int(900))).toISOString().slice(0, 10));
    id.push(`U${String(i).padStart(5, '0')}`);
  }
  return tableFromColumns(['income', 'gain', 'city', 'day', 'id'], [income, gain, city, day, id]);
}

describe('TableTransformer', () => {
  it("keeps each column's missing spellings and their counts, through a saved state too", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `${i},${i % 3 === 0 ? '' : i % 3 === 1 ? 'none' : 'x' + (i % 4)}`);
    const table = parseDelimitedText(['n,note', ...lines].join('\n'));
    const schema = inferSchema(table);
    const t = new TableTransformer(table, schema, 1);
    const spellings = [[], [['', 20], ['none', 20]]];
    expect(t.decode(t.encode(table, schema, 2), 5, new Rng(3)).missingSpellings).toEqual(spellings);
    const state = JSON.parse(JSON.stringify(t.toState()));
    expect(new TableTransformer(state).decode(t.encode(table, schema, 2), 5, new Rng(3)).missingSpellings).toEqual(spellings);
    // A state saved before the counts were kept had one spelling per column.
    const old = { ...state, missingSpellings: undefined, missingText: ['', 'none'] };
    expect(new TableTransformer(old).decode(t.encode(table, schema, 2), 5, new Rng(3)).missingSpellings).toEqual([[['', 1]], [['none', 1]]]);
  });

  it('writes notes among numbers and dates back as they are', () => {
    const values = Array.from({ length: 400 }, (_, i) => (i % 50 === 3 ? 'unknown' : i % 4 === 1 ? ' n/k' : i % 9 === 2 ? null : String(20 + (i % 37))));
    const table = tableFromColumns(['age'], [values]);
    const schema = inferSchema(table);
    expect(schema[0].kind).toBe('numeric');
    const t = new TableTransformer(table, schema, 1);
    const back = t.decode(t.encode(table, schema, 2), table.rowCount, new Rng(3));
    expect(back.columns[0]).toEqual(values);
    const ends = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'ongoing' : `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`));
    const dated = tableFromColumns(['ends'], [ends]);
    const dateSchema = inferSchema(dated);
    expect(dateSchema[0].kind).toBe('datetime');
    const d = new TableTransformer(dated, dateSchema, 1);
    expect(d.decode(d.encode(dated, dateSchema, 2), dated.rowCount, new Rng(3)).columns[0]).toEqual(ends);
  });

  it('writes as few decimals as each value needs where the seed does, and fixed places where it pads', () => {
    const trimmed = ['5%', '5.5%', '12%', '7.25%', '3.5%'];
    const column = inferColumn('rate', trimmed);
    expect(column.numeric).toMatchObject({ decimals: 2, trimZeros: true });
    const codec = codecFor(column, trimmed);
    expect([5, 5.5, 7.25, 10.1].map(codec.write)).toEqual(['5%', '5.5%', '7.25%', '10.1%']);
    const padded = ['5.00%', '5.50%', '12.00%', '7.25%'];
    const fixed = inferColumn('rate', padded);
    expect(fixed.numeric?.trimZeros).toBeUndefined();
    expect([5, 5.5].map(codecFor(fixed, padded).write)).toEqual(['5.00%', '5.50%']);
    expect(writeNumber(1234.5, 2, detectNumberStyle(['$1,234.50'])!, true)).toBe('$1,234.5');
  });

  it("writes numbers back in the seed's style", () => {
    const rng = new Rng(9);
    const price = Array.from({ length: 500 }, () => `€${(rng.next() * 5000).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    const table = tableFromColumns(['price'], [price]);
    const schema = inferSchema(table);
    expect(schema[0].kind).toBe('numeric');
    const t = new TableTransformer(table, schema, 1);
    const back = t.decode(t.encode(table, schema, 2), table.rowCount, new Rng(3));
    back.columns[0].forEach((v, r) => {
      expect(v).toMatch(/^€\d{1,3}(\.\d{3})*,\d\d$/);
      expect(Math.abs(Number(v!.slice(1).replace(/\./g, '').replace(',', '.')) - Number(price[r].slice(1).replace(/\./g, '').replace(',', '.')))).toBeLessThan(0.011);
    });
  });

  it('decodes encoded rows back to the seed values', () => {
    const table = seedTable(2000);
    const schema = inferSchema(table);
    const t = new TableTransformer(table, schema, 1);
    const encoded = t.encode(table, schema, 2);
    const back = t.decode(encoded, table.rowCount, new Rng(3));
    expect(back.names).toEqual(table.names);
    for (const c of [0, 1, 2, 3]) {
      table.columns[c].forEach((v, r) => {
        const w = back.columns[c][r];
        if (v === null || c >= 1) expect(w).toBe(v);
        else expect(Math.abs(Number(w) - Number(v))).toBeLessThanOrEqual(0.011);
      });
    }
  });

  it('models a dominant value as an exact point mass and missing values as their own slot', () => {
    const table = seedTable(500);
    const t = new TableTransformer(table, inferSchema(table), 1);
    const gain = t.encoded.find((c) => c.name === 'gain')!;
    const spans = gain.encoder.spans;
    expect(spans[0].activation).toBe('tanh');
    const income = t.encoded.find((c) => c.name === 'income')!;
    // Scalar, at least two mixture modes, and one slot for missing.
    expect(income.encoder.width).toBeGreaterThanOrEqual(1 + 2 + 1);
  });

  it('regenerates IDs that never collide with the seed', () => {
    const table = seedTable(300);
    const t = new TableTransformer(table, inferSchema(table), 1);
    const ids = t.decode(new Float32Array(10 * t.layout.width), 10, new Rng(1)).columns[4];
    const seen = new Set(table.columns[4]);
    expect(new Set(ids).size).toBe(10);
    expect(ids.every((v) => v !== null && /^U\d{5}$/.test(v) && !seen.has(v))).toBe(true);
  });
});
