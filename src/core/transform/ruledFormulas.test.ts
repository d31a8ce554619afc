import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, validateRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const cents = (x: number) => (Math.round(x * 100 + 1e-7) / 100).toFixed(2);

/** Tickets: a subtotal of tickets × price less a discount in percent; a freight of a base plus a rate per kg. */
function tickets(rows: number, seed = 5): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], [], [], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const [n, price, discount] = [1 + rng.int(8), [22, 36, 48, 55, 72][rng.int(5)], [0, 0, 10, 20][rng.int(4)]];
    const [base, rate, kg] = [[4.5, 6, 9][rng.int(3)], [0.8, 1.2][rng.int(2)], 0.2 + rng.int(300) / 10];
    const row = [String(n), price.toFixed(2), String(discount), cents((n * price * (100 - discount)) / 100), base.toFixed(2), rate.toFixed(2), kg.toFixed(1), cents(base + rate * kg), ['Web', 'Desk'][rng.int(2)]];
    row.forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Tickets', 'Price', 'Discount %', 'Subtotal', 'Base fee', 'Rate per kg', 'Weight', 'Freight', 'Channel'], cols);
}

describe('formulas of three numbers', () => {
  const table = tickets(600);
  const schema = inferSchema(table);
  const subtotal: Rule = { kind: 'formula', total: 'Subtotal', form: 'times-off', parts: ['Tickets', 'Price', 'Discount %'] };
  const freight: Rule = { kind: 'formula', total: 'Freight', form: 'plus-times', parts: ['Base fee', 'Rate per kg', 'Weight'] };

  it('are found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(subtotal);
    expect(rules).toContainEqual(freight);
    expect([subtotal, freight].map(describeRule)).toEqual(['Subtotal = Tickets × Price × (100 − Discount %) / 100', 'Freight = Base fee + Rate per kg × Weight']);
    expect(parseRules(JSON.parse(JSON.stringify([subtotal, freight])))).toEqual([subtotal, freight]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 10_000, 3), 10_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(2_000);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
  });

  it('are not found where the total is shuffled apart, on 600 rows or 20', () => {
    const shuffled = tableFromColumns(table.names, table.columns.map((c, k) => (k === 3 || k === 7 ? new Rng(k).shuffle([...c]) : c)));
    const few = tableFromColumns(table.names, shuffled.columns.map((c) => c.slice(0, 20)));
    for (const t of [shuffled, few]) expect(findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'formula')).toEqual([]);
  });

  it('say what is wrong with one the seed breaks, or one naming a category', () => {
    expect(() => validateRules([{ ...subtotal, form: 'times' } as Rule], table, schema)).toThrow(/breaks the rule .* in \d+ of 600 rows/);
    expect(() => validateRules([{ ...freight, parts: ['Base fee', 'Channel', 'Weight'] } as Rule], table, schema)).toThrow(/"Channel" is a categorical column/);
    expect(() => parseRules([{ ...freight, parts: ['Base fee', 'Weight'] }])).toThrow(/Rule 1 is not one of/);
  });
});

describe('a rate by category of two numbers multiplied', () => {
  const rng = new Rng(7);
  const rows = 500;
  const cycle = Array.from({ length: rows }, () => (rng.next() < 0.3 ? 'Annual' : 'Monthly'));
  const seats = cycle.map(() => 1 + rng.int(40));
  const price = cycle.map(() => [9, 29, 99][rng.int(3)]);
  const subtotal = cycle.map((c, r) => (seats[r] * price[r] * (c === 'Annual' ? 12 : 1)).toFixed(2));
  const table = tableFromColumns(['Cycle', 'Seats', 'Price', 'Subtotal'], [cycle, seats.map(String), price.map((p) => p.toFixed(2)), subtotal]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'rate', total: 'Subtotal', of: 'Seats', by: 'Cycle', rates: { Annual: 12, Monthly: 1 }, times: 'Price' };

  it('is found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Subtotal = Seats × Price × rate by Cycle: 12 for Annual; 1 for Monthly');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 5_000, 3), 5_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(1_000);
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
  });

  it('is not found where the cycle is shuffled apart', () => {
    const shuffled = tableFromColumns(table.names, [new Rng(2).shuffle([...table.columns[0]]), ...table.columns.slice(1)]);
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'rate')).toEqual([]);
  });
});

describe('two numbers added less a percentage, and two multiplied at a fixed rate', () => {
  const rng = new Rng(13);
  const rows = 500;
  const [equip, labour, disc, guests, nights] = [0, 1, 2, 3, 4].map((k) => Array.from({ length: rows }, () => [2000 + rng.int(3000), 300 + rng.int(900), [0, 5, 10][rng.int(3)], 1 + rng.int(6), 1 + rng.int(14)][k]));
  const net = equip.map((e, r) => (((e + labour[r]) * (100 - disc[r])) / 100).toFixed(2));
  const tax = guests.map((g, r) => (Math.round(g * nights[r] * 88) / 100).toFixed(2));
  const table = tableFromColumns(['Equipment', 'Labour', 'Discount %', 'Net', 'Guests', 'Nights', 'Tourist tax'], [equip, labour, disc, net, guests, nights, tax].map((c) => c.map(String)));
  const schema = inferSchema(table);
  const netRule: Rule = { kind: 'formula', total: 'Net', form: 'plus-off', parts: ['Equipment', 'Labour', 'Discount %'] };
  const taxRule: Rule = { kind: 'rate', total: 'Tourist tax', of: 'Guests', rate: 0.88, times: 'Nights' };

  it('are found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(netRule);
    expect(rules).toContainEqual(taxRule);
    expect([netRule, taxRule].map(describeRule)).toEqual(['Net = (Equipment + Labour) × (100 − Discount %) / 100', 'Tourist tax = Guests × Nights × 0.88']);
    expect(parseRules(JSON.parse(JSON.stringify([netRule, taxRule])))).toEqual([netRule, taxRule]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 4_000, 3), 4_000, new Rng(4));
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
  });
});

/** Berths: a fee of length × tariff × nights less a discount; the crates a quantity fills. */
function berths(rows: number, seed = 9): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], [], [], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const [length, tariff, nights, discount] = [6 + rng.int(40) / 2, [1.2, 1.8, 2.6][rng.int(3)], 1 + rng.int(14), [0, 0, 5, 10][rng.int(4)]];
    const [qty, crate] = [5 + rng.int(400), [5, 8, 12][rng.int(3)]];
    const fee = cents((length * tariff * nights * (100 - discount)) / 100);
    const row = [length.toFixed(1), tariff.toFixed(2), String(nights), String(discount), fee, String(qty), String(crate), String(Math.ceil(qty / crate)), ['A', 'B'][rng.int(2)]];
    row.forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Length (m)', 'Tariff', 'Nights', 'Discount %', 'Fee', 'Qty', 'Crate size', 'Crates', 'Pontoon'], cols);
}

describe('a formula of four numbers and a quotient rounded up', () => {
  const table = berths(600);
  const schema = inferSchema(table);
  const fee: Rule = { kind: 'formula', total: 'Fee', form: 'times3-off', parts: ['Length (m)', 'Tariff', 'Nights', 'Discount %'] };
  const crates: Rule = { kind: 'product', total: 'Crates', parts: ['Qty', 'Crate size'], per: true, ceil: true };

  it('are found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(fee);
    expect(rules).toContainEqual(crates);
    expect([fee, crates].map(describeRule)).toEqual(['Fee = Length (m) × Tariff × Nights × (100 − Discount %) / 100', 'Crates = Qty / Crate size, rounded up']);
    expect(parseRules(JSON.parse(JSON.stringify([fee, crates])))).toEqual([fee, crates]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 10_000, 3), 10_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(2_000);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
  });

  it('are not found where the totals are shuffled apart, on 600 rows or 20', () => {
    const shuffled = tableFromColumns(table.names, table.columns.map((c, k) => (k === 4 || k === 7 ? new Rng(k).shuffle([...c]) : c)));
    const few = tableFromColumns(table.names, shuffled.columns.map((c) => c.slice(0, 20)));
    for (const t of [shuffled, few]) {
      const found = findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'formula' || (r.kind === 'product' && r.ceil));
      expect(found).toEqual([]);
    }
  });

  it('say what is wrong with one of the wrong length or a rounded ratio of another form', () => {
    expect(() => parseRules([{ ...fee, parts: ['Length (m)', 'Tariff', 'Nights'] }])).toThrow(/Rule 1 is not one of/);
    expect(() => parseRules([{ ...crates, percent: true }])).toThrow(/Rule 1 is not one of/);
    expect(() => validateRules([{ ...crates, parts: ['Crate size', 'Qty'] } as Rule], table, schema)).toThrow(/breaks the rule .* in \d+ of 600 rows/);
  });
});

describe('a rate of a difference or of a sum', () => {
  const rng = new Rng(31);
  const rows = 500;
  const cost = Array.from({ length: rows }, () => 15_000 + rng.int(30_000));
  const sale = cost.map((c) => c + 500 + rng.int(6_000));
  const [base, distance, weight] = [0, 1, 2].map(() => Array.from({ length: rows }, () => 2 + rng.int(2_000) / 100));
  const commission = sale.map((s, r) => cents(0.03 * (s - cost[r])));
  const fuel = base.map((b, r) => cents(0.08 * (b + distance[r] + weight[r])));
  const columns = [cost, sale, commission, base, distance, weight, fuel].map((c) => c.map((x) => (typeof x === 'string' ? x : x.toFixed(2))));
  const table = tableFromColumns(['Dealer cost', 'Sale price', 'Commission', 'Base fee', 'Distance fee', 'Weight fee', 'Fuel levy'], columns);
  const schema = inferSchema(table);
  const margin: Rule = { kind: 'formula', total: 'Commission', form: 'rate-less', parts: ['Sale price', 'Dealer cost'], rate: 0.03 };
  const levy: Rule = { kind: 'formula', total: 'Fuel levy', form: 'rate-plus3', parts: ['Base fee', 'Distance fee', 'Weight fee'], rate: 0.08 };

  it('is found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(margin);
    expect(rules).toContainEqual(levy);
    expect([margin, levy].map(describeRule)).toEqual(['Commission = (Sale price − Dealer cost) × 0.03', 'Fuel levy = (Base fee + Distance fee + Weight fee) × 0.08']);
    expect(parseRules(JSON.parse(JSON.stringify([margin, levy])))).toEqual([margin, levy]);
    expect(() => parseRules([{ ...margin, rate: undefined }])).toThrow(/Rule 1 is not one of/);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 4_000, 3), 4_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(500);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
  });

  it('is not found where the totals are shuffled apart, on 500 rows or 20', () => {
    const shuffled = tableFromColumns(table.names, table.columns.map((c, k) => (k === 2 || k === 6 ? new Rng(k).shuffle([...c]) : c)));
    const few = tableFromColumns(table.names, shuffled.columns.map((c) => c.slice(0, 20)));
    for (const t of [shuffled, few]) expect(findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'formula')).toEqual([]);
  });
});
