import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, rateValue, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

/** Donations: a card fee of 1.4 % + 0.20, nothing by bank transfer, and the net after it. */
function donations(rows: number, seed: number) {
  const rng = new Rng(seed);
  const method = Array.from({ length: rows }, () => (rng.next() < 0.6 ? 'Card' : 'Bank Transfer'));
  const amount = method.map(() => Math.round(Math.exp(3 + rng.normal()) * 100) / 100);
  const fee = amount.map((x, r) => (method[r] === 'Card' ? Math.round((x * 0.014 + 0.2) * 100) / 100 : 0));
  const cents = (xs: number[]) => xs.map((x) => x.toFixed(2));
  const net = amount.map((x, r) => x - fee[r]);
  return tableFromColumns(['Payment Method', 'Amount (£)', 'Processing Fee (£)', 'Net (£)'], [method, cents(amount), cents(fee), cents(net)]);
}

describe('a rate plus a fixed amount', () => {
  const table = donations(400, 5);
  const schema = inferSchema(table);
  const fee: Rule = { kind: 'rate', total: 'Processing Fee (£)', of: 'Amount (£)', by: 'Payment Method', rates: { Card: 0.014, 'Bank Transfer': 0 }, bases: { Card: 0.2, 'Bank Transfer': 0 } };

  it('is found by category, read as the user writes it, and kept on 100,000 rows decoded from random model output', () => {
    const found = findRules(table, schema, new Rng(1));
    expect(found.map(describeRule)).toEqual(expect.arrayContaining([describeRule(fee), 'Net (£) = Amount (£) − Processing Fee (£)']));
    expect(describeRule(fee)).toBe('Processing Fee (£) by Payment Method: Amount (£) × 0.014 + 0.2 for Card; 0 for Bank Transfer');
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(20_000);
    for (const rule of found) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    const [methods, amounts, fees] = [0, 1, 2].map((c) => decoded.table.columns[c]);
    for (let r = 0; r < 1000; r++) expect(Math.abs(Number(fees[r]) - rateValue(fee, Number(amounts[r]), 1, methods[r]))).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it('is broken on most rows without the rule, and read back from its JSON', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2)), schema, fee)).toBeGreaterThan(10_000);
    const parsed = parseRules([fee, { kind: "rate", total: "T", of: "A", rate: 1.8, base: 32 }]);
    expect(parsed.map(describeRule)).toEqual([describeRule(fee), 'T = A × 1.8 + 32']);
  });

  it('is one fixed line where there is no category, taken the roundest way round', () => {
    const rng = new Rng(3);
    const celsius = Array.from({ length: 200 }, () => Math.round((10 + 8 * rng.normal()) * 10) / 10);
    const t = tableFromColumns(['°C', '°F'], [celsius.map((c) => c.toFixed(1)), celsius.map((c) => (c * 1.8 + 32).toFixed(2))]);
    expect(findRules(t, inferSchema(t), new Rng(1)).map(describeRule)).toContain('°F = °C × 1.8 + 32');
  });

  it('is taken the way that pins its total the tighter: a fare to the penny from a length, not a length to 0.1 m from the fare', () => {
    const rng = new Rng(4);
    const lines: Record<string, [number, number]> = { Car: [8, 60], Van: [14, 90], Motorbike: [5, 35] };
    const type = Array.from({ length: 500 }, () => ['Car', 'Car', 'Van', 'Motorbike'][rng.int(4)]);
    const length = type.map((t) => (t === 'Van' ? 5 : t === 'Car' ? 3.8 : 2) + rng.int(20) / 10);
    const fare = length.map((m, r) => lines[type[r]][0] * m + lines[type[r]][1]);
    const t = tableFromColumns(['Vehicle Type', 'Vehicle Length (m)', 'Vehicle Fare (£)'], [type, length.map((m) => m.toFixed(1)), fare.map((f) => f.toFixed(2))]);
    const found = findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'rate').map(describeRule);
    expect(found).toEqual(['Vehicle Fare (£) by Vehicle Type: Vehicle Length (m) × 14 + 90 for Van; × 8 + 60 for Car; × 5 + 35 for Motorbike']);
  });

  it('is not found by chance: whole numbers near a line on few values, or 20 rows of noise', () => {
    const rng = new Rng(8);
    const status = Array.from({ length: 600 }, () => ['Single', 'Married', 'Head'][rng.int(3)]);
    const year = status.map(() => 2021 + rng.int(4));
    const deduction = year.map((y, r) => [12550, 12950, 13850, 14600][y - 2021] * (status[r] === 'Married' ? 2 : status[r] === 'Head' ? 1.5 : 1));
    const t = tableFromColumns(['Status', 'Year', 'Deduction'], [status, year.map(String), deduction.map((d) => d.toFixed(2))]);
    expect(findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'rate')).toEqual([]);
    const noise = tableFromColumns(['a', 'b'], [0, 1].map(() => Array.from({ length: 20 }, () => (rng.next() * 100).toFixed(2))));
    expect(findRules(noise, inferSchema(noise), new Rng(1)).filter((r) => r.kind === 'rate')).toEqual([]);
  });
});
