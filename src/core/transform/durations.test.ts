import { describe, expect, it } from 'vitest';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';
import { Rng } from '../util/rng';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, validateRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Shifts: a clock-in to the minute, hours worked in quarters of an hour, the clock-out they give, and a break in whole minutes. */
function shifts(rows: number, seed = 4): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], []];
  for (let r = 0; r < rows; r++) {
    const start = Date.UTC(2024, 2, 1 + rng.int(60), 6 + rng.int(4), rng.int(60));
    const hours = 4 + rng.int(25) / 4;
    cols[0].push(stamp(start));
    cols[1].push(hours.toFixed(2));
    cols[2].push(stamp(start + hours * 3_600_000));
    cols[3].push(String([0, 15, 30, 45][rng.int(4)]));
  }
  return tableFromColumns(['Clock in', 'Hours', 'Clock out', 'Break (min)'], cols);
}

describe('a date a number of hours or minutes after another', () => {
  it('finds a clock-out the hours worked after the clock-in, and no rule from the break', () => {
    const rules = findRules(shifts(300), inferSchema(shifts(300)), new Rng(1)).filter((r) => r.kind === 'sum');
    expect(rules.map(describeRule)).toEqual(['Clock out = Clock in + Hours']);
  });

  it('finds a trip’s end the whole minutes of its length after its start', () => {
    const rng = new Rng(6);
    const starts = Array.from({ length: 300 }, () => Date.UTC(2024, 5, 1, 0, rng.int(40_000)));
    const minutes = starts.map(() => 5 + rng.int(80));
    const table = tableFromColumns(['start', 'minutes', 'end'], [starts.map(stamp), minutes.map(String), starts.map((s, r) => stamp(s + minutes[r] * 60_000))]);
    const rule: Rule = { kind: 'sum', total: 'end', parts: ['start', 'minutes'], unit: 'minutes' };
    expect(findRules(table, inferSchema(table), new Rng(1))).toContainEqual(rule);
  });

  it('keeps the hours on 100,000 rows decoded from random model output', () => {
    const table = shifts(300);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(50_000);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    const [start, hours, end] = [0, 1, 2].map((c) => decoded.table.columns[c]);
    for (let r = 0; r < 1000; r++) {
      const worked = (Date.parse(`${end[r]!.replace(' ', 'T')}Z`) - Date.parse(`${start[r]!.replace(' ', 'T')}Z`)) / 3_600_000;
      expect(Math.abs(worked - Number(hours[r])), `${start[r]} + ${hours[r]} h → ${end[r]}`).toBeLessThanOrEqual(0.5 / 60 + 0.005);
    }
  });

  it('reads a unit from JSON, and refuses one on a total that is no date', () => {
    const rule: Rule = { kind: 'sum', total: 'Clock out', parts: ['Clock in', 'Hours'], unit: 'hours' };
    expect(parseRules([rule, { ...rule, unit: 'days' }])).toEqual([rule, { kind: 'sum', total: 'Clock out', parts: ['Clock in', 'Hours'] }]);
    expect(() => parseRules([{ ...rule, unit: 'fortnights' }])).toThrow(/Rule 1 is not one of/);
    const table = shifts(100);
    const schema = inferSchema(table);
    expect(() => validateRules([rule], table, schema)).not.toThrow();
    expect(() => validateRules([{ ...rule, unit: 'minutes' }], table, schema)).toThrow(/breaks the rule "Clock out = Clock in \+ Hours \(minutes\)" in 100 of 100 rows/);
    expect(() => validateRules([{ kind: 'sum', total: 'Break (min)', parts: ['Clock in', 'Hours'], unit: 'hours' }], table, schema)).toThrow(/counts hours, but "Break \(min\)" is no date/);
  });
});

describe('a time of day the hours worked and the minutes of break after another', () => {
  // Clock times with no date: ends = start + hours (quarters) + break (whole minutes).
  const rng = new Rng(8);
  const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const start = Array.from({ length: 400 }, () => 7 * 60 + 15 * rng.int(13));
  const worked = start.map(() => 240 + 15 * rng.int(25));
  const rest = start.map(() => [0, 30, 30, 45, 60][rng.int(5)]);
  const table = tableFromColumns(
    ['Start', 'End', 'Break (min)', 'Hours'],
    [start.map(clock), start.map((s, r) => clock(s + worked[r] + rest[r])), rest.map(String), worked.map((w) => (w / 60).toFixed(2))],
  );
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'sum', total: 'End', parts: ['Start', 'Hours', 'Break (min)'], units: ['hours', 'minutes'] };

  it('is found, and kept on 20,000 rows decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('End = Start + Hours (hours) + Break (min) (minutes)');
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 3), 20_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(5_000);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
    expect(decoded.table.columns[1][0]).toMatch(/^\d\d:\d\d$/);
  });

  it('is not found where the ends are shuffled apart, and reads from JSON with a unit for each number', () => {
    const ends = new Rng(2).shuffle([...table.columns[1]]);
    const shuffled = tableFromColumns(table.names, [table.columns[0], ends, ...table.columns.slice(2)]);
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'sum')).toEqual([]);
    const [read] = parseRules([{ kind: 'sum', total: 'End', parts: ['Start', 'Hours', 'Break (min)'], units: ['hours', 'minutes'] }]);
    expect(read).toEqual(rule);
    expect(() => validateRules([read], table, schema)).not.toThrow();
    expect(() => parseRules([{ kind: 'sum', total: 'End', parts: ['Start', 'Hours', 'Break (min)'], units: ['hours', 'fortnights'] }])).toThrow(/Rule 1 is not one of/);
    const wrong: Rule = { ...rule, units: ['minutes', 'hours'] };
    expect(() => validateRules([wrong], table, schema)).toThrow(/breaks|break/);
    const small = Array.from({ length: 40 }, (_, r) => String(r % 4));
    const numbers = tableFromColumns(['Total', 'A', 'B', 'C'], [small.map((x) => String(3 * Number(x))), small, small, small]);
    const undated: Rule = { kind: 'sum', total: 'Total', parts: ['A', 'B', 'C'], units: ['hours', 'minutes'] };
    expect(() => validateRules([undated], numbers, inferSchema(numbers))).toThrow('counts hours and minutes, but "Total" is no date');
  });
});
