import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { describeRule, parseRules, validateRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { breaksWithoutRules, decodedWithRules } from './keptRules';

const MINUTE = 60_000;
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Taxi trips: the night tariff from 22:00 to 06:00, round the clock. */
function trips(rows: number, seed: number): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], []];
  for (let r = 0; r < rows; r++) {
    const pickup = Date.UTC(2024, 0, 1) + rng.int(90 * 24 * 60) * MINUTE;
    const hour = new Date(pickup).getUTCHours();
    [stamp(pickup), hour >= 22 || hour < 6 ? 'Night' : 'Day', (2 + rng.int(200) / 10).toFixed(1)].forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Pickup Time', 'Tariff', 'Distance (km)'], cols);
}

/** Plant orders: delivery 6.95 under 50, free from 50, and blank for orders collected. */
function orders(rows: number, seed: number): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = [[], [], []];
  for (let r = 0; r < rows; r++) {
    const total = 5 + rng.int(12_000) / 100;
    const collected = rng.next() < 0.3;
    [total.toFixed(2), collected ? 'Click & Collect' : 'Delivery', collected ? null : total < 50 ? '6.95' : '0.00'].forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Line Total (£)', 'Fulfilment', 'Delivery (£)'], cols);
}

describe('steps of the time of day, round the clock', () => {
  const table = trips(800, 3);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'step', column: 'Tariff', from: 'Pickup Time', clock: true, cutoffs: [360, 1320], values: ['Night', 'Day', 'Night'] };

  it('are found at whole hours, read as a clock reads them, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Tariff by the time of day of Pickup Time: Night below 06:00, Day below 22:00, Night from 22:00');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    expect(() => validateRules([rule], table, schema)).not.toThrow();
    expect(() => validateRules([{ ...rule, from: 'Distance (km)' }], table, schema)).toThrow(/reads a time of day, but "Distance \(km\)" holds no times/);
    const decoded = decodedWithRules(table, schema, rules, 5_000);
    expect(decoded.table.rowCount).toBeGreaterThan(2_000);
    expect(decoded.broken).toEqual({});
    expect(breaksWithoutRules(table, schema, rule)).toBeGreaterThan(500);
  });

  it('are not found where the tariffs are shuffled apart from the times, on 800 rows or 20', () => {
    for (const rows of [800, 20]) {
      const t = trips(rows, 3);
      const shuffled = tableFromColumns(t.names, t.columns.map((c, k) => (k === 1 ? new Rng(9).shuffle([...c]) : c)));
      expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'step').map(describeRule)).toEqual([]);
    }
  });
});

describe('steps beside blanks', () => {
  it('hold where the column is given, and leave its blanks to the blank rule', () => {
    const table = orders(700, 4);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    const rule: Rule = { kind: 'step', column: 'Delivery (£)', from: 'Line Total (£)', cutoffs: [50], values: ['6.95', '0.00'] };
    expect(rules).toContainEqual(rule);
    expect(rules.map(describeRule)).toContain('Delivery (£) is blank exactly when Fulfilment is Click & Collect');
    const decoded = decodedWithRules(table, schema, rules, 5_000);
    expect(decoded.broken).toEqual({});
    const delivery = decoded.table.columns[2];
    const blank = delivery.filter((v) => v === null).length / delivery.length;
    expect(blank).toBeGreaterThan(0.1);
    expect(blank).toBeLessThan(0.8);
  });
});

describe('a two-valued step of a few showing times', () => {
  it('is found from the rows that share each time: a matinee before 17:00', () => {
    const rng = new Rng(7);
    const slots = ['11:00', '13:30', '16:15', '17:45', '20:30'];
    const cols: string[][] = [[], [], []];
    for (let r = 0; r < 700; r++) {
      const slot = slots[rng.int(5)];
      const day = String(1 + rng.int(28)).padStart(2, '0');
      [`2024-03-${day} ${slot}`, slot < '17:00' ? 'Yes' : 'No', String(1 + rng.int(6))].forEach((v, k) => cols[k].push(v));
    }
    const table = tableFromColumns(['Showing', 'Matinee', 'Seats'], cols);
    const rules = findRules(table, inferSchema(table), new Rng(1)).map(describeRule);
    expect(rules).toContain('Matinee by the time of day of Showing: Yes below 17:00, No from 17:00');
    const shuffled = tableFromColumns(table.names, table.columns.map((c, k) => (k === 1 ? new Rng(9).shuffle([...c]) : c)));
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'step').map(describeRule)).toEqual([]);
  });
});
