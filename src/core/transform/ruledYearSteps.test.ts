import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, validateRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { wholeYears } from '../data/years';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Renewals: 10 % off after 5 whole years of membership, 25 % after 10, and the fee paid after it. */
function renewals(rows: number, seed: number): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], []];
  for (let r = 0; r < rows; r++) {
    const joined = Date.UTC(2005, 0, 1) + rng.int(6_000) * DAY;
    const renewed = Math.max(joined + 365 * DAY, Date.UTC(2020, 0, 1) + rng.int(1_500) * DAY);
    const years = wholeYears(joined, renewed);
    const discount = years >= 10 ? 25 : years >= 5 ? 10 : 0;
    [iso(joined), iso(renewed), String(discount), ((342 * (100 - discount)) / 100).toFixed(2)].forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Join Date', 'Renewal Date', 'Discount (%)', 'Fee Paid'], cols);
}

describe('a column in steps of the whole years between two dates', () => {
  const table = renewals(600, 3);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'step', column: 'Discount (%)', from: 'Renewal Date', since: 'Join Date', cutoffs: [5, 10], values: ['0', '10', '25'] };

  it('is found, read as a person writes it, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Discount (%) by the whole years from Join Date to Renewal Date: 0 below 5, 10 below 10, 25 from 10');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    expect(() => validateRules([rule], table, schema)).not.toThrow();
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 5_000, 3), 5_000, new Rng(4)).table;
    expect(decoded.rowCount).toBeGreaterThan(1_000);
    for (const r of rules) expect(countBreaks(decoded, schema, r), describeRule(r)).toBe(0);
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 2_000, 3), 2_000, new Rng(4)), schema, rule)).toBeGreaterThan(500);
  });

  it("is not found where the discounts (and fees, shuffled alike) are apart from the dates, on 600 rows or 20", () => {
    for (const rows of [600, 20]) {
      const t = renewals(rows, 3);
      const shuffled = tableFromColumns(t.names, t.columns.map((c, k) => (k >= 2 ? new Rng(9).shuffle([...c]) : c)));
      expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'step').map(describeRule)).toEqual([]);
    }
  });

  it('names dates in a rule a person adds by hand', () => {
    const wrong: Rule = { ...rule, since: 'Fee Paid' };
    expect(() => validateRules([wrong], table, schema)).toThrow(/counts years between two dates, but "Fee Paid" is a numeric column/);
  });
});
