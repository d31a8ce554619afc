import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { findRules } from './findRules';
import { flagsTable } from './ruleTables';
import { describeRule, parseRules, validateRules } from './rules';
import { inferSchema } from './schema';
import { tableFromColumns } from './table';

describe('flags of how two numbers compare', () => {
  it('finds a sold-out flag and a reorder flag, naming the value that reads as yes', () => {
    const table = flagsTable(400);
    const texts = findRules(table, inferSchema(table), new Rng(1)).map(describeRule);
    expect(texts).toContain('Sold Out is TRUE exactly when Capacity = Attendance, else FALSE');
    expect(texts).toContain('Needs reorder is yes exactly when Quantity on hand < Reorder level, else no');
  });

  it('takes a flag that matches on 20 rows for chance, and needs it on every row', () => {
    const few = flagsTable(20);
    const flags = (t: typeof few) => findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'flag');
    expect(flags(few)).toEqual([]);
    const table = flagsTable(400);
    const sold = table.columns[3].map((v, r) => (r === 7 ? (v === 'TRUE' ? 'FALSE' : 'TRUE') : v));
    const off = tableFromColumns(table.names, table.columns.map((c, k) => (k === 3 ? sold : c)));
    expect(flags(off).map(describeRule).filter((t) => t.startsWith('Sold Out'))).toEqual([]);
  });

  it('is read from JSON ("<=" as ≤) and refused with a clear message where the seed breaks it or the value is unknown', () => {
    const table = flagsTable(200);
    const schema = inferSchema(table);
    const [rule] = parseRules([{ kind: 'flag', column: 'Needs reorder', left: 'Quantity on hand', op: '<=', right: 'Reorder level', values: ['yes', 'no'] }]);
    expect(describeRule(rule)).toBe('Needs reorder is yes exactly when Quantity on hand ≤ Reorder level, else no');
    expect(() => validateRules([rule], table, schema)).toThrow(/breaks the rule .* in \d+ of 200 rows/);
    const [typo] = parseRules([{ kind: 'flag', column: 'Sold Out', left: 'Capacity', op: '=', right: 'Attendance', values: ['true', 'FALSE'] }]);
    expect(() => validateRules([typo], table, schema)).toThrow('names "true", which "Sold Out" never is in your data');
    expect(() => parseRules([{ kind: 'flag', column: 'Sold Out', left: 'Capacity', op: '>', right: 'Attendance', values: ['TRUE', 'FALSE'] }])).toThrow(/Rule 1 is not one of/);
  });
});
