import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { datePart } from './dateParts';
import { findRules } from './findRules';
import { countBreaks, describeRule, parseRules, validateRules, type Rule } from './rules';
import { inferSchema } from './schema';
import { tableFromColumns, type Table } from './table';

/** Sales: a date, its year, month number, month name, weekday, quarter and year-month, and a category of noise. */
function sales(rows: number, seed = 3): Table {
  const rng = new Rng(seed);
  const dates = Array.from({ length: rows }, () => new Date(Date.UTC(2022, 0, 1) + rng.int(900) * 86_400_000));
  const text = (d: Date, options: Intl.DateTimeFormatOptions) => d.toLocaleString('en-US', { ...options, timeZone: 'UTC' });
  return tableFromColumns(
    ['Date', 'Year', 'Month', 'Month name', 'Weekday', 'Quarter', 'Period', 'Store'],
    [
      dates.map((d) => d.toISOString().slice(0, 10)),
      dates.map((d) => String(d.getUTCFullYear())),
      dates.map((d) => String(d.getUTCMonth() + 1)),
      dates.map((d) => text(d, { month: 'short' })),
      dates.map((d) => text(d, { weekday: 'long' })),
      dates.map((d) => `Q${Math.floor(d.getUTCMonth() / 3) + 1}`),
      dates.map((d) => d.toISOString().slice(0, 7)),
      dates.map(() => ['North', 'South', 'East'][rng.int(3)]),
    ],
  );
}

const parts = (table: Table) => findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'part');

describe('date part rules', () => {
  it('finds the year, month, month name, weekday, quarter and year-month beside a date, and nothing from a store', () => {
    expect(parts(sales(300)).map(describeRule)).toEqual([
      'Year is the year of Date',
      'Month is the month of Date',
      'Month name is the month of Date',
      'Weekday is the weekday of Date',
      'Quarter is the quarter of Date',
      'Period is the year and month of Date',
    ]);
    // A month number fixed by its date needs no sign rule of its own.
    expect(findRules(sales(300), inferSchema(sales(300)), new Rng(1)).map(describeRule)).not.toContain('Month ≥ 0');
  });

  it('says a season over year-months is fixed by them, and reads that back from JSON', () => {
    const rng = new Rng(3);
    const days = Array.from({ length: 400 }, () => Date.UTC(2022, 7, 1) + rng.int(600) * 86_400_000);
    const season = (ms: number) => {
      const d = new Date(ms);
      const start = d.getUTCMonth() >= 6 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
      return `${start}/${String(start + 1).slice(2)}`;
    };
    const table = tableFromColumns(['Match Date', 'Season'], [days.map((d) => new Date(d).toISOString().slice(0, 10)), days.map(season)]);
    const [rule] = parts(table);
    expect(describeRule(rule)).toBe('Season is fixed by the year and month of Match Date');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
  });

  it('takes the same columns on 20 rows for chance', () => {
    expect(parts(sales(20))).toEqual([]);
  });

  it('reads the parts of a date: a Sunday is 7, a year-month its first day', () => {
    const sunday = Date.UTC(2024, 2, 31, 23, 59);
    expect(['year', 'quarter', 'month', 'weekday', 'day'].map((p) => datePart(p as never, sunday))).toEqual([2024, 1, 3, 7, 31]);
    expect(datePart('year-month', sunday)).toBe(Date.UTC(2024, 2, 1));
    expect(datePart('month', NaN)).toBeNaN();
  });

  it('reads a part rule from JSON, counts the seed rows that break one, and refuses one on a column that is no date', () => {
    const rule: Rule = { kind: 'part', column: 'Quarter', date: 'Date', part: 'month' };
    expect(parseRules([rule])).toEqual([rule]);
    expect(() => parseRules([{ ...rule, part: 'century' }])).toThrow(/Rule 1 is not one of/);
    const table = sales(200);
    const schema = inferSchema(table);
    expect(() => validateRules([rule], table, schema)).not.toThrow();
    // The month does not fix the weekday: rows away from each month's most common weekday break it.
    expect(countBreaks(table, schema, { ...rule, column: 'Weekday' })).toBeGreaterThan(100);
    expect(() => validateRules([{ ...rule, column: 'Weekday' }], table, schema)).toThrow(/breaks the rule "Weekday is the month of Date" in \d+ of 200 rows/);
    expect(() => validateRules([{ ...rule, date: 'Store' }], table, schema)).toThrow(/needs a date after "of", but "Store" is a categorical column/);
  });
});
