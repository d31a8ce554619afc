import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const cents = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
const tax = (x: number) => 0.1 * Math.min(x, 11_000) + 0.12 * Math.max(0, Math.min(x, 44_725) - 11_000) + 0.22 * Math.max(0, x - 44_725);

/** Tax returns: a tax in brackets of the taxable income, less a credit of 2,000 a child up to the tax, is the tax due. */
function returns(rows: number, seed = 11): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = Array.from({ length: 5 }, () => []);
  for (let r = 0; r < rows; r++) {
    const taxable = rng.next() < 0.05 ? 0 : Math.round(2_000_00 + rng.next() * 150_000_00) / 100;
    const owed = Math.round(tax(taxable) * 100) / 100;
    const children = rng.int(4);
    const credit = Math.min(owed, 2_000 * children);
    [String(children), cents(taxable), cents(owed), cents(credit), cents(owed - credit)].forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Dependants', 'Taxable Income', 'Tax Before Credits', 'Child Credit', 'Tax Due'], cols);
}

describe("a tax in brackets of one number that is also a sum's total, and a credit capped at it", () => {
  const table = returns(600);
  const schema = inferSchema(table);
  const credit: Rule = { kind: 'formula', total: 'Child Credit', form: 'rate-capped', parts: ['Dependants', 'Tax Before Credits'], rate: 2000 };

  it('are found, the sum turned to solve its last part, and all kept on every row', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(credit);
    expect(describeRule(credit)).toBe('Child Credit = the lesser of Dependants × 2000 and Tax Before Credits');
    expect(parseRules(JSON.parse(JSON.stringify([credit])))).toEqual([credit]);
    expect(rules).toContainEqual({ kind: 'sum', total: 'Tax Due', parts: ['Tax Before Credits'], minus: ['Child Credit'] });
    expect(rules).toContainEqual(expect.objectContaining({ kind: 'brackets', column: 'Tax Before Credits', of: 'Taxable Income', cutoffs: [11_000, 44_725], slopes: [0.1, 0.12, 0.22] }));
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 2), 3_000, new Rng(3));
    expect(decoded.table.rowCount).toBeGreaterThan(500);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
  });

  it('are not found where the income and the children are shuffled apart from the tax and the credit', () => {
    const apart = tableFromColumns(table.names, table.columns.map((c, k) => (k <= 1 ? new Rng(4 + k).shuffle([...c]) : c)));
    const found = findRules(apart, inferSchema(apart), new Rng(1));
    expect(found.filter((r) => r.kind === 'brackets' || r.kind === 'formula')).toEqual([]);
  });
});

/** A shop's catalogue: a volume in litres from three lengths in cm, a discount in percent of the list price. */
function catalogue(rows: number, seed = 13): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = Array.from({ length: 7 }, () => []);
  for (let r = 0; r < rows; r++) {
    const [l, w, h] = [10 + rng.int(900) / 10, 5 + rng.int(400) / 10, 1 + rng.int(300) / 10];
    const list = 5 + rng.int(200) + 0.99;
    const sale = rng.next() < 0.4 ? Math.round(list * (0.5 + rng.int(40) / 100)) + 0.99 : null;
    const off = sale === null ? null : String(Math.round(((list - sale) / list) * 100));
    [l.toFixed(1), w.toFixed(1), h.toFixed(1), ((l * w * h) / 1000).toFixed(2), list.toFixed(2), sale?.toFixed(2) ?? null, off].forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Length (cm)', 'Width (cm)', 'Height (cm)', 'Volume (L)', 'List Price', 'Sale Price', 'Discount %'], cols);
}

describe("a rate of three numbers' product, and of a difference's share of its first number", () => {
  const table = catalogue(500);
  const schema = inferSchema(table);
  const volume: Rule = { kind: 'formula', total: 'Volume (L)', form: 'rate-times3', parts: ['Length (cm)', 'Width (cm)', 'Height (cm)'], rate: 0.001 };
  const off: Rule = { kind: 'formula', total: 'Discount %', form: 'rate-share', parts: ['List Price', 'Sale Price'], rate: 100 };

  it('are found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(volume);
    expect(rules).toContainEqual(off);
    expect(describeRule(volume)).toBe('Volume (L) = Length (cm) × Width (cm) × Height (cm) × 0.001');
    expect(describeRule(off)).toBe('Discount % = (List Price − Sale Price) / List Price × 100');
    expect(parseRules(JSON.parse(JSON.stringify([volume, off])))).toEqual([volume, off]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 5), 3_000, new Rng(6));
    expect(decoded.table.rowCount).toBeGreaterThan(500);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
  });

  it('are not found where the volume and the discount are shuffled apart, nor on 20 rows', () => {
    const apart = tableFromColumns(table.names, table.columns.map((c, k) => (k === 3 || k === 6 ? new Rng(k).shuffle([...c]) : c)));
    const few = tableFromColumns(table.names, apart.columns.map((c) => c.slice(0, 20)));
    for (const t of [apart, few]) {
      const found = findRules(t, inferSchema(t), new Rng(1));
      expect(found.filter((r) => r.kind === 'formula')).toEqual([]);
    }
  });
});
