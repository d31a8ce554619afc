import { describe, expect, it } from 'vitest';
import { findRules } from './findRules';
import { ratesTable } from './ruleTables';
import { countBreaks, parseRules, validateRules, type Rule } from './rules';
import { inferSchema } from './schema';
import { selectRows, tableFromColumns } from './table';
import { Rng } from '../util/rng';

const lookupsIn = (rules: Rule[]) => rules.filter((r) => r.kind === 'lookup');

describe('a column fixed by two keys', () => {
  it('is found where neither key fixes it alone, with every pair the seed has', () => {
    const table = ratesTable(400);
    const rules = findRules(table, inferSchema(table), new Rng(1));
    const [lookup] = lookupsIn(rules);
    expect(lookup).toMatchObject({ column: 'Rate (%)', by: ['Grade', 'Term (months)'] });
    expect(lookup.kind === 'lookup' && lookup.values).toContainEqual(['B', '36', '4.95']);
    expect(lookup.kind === 'lookup' && lookup.values).toHaveLength(12);
    // The grade's steps of the rate hold wherever the lookup writes the rate: not listed beside it.
    expect(rules.filter((r) => r.kind === 'step')).toEqual([]);
  });

  it('is not proposed from 20 rows, nor where one key fixes the column alone', () => {
    const table = ratesTable(20);
    expect(lookupsIn(findRules(table, inferSchema(table), new Rng(1)))).toEqual([]);
    const rng = new Rng(3);
    const plan = Array.from({ length: 300 }, () => ['Free', 'Pro', 'Team'][rng.int(3)]);
    const byPlan = tableFromColumns(['Plan', 'Region', 'Price'], [plan, plan.map(() => ['EU', 'US'][rng.int(2)]), plan.map((p) => ({ Free: '0', Pro: '12', Team: '30' })[p]!)]);
    expect(lookupsIn(findRules(byPlan, inferSchema(byPlan), new Rng(1)))).toEqual([]);
  });

  it('is not found between independent columns, on 3,000 rows', () => {
    const rng = new Rng(4);
    const a = Array.from({ length: 3000 }, () => ['x', 'y', 'z'][rng.int(3)]);
    const table = tableFromColumns(['A', 'B', 'C'], [a, a.map(() => String(rng.int(4))), a.map(() => ['p', 'q'][rng.int(2)])]);
    expect(lookupsIn(findRules(table, inferSchema(table), new Rng(1)))).toEqual([]);
  });

  it('reads from JSON, matches keys and values by number, and says how many seed rows break it', () => {
    const table = ratesTable(300);
    const schema = inferSchema(table);
    const [lookup] = lookupsIn(findRules(table, schema, new Rng(1)));
    const written = JSON.parse(JSON.stringify([lookup]));
    expect(parseRules(written)).toEqual([lookup]);
    // "36.0" for the term and "4.950" for the rate are the same numbers.
    const values = (lookup.kind === 'lookup' ? lookup.values : []).map(([g, t, v]) => [g, `${t}.0`, `${v}0`]);
    expect(() => validateRules(parseRules([{ ...written[0], values }]), table, schema)).not.toThrow();
    const wrong = parseRules([{ ...written[0], values: values.slice(1) }]);
    const [g, t] = values[0];
    const rows = table.columns[1].filter((x, r) => x === g && table.columns[2][r] === t.replace('.0', '')).length;
    expect(() => validateRules(wrong, table, schema)).toThrow(`in ${rows} of 300 rows`);
    expect(() => parseRules([{ kind: 'lookup', column: 'Rate (%)', by: ['Grade'], values }])).toThrow('Rule 1 is not one of');
    const byDate = tableFromColumns(['Day', 'Grade', 'Rate'], [['2024-01-01', '2024-01-02', '2024-01-01', '2024-01-02'], ['A', 'B', 'A', 'B'], ['1.5', '2.5', '1.5', '2.5']]);
    expect(() => validateRules([{ kind: 'lookup', column: 'Rate', by: ['Day', 'Grade'], values: [['2024-01-01', 'A', '1.5']] }], byDate, inferSchema(byDate))).toThrow('is a date column');
  });

  it('holds on a sample of a large table it was found on', () => {
    const table = ratesTable(30_000);
    const rules = lookupsIn(findRules(table, inferSchema(table), new Rng(1)));
    expect(rules).toHaveLength(1);
    expect(countBreaks(selectRows(table, [0, 1, 2]), inferSchema(table), rules[0])).toBe(0);
  });
});
