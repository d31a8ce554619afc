import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { decodedWithRules } from './keptRules';

describe('a fixed rate of two numbers multiplied', () => {
  it('is taken over a rate by category of one of them: a late fee of the daily rate × days late × 1.5', () => {
    const rng = new Rng(5);
    const daily: Record<string, number> = { 'Mini Digger': 95, Generator: 30, 'Floor Sander': 28, 'Cement Mixer': 18, 'Tile Cutter': 15 };
    const item = Array.from({ length: 500 }, () => Object.keys(daily)[rng.int(5)]);
    const late = item.map(() => (rng.next() < 0.6 ? 0 : 1 + rng.int(9)));
    const table = tableFromColumns(
      ['Item', 'Daily Rate (£)', 'Days Late', 'Late Fee (£)'],
      [item, item.map((i) => daily[i].toFixed(2)), late.map(String), late.map((d, r) => (d * daily[item[r]] * 1.5).toFixed(2))],
    );
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1)).map(describeRule);
    expect(rules).toContain('Late Fee (£) = Daily Rate (£) × Days Late × 1.5');
    // Its sign, and its being 0 exactly on time, follow from it.
    expect(rules.filter((r) => r.startsWith('Late Fee'))).toEqual(['Late Fee (£) = Daily Rate (£) × Days Late × 1.5']);
  });

  it('is one over a whole number where a short decimal is not in reach: an hourly rate × minutes / 60, exact on long sessions', () => {
    const rng = new Rng(6);
    const hourly = [40, 38, 45, 52, 36];
    const rate = Array.from({ length: 400 }, () => hourly[rng.int(5)]);
    const minutes = rate.map(() => [30, 45, 60, 90][rng.int(4)]);
    const table = tableFromColumns(
      ['Hourly Rate (£)', 'Duration (min)', 'Fee (£)'],
      [rate.map((h) => h.toFixed(2)), minutes.map(String), rate.map((h, r) => ((h * minutes[r]) / 60).toFixed(2))],
    );
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map(describeRule)).toContain('Fee (£) = Hourly Rate (£) × Duration (min) / 60');
    const decoded = decodedWithRules(table, schema, rules, 5_000);
    expect(decoded.broken).toEqual({});
    const [hours, mins, fees] = [0, 1, 2].map((c) => decoded.table.columns[c].map(Number));
    // 0.016666, the shortest decimal the seed allows, is a cent off at £52 for 90 minutes.
    for (let r = 0; r < fees.length; r++) expect(Math.abs(fees[r] - (hours[r] * mins[r]) / 60)).toBeLessThanOrEqual(0.005 + 1e-9);
  });
});

describe('a rate of a sum on a whole-number total', () => {
  it('holds exactly or is no rule: a rent in pounds is not 0.7221 of its weekly rent and deposit', () => {
    const rng = new Rng(7);
    const monthly = Array.from({ length: 600 }, () => 500 + 5 * rng.int(200));
    const weekly = monthly.map((m) => Math.round(((m * 12) / 52) * 100) / 100);
    const table = tableFromColumns(
      ['Monthly Rent (£)', 'Weekly Rent (£)', 'Deposit (£)'],
      [monthly.map(String), weekly.map((w) => w.toFixed(2)), weekly.map((w) => (5 * w).toFixed(2))],
    );
    const rules = findRules(table, inferSchema(table), new Rng(1));
    expect(rules.filter((r) => r.kind === 'formula' && r.total === 'Monthly Rent (£)').map(describeRule)).toEqual([]);
    expect(rules.map(describeRule)).toContain('Deposit (£) = Weekly Rent (£) × 5');
  });
});
