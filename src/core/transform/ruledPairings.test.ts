import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, validateRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const MEMOS: Record<string, string[]> = { Deposit: ['Salary', 'Refund', 'Transfer in'], Withdrawal: ['Rent', 'Groceries', 'Cash', 'Transfer out'], Fee: ['Monthly fee', 'ATM fee'] };

/** Transactions: a type, a channel (never a deposit at an ATM), a memo among its type's (blank on some rows), an amount. */
function transactions(rows: number, seed = 3): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = [[], [], [], []];
  for (let r = 0; r < rows; r++) {
    const type = ['Deposit', 'Withdrawal', 'Withdrawal', 'Fee'][rng.int(4)];
    const channels = type === 'Deposit' ? ['Online', 'Branch'] : ['Online', 'Branch', 'ATM'];
    const memos = MEMOS[type];
    cols[0].push(type);
    cols[1].push(channels[rng.int(channels.length)]);
    cols[2].push(rng.next() < 0.05 ? null : memos[rng.int(memos.length)]);
    cols[3].push((5 + rng.int(50_000) / 100).toFixed(2));
  }
  return tableFromColumns(['Type', 'Channel', 'Memo', 'Amount'], cols);
}

const pairings = (table: Table) => findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'among' || r.kind === 'differ');

describe('categories that go together only so', () => {
  it('finds no deposits at an ATM and each type’s memos, leaving out the memos at an ATM that follow from the two', () => {
    expect(pairings(transactions(800)).map(describeRule)).toEqual([
      'Channel is Branch or Online when Type is Deposit',
      'Memo by Type: Refund, Salary or Transfer in for Deposit; ATM fee or Monthly fee for Fee; Cash, Groceries, Rent or Transfer out for Withdrawal',
    ]);
  });

  it('takes no rule from 20 rows, nor from independent columns', () => {
    expect(pairings(transactions(20))).toEqual([]);
    const table = transactions(800);
    const shuffled = tableFromColumns(table.names, [table.columns[0], new Rng(5).shuffle([...table.columns[1]]), new Rng(6).shuffle([...table.columns[2]]), table.columns[3]]);
    expect(pairings(shuffled)).toEqual([]);
  });

  it('keeps both on 20,000 rows decoded from random model output, which break them without the rules', () => {
    const table = transactions(800);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    const plain = new TableTransformer(table, schema, 1, { rules: [] }).decode(untrainedRows(new TableTransformer(table, schema, 1, { rules: [] }).layout.width, 5_000, 3), 5_000, new Rng(4));
    for (const rule of pairings(table)) expect(countBreaks(plain, schema, rule), describeRule(rule)).toBeGreaterThan(100);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 3), 20_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(3_000);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    expect(new Set(decoded.table.columns[1])).toEqual(new Set(['Online', 'Branch', 'ATM']));
  });

  it('reads from JSON, and says what is wrong with a rule the seed breaks or one on numbers', () => {
    const table = transactions(800);
    const schema = inferSchema(table);
    const [rule] = parseRules([{ kind: 'among', column: 'Channel', when: 'Type', allowed: { Deposit: ['Branch', 'Online'] } }]);
    expect(() => validateRules([rule], table, schema)).not.toThrow();
    const strict: Rule = { kind: 'among', column: 'Channel', when: 'Type', allowed: { Deposit: ['Branch'] } };
    expect(() => validateRules([strict], table, schema)).toThrow(/\d+ of 800 rows/);
    expect(() => validateRules([{ kind: 'differ', left: 'Type', right: 'Amount' }], table, schema)).toThrow(/"Amount" is a numeric column/);
    expect(() => parseRules([{ kind: 'among', column: 'Channel', when: 'Type', allowed: { Deposit: [] } }])).toThrow(/Rule 1 is not one of/);
  });
});

describe('two categories that never match', () => {
  const teams = ['Ajax', 'Bolton', 'Celtic', 'Derby', 'Everton', 'Fulham'];
  const matches = (rows: number, rng = new Rng(2)) => {
    const home = Array.from({ length: rows }, () => teams[rng.int(teams.length)]);
    const away = home.map((h) => {
      const others = teams.filter((t) => t !== h);
      return others[rng.int(others.length)];
    });
    return tableFromColumns(['Home Team', 'Away Team'], [home, away]);
  };

  it('finds a team never playing itself, and nothing on 20 rows', () => {
    expect(pairings(matches(400)).map(describeRule)).toEqual(['Home Team ≠ Away Team']);
    expect(pairings(matches(20))).toEqual([]);
  });

  it('keeps it on rows decoded from random model output', () => {
    const table = matches(400);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 10_000, 3), 10_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(5_000);
    expect(countBreaks(decoded.table, schema, { kind: 'differ', left: 'Home Team', right: 'Away Team' })).toBe(0);
  });
});
