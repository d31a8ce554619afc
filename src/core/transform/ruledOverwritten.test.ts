import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { overtimeTable, ratesTable } from '../data/ruleTables';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('a column looked up by two keys', () => {
  const table = ratesTable(400);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  const [lookup] = rules.filter((r) => r.kind === 'lookup');

  it('is written from its keys on 50,000 rows decoded from random model output, and by a transformer rebuilt from its saved state', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 50_000, 9), 50_000, new Rng(2));
    // A term the seed never has (30 months) is a pair the rule cannot write: those rows are drawn again.
    expect(decoded.table.rowCount).toBeGreaterThan(25_000);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    const again = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(again.rowCount).toBeGreaterThan(2500);
    expect(countBreaks(again, schema, lookup)).toBe(0);
  });

  it('is broken without the rule', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(countBreaks(decoded, schema, lookup)).toBeGreaterThan(10_000);
  });
});

describe('the part of a number above a threshold', () => {
  const table = overtimeTable(400);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  const excessIn = (xs: typeof rules) => xs.filter((r) => r.kind === 'excess');

  it('is written from its number on 50,000 rows decoded from random model output, and after a save', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 50_000, 9), 50_000, new Rng(2));
    expect(decoded.rowCount).toBeGreaterThan(45_000);
    for (const rule of rules) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBe(0);
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    const again = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    for (const rule of excessIn(rules)) expect(countBreaks(again, schema, rule)).toBe(0);
    const plain = new TableTransformer(table, schema, 1, { rules: [] }).decode(untrainedRows(transformer.layout.width, 5_000, 9), 5_000, new Rng(2));
    for (const rule of excessIn(rules)) expect(countBreaks(plain, schema, rule)).toBeGreaterThan(1_000);
  });

});

describe('a total the seed also holds where a part is blank', () => {
  // Ten of 300 work orders have no parts cost written but a total.
  const rng = new Rng(6);
  const parts = Array.from({ length: 300 }, () => 5 + rng.int(800) + rng.int(100) / 100);
  const labour = parts.map(() => 50 * (1 + rng.int(6)));
  const money = (x: number) => x.toFixed(2);
  const table = tableFromColumns(['Parts', 'Labour', 'Total'], [parts.map((p, r) => (r % 30 === 0 ? null : money(p))), labour.map(money), parts.map((p, r) => money(p + labour[r]))]);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));

  it('is written from its parts wherever they are numbers, and modelled where not, so rows are not dropped', () => {
    expect(rules.map(describeRule)).toContain('Total = Parts + Labour');
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(decoded.rowCount).toBeGreaterThan(18_000);
    for (const rule of rules) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBe(0);
    // Totals beside a blank parts cost are still drawn.
    const [p, t] = ['Parts', 'Total'].map((n) => decoded.columns[decoded.names.indexOf(n)]);
    expect(p.filter((x, r) => x === null && t[r] !== null).length).toBeGreaterThan(100);
  });
});

describe('a ratio (price per m² = price / surface)', () => {
  // Prices in whole thousands, set by the city's price per m² and the surface.
  const rng = new Rng(8);
  const perM2: Record<string, number> = { Paris: 10_000, Lille: 3_500, Lyon: 5_000 };
  const city = Array.from({ length: 400 }, () => ['Paris', 'Lille', 'Lyon'][rng.int(3)]);
  const surface = city.map(() => 20 + rng.int(1300) / 10);
  const price = city.map((c, r) => 1000 * Math.round((surface[r] * perM2[c] * (0.6 + 0.8 * rng.next())) / 1000));
  const table = tableFromColumns(
    ['City', 'Surface', 'Price', 'Price per m2'],
    [city, surface.map((s) => s.toFixed(1)), price.map(String), price.map((p, r) => (p / Number(surface[r].toFixed(1))).toFixed(2))],
  );
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));

  it('models the ratio, writes the price in whole thousands from it, and the ratio again from the price', () => {
    expect(rules.map(describeRule)).toContain('Price per m2 = Price / Surface');
    const transformer = new TableTransformer(table, schema, 1, { rules });
    expect(transformer.names).toEqual(table.names);
    const out = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(out.rowCount).toBeGreaterThan(15_000);
    for (const rule of rules) expect(countBreaks(out, schema, rule), describeRule(rule)).toBe(0);
    const col = (name: string) => out.columns[out.names.indexOf(name)];
    expect(col('Price').filter((p) => p !== null && Number(p) % 1000 !== 0)).toEqual([]);
    // Each city's price per m² stays near its seed range, however the surface came out.
    const lille = col('Price per m2').filter((x, r) => x !== null && col('City')[r] === 'Lille').map(Number);
    expect(lille.filter((x) => x > 6_000).length).toBeLessThan(lille.length * 0.05);
  });
});
