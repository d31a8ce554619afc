import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { describeRule, parseRules, validateRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { breaksWithoutRules, decodedWithRules } from './keptRules';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Loans: due 21 or 7 days after the loan, returned up to a fortnight either side, days late 0 when in time; some still out. */
function loans(rows: number, seed = 4): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = [[], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const type = rng.next() < 0.6 ? 'Book' : 'DVD';
    const loan = Date.UTC(2024, 0, 1) + rng.int(300) * DAY;
    const due = loan + (type === 'Book' ? 21 : 7) * DAY;
    const out = rng.next() < 0.1;
    const back = due + (rng.int(25) - 14) * DAY;
    cols[0].push(type);
    cols[1].push(iso(loan));
    cols[2].push(iso(due));
    cols[3].push(out ? null : iso(back));
    cols[4].push(out ? null : String(Math.max(0, (back - due) / DAY)));
  }
  return tableFromColumns(['Item', 'Loan date', 'Due date', 'Returned', 'Days late'], cols);
}

describe('days late: the days from a due date to the return, 0 in time', () => {
  const table = loans(600);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'excess', column: 'Days late', of: 'Returned', over: 0, since: 'Due date' };

  it('is found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Days late = the days from Due date to Returned, or 0 where not after');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const decoded = decodedWithRules(table, schema, rules);
    expect(decoded.table.rowCount).toBeGreaterThan(2_000);
    expect(decoded.broken).toEqual({});
    expect(breaksWithoutRules(table, schema, rule)).toBeGreaterThan(500);
  });

  it('is not found where the days are shuffled apart, on 600 rows or 20', () => {
    const days = table.columns[4];
    const shuffled = tableFromColumns(table.names, [...table.columns.slice(0, 4), new Rng(3).shuffle([...days])]);
    const few = tableFromColumns(table.names, shuffled.columns.map((c) => c.slice(0, 20)));
    for (const t of [shuffled, few]) expect(findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'excess')).toEqual([]);
  });

  it('says what is wrong with a rule the seed breaks, or one of the wrong kinds of column', () => {
    expect(() => validateRules([{ ...rule, over: 3 } as Rule], table, schema)).toThrow(/breaks the rule .* in \d+ of 600 rows/);
    expect(() => validateRules([{ ...rule, since: 'Item' } as Rule], table, schema)).toThrow(/"Item" is a categorical column/);
    expect(() => validateRules([{ ...rule, column: 'Loan date' } as Rule], table, schema)).toThrow(/"Loan date" must be a number/);
  });
});
