import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, rateFor, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { instalmentsTable, invoicesTable } from '../data/ruleTables';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('tax at a rate each region fixes', () => {
  const rng = new Rng(7);
  const region = Array.from({ length: 400 }, () => ['Nord', 'Sud', 'Île-de-France'][rng.int(3)]);
  const net = region.map(() => Math.round(Math.exp(4 + rng.normal()) * 100) / 100);
  const rates: Record<string, number> = { Nord: 0.2, Sud: 0.055, 'Île-de-France': 0.2 };
  const tax = net.map((x, r) => Math.round(x * rates[region[r]] * 100) / 100);
  const money = (xs: number[]) => xs.map((x) => `$${x.toFixed(2)}`);
  const table = tableFromColumns(['Région', 'Net', 'Tax', 'Total'], [region, money(net), money(tax), money(net.map((x, r) => x + tax[r]))]);
  const schema = inferSchema(table);
  const rate: Rule = { kind: 'rate', total: 'Tax', of: 'Net', by: 'Région', rates };

  it('is found beside the sum built on it, and both are kept on 100,000 rows decoded from random model output', () => {
    const found = findRules(table, schema, new Rng(1));
    expect(found.map(describeRule)).toEqual(expect.arrayContaining([describeRule(rate), 'Total = Net + Tax']));
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(20_000);
    for (const rule of found) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    // Every region keeps its own rate, written in the column's own format.
    const [regions, nets, taxes] = [0, 1, 2].map((c) => decoded.table.columns[c]);
    const read = (text: string | null) => Number(text!.replace('$', ''));
    for (let r = 0; r < 1000; r++) expect(Math.abs(read(taxes[r]) - read(nets[r]) * rateFor(rate, regions[r]))).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(new Set(regions)).toEqual(new Set(['Nord', 'Sud', 'Île-de-France']));
    expect(taxes[0]).toMatch(/^\$\d+\.\d\d$/);
  });

  it('is broken on many rows without the rule, and kept by a transformer rebuilt from its saved state', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2)), schema, rate)).toBeGreaterThan(10_000);
    const saved = JSON.parse(JSON.stringify(new TableTransformer(table, schema, 1, { rules: [rate] }).toState()));
    const restored = new TableTransformer(saved);
    const decoded = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(decoded.rowCount).toBeGreaterThan(1000);
    expect(countBreaks(decoded, schema, rate)).toBe(0);
  });
});

describe('a discount that is a price times a rate in percent', () => {
  const rng = new Rng(3);
  const price = Array.from({ length: 300 }, () => Math.round(Math.exp(3 + rng.normal()) * 100) / 100);
  const pct = price.map(() => [0, 5, 12.5][rng.int(3)]);
  const table = tableFromColumns(
    ['price', 'pct', 'discount'],
    [price.map((p) => p.toFixed(2)), pct.map(String), price.map((p, r) => (Math.round(p * pct[r]) / 100).toFixed(2))],
  );
  const schema = inferSchema(table);

  it('is found and kept on 100,000 rows decoded from random model output', () => {
    const rule: Rule = { kind: 'product', total: 'discount', parts: ['price', 'pct'], percent: true };
    const found = findRules(table, schema, new Rng(1));
    expect(found).toContainEqual(rule);
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(20_000);
    for (const r of found) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
  });
});

describe('a product whose part follows a category', () => {
  const rng = new Rng(3);
  const who = Array.from({ length: 300 }, () => ['Ana', 'Ben', 'Eli'][rng.int(3)]);
  const wage: Record<string, number> = { Ana: 18.5, Ben: 22, Eli: 31.25 };
  const hours = who.map(() => 4 + rng.int(25) / 4);
  const pay = hours.map((h, r) => (Math.round(h * wage[who[r]] * 100) / 100).toFixed(2));
  const table = tableFromColumns(['who', 'hours', 'wage', 'pay'], [who, hours.map((h) => h.toFixed(2)), who.map((w) => wage[w].toFixed(2)), pay]);
  const schema = inferSchema(table);

  it('is built from the part written from the category, so nearly every row is kept and none breaks it', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map(describeRule)).toContain('pay = hours × wage');
    const transformer = new TableTransformer(table, schema, 1, { rules });
    expect(transformer.derived).toEqual([{ name: 'wage', source: 'who' }]);
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(19_000);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
  });
});

describe('an invoice that is the gross less a discount in percent', () => {
  it('is written from its parts on 20,000 rows of random model output, none breaking it', () => {
    const table = invoicesTable(300);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.some((r) => r.kind === 'product' && r.off)).toBe(true);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(decoded.rowCount).toBeGreaterThan(15_000);
    for (const rule of rules) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBe(0);
  });
});

describe('a loan instalment', () => {
  it('is written from its principal, rate and term on 20,000 rows of random model output, none breaking it', () => {
    const table = instalmentsTable(300);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.some((r) => r.kind === 'annuity')).toBe(true);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(decoded.rowCount).toBeGreaterThan(10_000);
    for (const rule of rules) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBe(0);
  });
});

describe('an amount copied, negated or zeroed by a category', () => {
  // A repair is billed at its total unless under warranty; a withdrawal or fee is signed negative.
  const rng = new Rng(5);
  const rows = 500;
  const type = Array.from({ length: rows }, () => ['Deposit', 'Withdrawal', 'Withdrawal', 'Fee'][rng.int(4)]);
  const amount = type.map((t) => (t === 'Fee' ? 2.5 : Math.round((1 + Math.exp(4 + rng.normal())) * 100) / 100));
  const warranty = type.map(() => (rng.next() < 0.3 ? 'Yes' : 'No'));
  const total = type.map(() => Math.round(Math.exp(5 + 0.5 * rng.normal()) * 100) / 100);
  const money = (xs: number[]) => xs.map((x) => x.toFixed(2));
  const table = tableFromColumns(
    ['Type', 'Amount', 'Signed', 'Warranty', 'Total', 'Billed'],
    [type, money(amount), money(amount.map((x, r) => (type[r] === 'Deposit' ? x : -x))), warranty, money(total), money(total.map((x, r) => (warranty[r] === 'Yes' ? 0 : x)))],
  );
  const schema = inferSchema(table);

  it('is found as a rate of 1, −1 or 0 by category, with no zero, flag, step or order restating it, and kept on every row', () => {
    const found = findRules(table, schema, new Rng(1));
    const texts = found.map(describeRule);
    expect(texts).toEqual(expect.arrayContaining(['Billed = Total × rate by Warranty: 1 for No; 0 for Yes', 'Signed = Amount × rate by Type: 1 for Deposit; -1 for Fee, Withdrawal']));
    // Billed is 0 exactly under warranty, and Warranty is Yes exactly when Billed < Total: both what the rate writes.
    expect(texts.filter((t) => t.startsWith('Billed is') || t.startsWith('Warranty is') || t.startsWith('Type by'))).toEqual([]);
    expect(texts).not.toContain('Amount ≥ Signed');
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 3), 20_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(5_000);
    for (const rule of found) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    expect(new Set(decoded.table.columns[3])).toEqual(new Set(['Yes', 'No']));
  });
});

describe('a gross that is tax, pension and net, beside a pension at 5 % of the gross', () => {
  const rng = new Rng(11);
  const gross = Array.from({ length: 400 }, () => Math.round(Math.exp(8.3 + 0.35 * rng.normal()) * 100) / 100);
  const tax = gross.map((g) => Math.round(g * (0.1 + 0.15 * rng.next()) * 100) / 100);
  const pension = gross.map((g) => Math.round(g * 5) / 100);
  const money = (xs: number[]) => xs.map((x) => x.toFixed(2));
  const net = gross.map((g, r) => g - tax[r] - pension[r]);
  const table = tableFromColumns(['Gross', 'Tax', 'Pension', 'Net'], [money(gross), money(tax), money(pension), money(net)]);
  const schema = inferSchema(table);

  it('takes the net as the sum’s total, so neither is built from the other, and keeps both on every row', () => {
    const found = findRules(table, schema, new Rng(1));
    const texts = found.map(describeRule);
    expect(texts).toEqual(expect.arrayContaining(['Net = Gross − Tax − Pension', 'Pension = Gross × 0.05']));
    expect(texts.filter((t) => t.startsWith('Gross ='))).toEqual([]);
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 3), 20_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(10_000);
    for (const rule of found) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
  });

  it('takes the net as total through two rates too (a levy on the pension on the gross)', () => {
    const levy = pension.map((p) => Math.round(p * 30) / 100);
    const net2 = gross.map((g, r) => g - tax[r] - levy[r]);
    const t = tableFromColumns(['Gross', 'Tax', 'Pension', 'Levy', 'Net'], [money(gross), money(tax), money(pension), money(levy), money(net2)]);
    const found = findRules(t, inferSchema(t), new Rng(1)).map(describeRule);
    expect(found).toEqual(expect.arrayContaining(['Net = Gross − Tax − Levy', 'Levy = Pension × 0.3', 'Pension = Gross × 0.05']));
  });
});

describe('points earned as the amount paid rounded down', () => {
  const rng = new Rng(12);
  const paid = Array.from({ length: 500 }, () => Math.round(Math.exp(2.8 + rng.normal()) * 100) / 100);
  const table = tableFromColumns(['Amount Paid', 'Points Earned'], [paid.map((x) => `£${x.toFixed(2)}`), paid.map((x) => String(Math.floor(x)))]);
  const schema = inferSchema(table);

  it('is found as a rate rounded down, kept on 20,000 decoded rows, and read back from its saved form', () => {
    const found = findRules(table, schema, new Rng(1));
    expect(found.map(describeRule)).toContain('Points Earned = Amount Paid × 1, rounded down');
    const down = found.find((r) => r.kind === 'rate')!;
    const transformer = new TableTransformer(table, schema, 1, { rules: [down] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2)).table;
    expect(countBreaks(decoded, schema, down)).toBe(0);
    const [amounts, points] = decoded.columns.map((c) => c.map((v) => Number(v!.replace('£', ''))));
    expect(points.every((p, r) => p === Math.floor(amounts[r] + 1e-9))).toBe(true);
    // Rounded to the nearest, half the rows would be a point over.
    expect(countBreaks(decoded, schema, { kind: 'rate', total: 'Points Earned', of: 'Amount Paid', rate: 1 })).toBeGreaterThan(5_000);
    expect(parseRules(JSON.parse(JSON.stringify([down])))).toEqual([down]);
  });

  it('is not proposed where points are rounded to the nearest', () => {
    const nearest = tableFromColumns(table.names, [table.columns[0], paid.map((x) => String(Math.round(x)))]);
    expect(findRules(nearest, inferSchema(nearest), new Rng(1)).map(describeRule)).not.toContain('Points Earned = Amount Paid × 1, rounded down');
  });
});
