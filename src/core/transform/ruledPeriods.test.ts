import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, validateRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { addMonths } from '../data/years';
import { Rng } from '../util/rng';
import { breaksWithoutRules, decodedWithRules } from './keptRules';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const MONTHS: Record<string, number> = { Monthly: 1, Quarterly: 3, Annual: 12 };

/** Memberships: a plan, a start, an end the plan's months later, visits, and a last visit blank exactly where there were none. */
function memberships(rows: number, seed = 2): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = [[], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const plan = ['Monthly', 'Monthly', 'Quarterly', 'Annual'][rng.int(4)];
    const start = Date.UTC(2023, 0, 1) + rng.int(700) * DAY;
    const end = addMonths(start, MONTHS[plan]);
    const visits = rng.next() < 0.1 ? 0 : 1 + rng.int(Math.round((end - start) / DAY / 3));
    cols[0].push(plan);
    cols[1].push(iso(start));
    cols[2].push(iso(end));
    cols[3].push(String(visits));
    cols[4].push(visits === 0 ? null : iso(start + rng.int(Math.round((end - start) / DAY)) * DAY));
  }
  return tableFromColumns(['Plan', 'Start Date', 'End Date', 'Visits', 'Last Visit'], cols);
}

describe('an end its category’s months after its start', () => {
  const table = memberships(500);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'period', end: 'End Date', start: 'Start Date', by: 'Plan', unit: 'months', lengths: { Annual: 12, Monthly: 1, Quarterly: 3 } };

  it('is found with the last visit blank exactly where there were none, and both kept on rows decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('End Date = Start Date + months by Plan: 1 for Monthly; 3 for Quarterly; 12 for Annual');
    expect(rules).toContainEqual({ kind: 'blank', column: 'Last Visit', when: 'Visits', values: ['0'] });
    // The end after its start is the period's to say.
    expect(rules.map(describeRule)).not.toContain('End Date ≥ Start Date');
    const decoded = decodedWithRules(table, schema, rules);
    expect(decoded.table.rowCount).toBeGreaterThan(2_000);
    expect(decoded.broken).toEqual({});
    expect(breaksWithoutRules(table, schema, rule)).toBeGreaterThan(1_000);
  });

  it('is not found where the ends are shuffled apart, reads from JSON, and says what is wrong with a length the seed breaks', () => {
    const shuffled = tableFromColumns(table.names, table.columns.map((c, i) => (i === 2 ? new Rng(3).shuffle([...c]) : c)));
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'period')).toEqual([]);
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const wrong: Rule = { ...rule, lengths: { ...rule.lengths, Annual: 6 } } as Rule;
    expect(() => validateRules([wrong], table, schema)).toThrow(/rows/);
    expect(() => parseRules([{ ...rule, unit: 'weeks' }])).toThrow(/Rule 1 is not one of/);
  });
});

describe('a number 0 on every row of some values of a category, and now and then elsewhere', () => {
  // Claims: nothing paid when rejected; a settled claim pays what is left past its deductible, which may be nothing.
  const rng = new Rng(9);
  const status = Array.from({ length: 600 }, () => ['Settled', 'Settled', 'Settled', 'Rejected'][rng.int(4)]);
  const claimed = status.map(() => Math.round(Math.exp(7 + rng.normal()) * 100) / 100);
  const paid = claimed.map((c, r) => (status[r] === 'Rejected' ? 0 : Math.max(0, c - 500)));
  const table = tableFromColumns(['Status', 'Claimed', 'Paid'], [status, claimed.map((x) => x.toFixed(2)), paid.map((x) => x.toFixed(2))]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'zero', column: 'Paid', when: 'Status', values: ['Rejected'], oneWay: true };

  it('is found one way, read from JSON, and kept on rows decoded from random model output', () => {
    expect(paid.filter((x, r) => x === 0 && status[r] === 'Settled').length).toBeGreaterThan(10);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Paid is 0 when Status is Rejected');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 10_000, 3), 10_000, new Rng(4));
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
    // Settled claims paying nothing are still made.
    const [statuses, , paids] = decoded.table.columns;
    expect(statuses.some((s, r) => s === 'Settled' && Number(paids[r]) === 0)).toBe(true);
  });

  it('is not found where the status is shuffled apart, nor from stores of a few rows that happen to give no discount', () => {
    const shuffled = tableFromColumns(table.names, [new Rng(3).shuffle([...table.columns[0]]), table.columns[1], table.columns[2]]);
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'zero')).toEqual([]);
    // 300 rows over 50 stores, a discount of 0 on 70 % of rows at random: a few stores are all 0 by chance.
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = new Rng(seed);
      const store = Array.from({ length: 300 }, () => `S${String(r.int(50)).padStart(2, '0')}`);
      const discount = store.map(() => (r.next() < 0.7 ? '0' : String(1 + r.int(50))));
      const random = tableFromColumns(['Store', 'Discount'], [store, discount]);
      expect(findRules(random, inferSchema(random), new Rng(1)).filter((x) => x.kind === 'zero')).toEqual([]);
    }
  });
});

describe('a due date its item type’s days after the loan', () => {
  it('is found one way only, not again as the loan that many days before the due date', () => {
    const rng = new Rng(5);
    const DAYS: Record<string, number> = { Book: 21, Audiobook: 21, DVD: 7, Magazine: 7 };
    const types = Array.from({ length: 400 }, () => Object.keys(DAYS)[rng.int(4)]);
    const loans = types.map(() => Date.UTC(2024, 0, 1) + rng.int(300) * DAY);
    const table = tableFromColumns(['Item type', 'Loan date', 'Due date'], [types, loans.map(iso), loans.map((l, r) => iso(l + DAYS[types[r]] * DAY))]);
    const periods = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'period');
    expect(periods.map(describeRule)).toEqual(['Due date = Loan date + days by Item type: 7 for DVD, Magazine; 21 for Audiobook, Book']);
  });
});

describe('an end a number of hours by category after its start', () => {
  const rng = new Rng(6);
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const created = Array.from({ length: 400 }, () => Date.UTC(2024, 0, 1) + rng.int(200 * 24 * 60) * 60_000);
  const service = created.map(() => (rng.next() < 0.3 ? 'Express' : 'Standard'));
  const promised = created.map((c, r) => c + (service[r] === 'Express' ? 4 : 48) * 3_600_000);
  const table = tableFromColumns(['Created At', 'Service', 'Promised By'], [created.map(stamp), service, promised.map(stamp)]);
  const schema = inferSchema(table);

  it('is found in hours between dates with a time of day, and kept on rows decoded from random model output', () => {
    const rule: Rule = { kind: 'period', end: 'Promised By', start: 'Created At', by: 'Service', unit: 'hours', lengths: { Express: 4, Standard: 48 } };
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Promised By = Created At + hours by Service: 4 for Express; 48 for Standard');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 4_000, 3), 4_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(1_000);
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
  });
});

describe('an end months by category after its start, less a day', () => {
  const rng = new Rng(8);
  const start = Array.from({ length: 300 }, () => Date.UTC(2024, rng.int(12), 1 + rng.int(28)));
  const cycle = start.map(() => (rng.next() < 0.3 ? 'Annual' : 'Monthly'));
  const end = start.map((s, r) => addMonths(s, cycle[r] === 'Annual' ? 12 : 1) - DAY);
  const table = tableFromColumns(['Issued', 'Cycle', 'Period end'], [start.map(iso), cycle, end.map(iso)]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'period', end: 'Period end', start: 'Issued', by: 'Cycle', unit: 'months', lengths: { Annual: 12, Monthly: 1 }, dayBefore: true };

  it('is found, read from JSON, and kept on rows decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Period end = Issued + months by Cycle, less a day: 1 for Monthly; 12 for Annual');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 3), 3_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(1_000);
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
  });
});
