import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('a column blank one way: always for some values of a category, either for the rest', () => {
  const rng = new Rng(9);
  const channel = Array.from({ length: 600 }, () => ['Web', 'Desk', 'Phone'][rng.int(3)]);
  const promo = channel.map((c) => (c === 'Web' && rng.next() < 0.4 ? ['SPRING', 'FRIENDS'][rng.int(2)] : null));
  const amount = channel.map(() => (10 + rng.int(90)).toFixed(2));
  const table = tableFromColumns(['Channel', 'Promo', 'Amount'], [channel, promo, amount]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'blank', column: 'Promo', when: 'Channel', values: ['Desk', 'Phone'], oneWay: true };

  it('is found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Promo is blank when Channel is Desk or Phone');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 3), 3_000, new Rng(4));
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
    // Web rows keep both: some with a code, some without.
    const web = decoded.table.columns[1].filter((_, r) => decoded.table.columns[0][r] === 'Web');
    expect(web.some((v) => v === null) && web.some((v) => v !== null)).toBe(true);
  });

  it('is not found where the channel is shuffled apart, nor on 20 rows', () => {
    const shuffled = tableFromColumns(table.names, [new Rng(2).shuffle([...channel]), promo, amount]);
    const few = tableFromColumns(table.names, table.columns.map((c) => c.slice(0, 20)));
    for (const t of [shuffled, few]) expect(findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'blank')).toEqual([]);
  });
});

describe('a column blank one way by a count of many values', () => {
  it('is not read from the few counts that happen to be all blank: an allergy blank on nine rows in ten, by meals taken', () => {
    const rng = new Rng(11);
    const meals = Array.from({ length: 900 }, () => 20 + rng.int(40));
    const allergy = meals.map(() => (rng.next() < 0.09 ? ['Nuts', 'Gluten', 'Dairy'][rng.int(3)] : null));
    const table = tableFromColumns(['Meals Taken', 'Allergy'], [meals.map(String), allergy]);
    expect(findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'blank').map(describeRule)).toEqual([]);
  });
});

describe('a column blank where another is filled', () => {
  it('gives no rule read the wrong way round, and no found rule breaks its seed', () => {
    // Arrears kept while a tenancy runs, blank once it has ended.
    const rng = new Rng(12);
    const ended = Array.from({ length: 600 }, () => rng.next() < 0.7);
    const table = tableFromColumns(
      ['End Date', 'Arrears (£)'],
      [ended.map((e) => (e ? `2023-${String(1 + rng.int(12)).padStart(2, '0')}-15` : null)), ended.map((e) => (e ? null : (rng.next() < 0.8 ? 0 : rng.int(900)).toFixed(2)))],
    );
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map(describeRule)).not.toContain('Arrears (£) is blank exactly when End Date is blank');
    for (const rule of rules) expect(countBreaks(table, schema, rule), describeRule(rule)).toBe(0);
  });
});
