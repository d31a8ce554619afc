import { describe, expect, it } from 'vitest';
import { findRules } from './findRules';
import { overtimeTable } from './ruleTables';
import { describeRule, parseRules, validateRules, type Rule } from './rules';
import { inferSchema } from './schema';
import { tableFromColumns } from './table';
import { Rng } from '../util/rng';

const excessIn = (rules: Rule[]) => rules.filter((r) => r.kind === 'excess');

describe('the part of a number above a threshold', () => {
  const table = overtimeTable(400);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));

  it('is found above and below, at the round threshold, with no sign rule beside it', () => {
    expect(excessIn(rules)).toEqual([
      { kind: 'excess', column: 'Overtime', of: 'Hours', over: 8 },
      { kind: 'excess', column: 'Short', of: 'Hours', over: 7.5, below: true },
    ]);
    expect(rules.map(describeRule)).toContain('Overtime = the part of Hours above 8, else 0');
    expect(rules.filter((r) => r.kind === 'range' && r.column === 'Overtime')).toEqual([]);
  });

  it('is not proposed between independent columns, on 20 rows or 2,000', () => {
    const rng = new Rng(2);
    for (const rows of [20, 2000]) {
      const x = Array.from({ length: rows }, () => (5 + rng.int(24) / 4).toFixed(2));
      const noise = tableFromColumns(['X', 'Y'], [x, x.map(() => (rng.next() < 0.5 ? 0 : rng.int(12) / 4).toFixed(2))]);
      expect(excessIn(findRules(noise, inferSchema(noise), new Rng(1)))).toEqual([]);
    }
  });

  it('reads from JSON and says how many seed rows break a wrong threshold', () => {
    expect(parseRules([{ kind: 'excess', column: 'Overtime', of: 'Hours', over: 8 }])).toEqual([excessIn(rules)[0]]);
    expect(() => parseRules([{ kind: 'excess', column: 'Overtime', of: 'Hours', over: '8' }])).toThrow('Rule 1 is not one of');
    const wrong = parseRules([{ kind: 'excess', column: 'Overtime', of: 'Hours', over: 7 }]);
    expect(() => validateRules(wrong, table, schema)).toThrow(/breaks the rule "Overtime = the part of Hours above 7(\.00)?, else 0" in \d+ of 400 rows/);
  });
});
