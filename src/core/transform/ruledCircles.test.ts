import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

/** Rules found on `table`, and the share of 20,000 rows decoded from random model output that keep them all. */
function keptShare(table: Table): { rules: string[]; kept: number } {
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  const transformer = new TableTransformer(table, schema, 1, { rules });
  const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
  for (const rule of rules) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBe(0);
  return { rules: rules.map(describeRule), kept: decoded.rowCount / 20_000 };
}

describe('rules that restate others, found on a reviewer\'s tables, are not listed, so nothing is built in a circle', () => {
  it('a whole-number quantity is no ratio of a discounted total', () => {
    const rng = new Rng(77);
    const unit = Array.from({ length: 500 }, () => [9, 12, 15, 20, 25, 40, 60][rng.int(7)]);
    const qty = unit.map(() => 1 + rng.int(4));
    const disc = unit.map(() => [0, 5, 10][rng.int(3)]);
    const sub = unit.map((u, r) => u * qty[r]);
    const table = tableFromColumns(['Unit', 'Qty', 'Subtotal', 'Disc %', 'Total'], [unit.map(String), qty.map(String), sub.map(String), disc.map(String), sub.map((s, r) => ((s * (100 - disc[r])) / 100).toFixed(2))]);
    const { rules, kept } = keptShare(table);
    expect(rules.filter((r) => r.startsWith('Qty ='))).toEqual([]);
    expect(kept).toBeGreaterThan(0.9);
  });

  it('adults are not looked up by children and guests beside guests = adults + children', () => {
    const rng = new Rng(12);
    const adults = Array.from({ length: 300 }, () => 1 + rng.int(4));
    const children = adults.map((a) => (rng.next() < 0.6 ? 0 : 1 + rng.int(a === 2 ? 3 : 2)));
    const table = tableFromColumns(['Adults', 'Children', 'Guests', 'Nights'], [adults.map(String), children.map(String), adults.map((a, r) => String(a + children[r])), adults.map(() => String(1 + rng.int(10)))]);
    const { rules } = keptShare(table);
    expect(rules.filter((r) => r.includes('fixed by'))).toEqual([]);
  });

  it('overtime is no part above 8 of hours written as regular + overtime, and keeps its sign', () => {
    const rng = new Rng(5);
    const hours = Array.from({ length: 400 }, () => Math.round((5 + 6 * rng.next()) * 4) / 4);
    const table = tableFromColumns(['Hours', 'Regular', 'Overtime'], [hours.map((h) => h.toFixed(2)), hours.map((h) => Math.min(8, h).toFixed(2)), hours.map((h) => Math.max(0, h - 8).toFixed(2))]);
    const { rules, kept } = keptShare(table);
    expect(rules.filter((r) => r.includes('the part of'))).toEqual([]);
    expect(rules).toContain('Overtime ≥ 0');
    expect(kept).toBeGreaterThan(0.9);
  });
});

describe('ID prefixes in capitals', () => {
  it('are not kept where no category fixes them: they may be an agent\'s name', () => {
    const agents = ['JSMITH', 'MJONES', 'ABROWN'];
    const rng = new Rng(4);
    const table = tableFromColumns(['Ticket', 'Minutes'], [Array.from({ length: 30 }, (_, r) => `${agents[r % 3]}-${100 + r}`), Array.from({ length: 30 }, () => String(5 + rng.int(50)))]);
    const schema = inferSchema(table);
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const ids = transformer.decode(untrainedRows(transformer.layout.width, 50, 9), 50, new Rng(2)).columns[0];
    expect(ids.filter((id) => /SMITH|JONES|BROWN/.test(id!))).toEqual([]);
  });
});
