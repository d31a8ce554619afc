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

describe("a key's own values beside a category of its rows", () => {
  // 70 volunteers, each of one first name (of 21) and mostly one site, about 11 shifts each:
  // some names are never seen at some site, as 70 draws would leave them, whatever the rows.
  function shifts(seed: number): Table {
    const rng = new Rng(seed);
    const names = ['Ana', 'Chloe', 'Dev', 'Elif', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jade', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tom', 'Uma', 'Vic'];
    const sites = ['Riverside', 'Northside', 'Downtown'];
    const cols: string[][] = [[], [], [], []];
    for (let v = 0; v < 70; v++) {
      const [name, home] = [names[rng.int(names.length)], sites[rng.int(sites.length)]];
      for (let k = 0, n = 2 + rng.int(20); k < n; k++) {
        const site = rng.next() < 0.9 ? home : sites[rng.int(sites.length)];
        // Drivers work from Downtown only: a rule of the rows.
        const role = site === 'Downtown' && rng.next() < 0.3 ? 'Driver' : rng.next() < 0.5 ? 'Kitchen' : 'Sorting';
        [`VOL${1000 + v}`, name, site, role].forEach((x, c) => cols[c].push(x));
      }
    }
    return tableFromColumns(['Volunteer ID', 'First Name', 'Site', 'Role'], cols);
  }

  it('are no rule, counted in keys, while a rule of the rows still is', () => {
    for (const seed of [1, 2, 3]) {
      const table = shifts(seed);
      const rules = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'among');
      expect(rules.map((r) => r.kind === 'among' && r.column)).not.toContain('First Name');
      expect(rules.map(describeRule)).toEqual(['Role by Site: Kitchen or Sorting for Northside; Kitchen or Sorting for Riverside']);
    }
  });
});

describe('a lookup beside a blank key', () => {
  // A box's charge: its plan's price less its discount code's share; with no code the plan's
  // price, or 0 when the month is skipped (codes never on skipped months).
  function boxes(rows: number): Table {
    const rng = new Rng(12);
    const price: Record<string, number> = { Basic: 19.99, Plus: 29.99, Premium: 44.99 };
    const off: Record<string, number> = { LOYAL20: 0.2, SPRING15: 0.15, WELCOME10: 0.1 };
    const cols: (string | null)[][] = [[], [], [], []];
    for (let r = 0; r < rows; r++) {
      const plan = ['Basic', 'Plus', 'Premium'][rng.int(3)];
      const skipped = rng.next() < 0.12;
      const code = !skipped && rng.next() < 0.15 ? ['LOYAL20', 'SPRING15', 'WELCOME10'][rng.int(3)] : null;
      const charged = skipped ? 0 : code ? Math.round(price[plan] * (1 - off[code]) * 100) / 100 : price[plan];
      [plan, skipped ? 'Y' : 'N', code, charged.toFixed(2)].forEach((v, c) => cols[c].push(v));
    }
    return tableFromColumns(['Plan', 'Skipped', 'Code', 'Charged'], cols);
  }

  it("leaves the modelled value where a key is blank, not the seed's most frequent one", () => {
    const table = boxes(900);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map((r) => r.kind)).toContain('lookup');
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const { table: out } = transformer.decodeChecked(untrainedRows(transformer.layout.width, 4_000, 3), 4_000, new Rng(4));
    const at = (name: string) => out.columns[out.names.indexOf(name)];
    const uncoded = new Set(at('Charged').filter((_, r) => at('Code')[r] === null));
    // Untrained rows hold any plan's price there, and 0 on skipped months; one value would be every row at 19.99.
    expect(uncoded.size).toBeGreaterThan(2);
    expect(at('Skipped').filter((v) => v === 'Y').length).toBeGreaterThan(100);
  });
});
