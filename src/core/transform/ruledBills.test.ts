import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { onMonthDay, sharedMonthDay } from './monthDays';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const PLANS = { Basic: [200, 15, 0.1], Plus: [1000, 40, 0.05] } as const;
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/**
 * A phone operator's bills: minutes over the plan's allowance, charged at its rate; a roaming
 * charge on a few bills; the total of the three; billed on the 1st, due 14 days later.
 */
function bills(rows: number, seed = 3): Table {
  const rng = new Rng(seed);
  const cols: string[][] = Array.from({ length: 11 }, () => []);
  for (let r = 0; r < rows; r++) {
    const plan = rng.next() < 0.6 ? 'Basic' : 'Plus';
    const [allowance, fee, rate] = PLANS[plan];
    const used = Math.round(allowance * (0.4 + rng.next()));
    const over = Math.max(0, used - allowance);
    const roaming = rng.next() < 0.06 ? 5 + rng.int(70) + rng.int(100) / 100 : null;
    const charge = Math.round(over * rate * 100) / 100;
    const total = fee + charge + (roaming ?? 0);
    const month = rng.int(12);
    const row = [plan, String(allowance), fee.toFixed(2), String(used), String(over), charge.toFixed(2), roaming === null ? 'No' : 'Yes', roaming?.toFixed(2) ?? '', total.toFixed(2), day(2024, month, 1), day(2024, month, 15)];
    row.forEach((v, k) => cols[k].push(v));
  }
  const names = ['Plan', 'Included Minutes', 'Monthly Fee', 'Minutes Used', 'Overage Minutes', 'Overage Charge', 'Roaming', 'Roaming Charge', 'Total', 'Bill Date', 'Due Date'];
  return tableFromColumns(names, cols.map((c) => c.map((v) => (v === '' ? null : v))));
}

describe('bills: minutes over an allowance, a total with a charge on a few rows, a bill on the 1st due 14 days on', () => {
  const table = bills(700);
  const schema = inferSchema(table);
  const over: Rule = { kind: 'excess', column: 'Overage Minutes', of: 'Minutes Used', over: 0, minus: 'Included Minutes' };
  const total: Rule = { kind: 'sum', total: 'Total', parts: ['Monthly Fee', 'Overage Charge', 'Roaming Charge'] };
  const due: Rule = { kind: 'order', low: 'Bill Date', high: 'Due Date' };

  it('are found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(over);
    expect(rules).toContainEqual(total);
    expect(rules).toContainEqual(due);
    // The bill is not the month of its due date: the order keeps the 14 days, and so the day.
    expect(rules.filter((r) => r.kind === 'part')).toEqual([]);
    expect(describeRule(over)).toBe('Overage Minutes = the part of Minutes Used above Included Minutes, else 0');
    expect(parseRules(JSON.parse(JSON.stringify([over])))).toEqual([over]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 4_000, 3), 4_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(500);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
    const at = (name: string) => decoded.table.columns[decoded.table.names.indexOf(name)];
    expect(new Set(at('Bill Date').map((d) => d?.slice(8)))).toEqual(new Set(['01']));
    expect(new Set(at('Due Date').map((d) => d?.slice(8)))).toEqual(new Set(['15']));
    // Rows with a roaming charge and rows without both come back, each adding up.
    expect(at('Roaming Charge').some((v) => v === null) && at('Roaming Charge').some((v) => v !== null)).toBe(true);
  });

  it('are not found where the overage and the total are shuffled apart, nor on 20 rows', () => {
    const shuffled = tableFromColumns(table.names, table.columns.map((c, k) => (k === 4 || k === 8 ? new Rng(k).shuffle([...c]) : c)));
    const few = tableFromColumns(table.names, shuffled.columns.map((c) => c.slice(0, 20)));
    for (const t of [shuffled, few]) {
      const found = findRules(t, inferSchema(t), new Rng(1));
      expect(found.filter((r) => (r.kind === 'excess' && r.minus !== undefined) || (r.kind === 'sum' && r.total === 'Total'))).toEqual([]);
    }
  });
});

describe('dates on one day of the month', () => {
  const at = (y: number, m: number, d: number) => Date.UTC(y, m, d);

  it('are told apart from dates that share no day, a few dates, or one month', () => {
    expect(sharedMonthDay(Array.from({ length: 30 }, (_, k) => at(2024, k % 12, 1)))).toBe(1);
    expect(sharedMonthDay(Array.from({ length: 30 }, (_, k) => at(2024, (k % 12) + 1, 0)))).toBe(-1);
    expect(sharedMonthDay(Array.from({ length: 30 }, (_, k) => at(2024, k % 12, 1 + (k % 3))))).toBeNull();
    expect(sharedMonthDay(Array.from({ length: 8 }, (_, k) => at(2024, k, 5)))).toBeNull();
    expect(sharedMonthDay(Array.from({ length: 30 }, () => at(2024, 3, 5)))).toBeNull();
  });

  it('are written on that day of the nearest month within the seed range', () => {
    expect(onMonthDay(at(2024, 2, 20), 1, at(2024, 0, 1), at(2024, 11, 1))).toBe(at(2024, 3, 1));
    expect(onMonthDay(at(2024, 2, 10), 1, at(2024, 0, 1), at(2024, 11, 1))).toBe(at(2024, 2, 1));
    expect(onMonthDay(at(2024, 11, 28), 1, at(2024, 0, 1), at(2024, 11, 1))).toBe(at(2024, 11, 1));
    expect(onMonthDay(at(2024, 1, 20), -1, at(2024, 0, 31), at(2024, 11, 31))).toBe(at(2024, 1, 29));
    expect(onMonthDay(at(2024, 1, 25), 31, at(2024, 0, 31), at(2024, 11, 31))).toBe(at(2024, 1, 29));
  });
});

describe("a trip's days counted both ends in", () => {
  const rng = new Rng(21);
  const start = Array.from({ length: 400 }, () => Date.UTC(2024, 0, 1 + rng.int(300)));
  const days = start.map(() => 1 + rng.int(9));
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const table = tableFromColumns(['Trip start', 'Trip end', 'Days'], [start.map(iso), start.map((s, r) => iso(s + (days[r] - 1) * 86_400_000)), days.map(String)]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'sum', total: 'Trip end', parts: ['Trip start', 'Days'], dayBefore: true };

  it('is found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Trip end = Trip start + Days, less a day');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    expect(() => parseRules([{ ...rule, parts: ['Trip start', 'Days', 'Days'] }])).toThrow(/Rule 1 is not one of/);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 3), 3_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(500);
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
  });

  it('is not found where the days are shuffled apart', () => {
    const shuffled = tableFromColumns(table.names, [table.columns[0], table.columns[1], new Rng(3).shuffle([...table.columns[2]])]);
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'sum')).toEqual([]);
  });
});

describe('a customer ID repeated over bills', () => {
  const rng = new Rng(8);
  const customers = Array.from({ length: 150 }, (_, k) => ({ id: `MB-${String(10_000 + 37 * k)}`, plan: rng.next() < 0.7 ? 'Basic' : 'Plus' }));
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'];
  const rows = customers.flatMap((c) => rng.shuffle([...months]).slice(0, 4).map((m) => [c.id, c.plan, String(100 + rng.int(900)), m]));
  const table = tableFromColumns(['Customer ID', 'Plan', 'Minutes', 'Month'], [0, 1, 2, 3].map((k) => rows.map((r) => r[k])));
  const schema = inferSchema(table);

  it('is written fresh, each ID on about as many rows as in the seed, all of one plan, no month twice', () => {
    expect(schema[0].kind).toBe('id');
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 2_000, 3), 2_000, new Rng(4));
    const [ids, plans] = [decoded.table.columns[0], decoded.table.columns[1]];
    const seen = new Map<string | null, Set<string | null>>();
    ids.forEach((id, r) => seen.set(id, (seen.get(id) ?? new Set()).add(plans[r])));
    expect([...seen.values()].every((p) => p.size === 1)).toBe(true);
    expect(decoded.table.rowCount / seen.size).toBeGreaterThan(3.5);
    expect(ids.some((id) => customers.some((c) => c.id === id))).toBe(false);
    const held = new Map<string | null, (string | null)[]>();
    ids.forEach((id, r) => held.set(id, [...(held.get(id) ?? []), decoded.table.columns[3][r]]));
    expect([...held.values()].every((m) => new Set(m).size === m.length)).toBe(true);
    expect(transformer.keys).toEqual([{ name: 'Customer ID', fixed: ['Plan'], perKey: 4, distinct: 'Month' }]);
  });
});

describe("a loan's rate and term, blank together on cash sales", () => {
  const rng = new Rng(12);
  // Cash sales pay the price down and finance nothing; the rest finance the price less the down payment.
  const rows = Array.from({ length: 400 }, () => {
    const price = 15_000 + rng.int(20_000) + rng.int(100) / 100;
    if (rng.next() < 0.25) return [price.toFixed(2), price.toFixed(2), '0.00', '', '', ''];
    const down = 1_000 + 100 * rng.int(50);
    const [apr, term] = [(29 + rng.int(70)) / 10, [24, 36, 48, 60][rng.int(4)]];
    const r = apr / 1200;
    return [price.toFixed(2), down.toFixed(2), (price - down).toFixed(2), apr.toFixed(1), String(term), (((price - down) * r) / (1 - (1 + r) ** -term)).toFixed(2)];
  });
  const names = ['Price', 'Down', 'Financed', 'APR %', 'Term', 'Monthly'];
  const table = tableFromColumns(names, names.map((_, k) => rows.map((r) => (r[k] === '' ? null : r[k]))));
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'blank', column: 'APR %', when: 'Term', values: [null] };
  const cash: Rule = { kind: 'zero', column: 'Financed', when: 'APR %', values: [null] };

  it('are found once, beside the instalment they feed, with nothing financed where they are blank, and kept on rows decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.filter((r) => r.kind === 'blank')).toEqual([rule]);
    expect(rules).toContainEqual(cash);
    expect(describeRule(cash)).toBe('Financed is 0 exactly when APR % is blank');
    expect(rules.some((r) => r.kind === 'annuity')).toBe(true);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 3), 3_000, new Rng(4));
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
    // Cash sales come back, each paying its price down.
    const at = (name: string) => decoded.table.columns[names.indexOf(name)];
    const cashRows = at('APR %').flatMap((v, r) => (v === null ? [r] : []));
    expect(cashRows.length).toBeGreaterThan(0);
    expect(cashRows.every((r) => at('Down')[r] === at('Price')[r])).toBe(true);
  });
});

describe("an order's customer: a key each key of another holds one of", () => {
  const rng = new Rng(17);
  const rows: string[][] = [];
  for (let c = 0; c < 120; c++) {
    const [customer, country] = [`C${70_000 + 13 * c}`, ['UK', 'France', 'Spain'][rng.int(3)]];
    for (let o = 0, orders = 1 + rng.int(3); o < orders; o++) {
      const order = `ORD${500_000 + rows.length}`;
      for (let k = 0, items = 1 + rng.int(3); k < items; k++) rows.push([order, customer, country, (5 + rng.int(200)).toFixed(2)]);
    }
  }
  const names = ['Order ID', 'Customer ID', 'Country', 'Price'];
  const table = tableFromColumns(names, names.map((_, k) => rows.map((r) => r[k])));
  const schema = inferSchema(table);

  it('is shared by whole orders, so every order has one customer', () => {
    expect(schema.slice(0, 2).map((c) => c.kind)).toEqual(['id', 'id']);
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 2_000, 3), 2_000, new Rng(4));
    const [orders, customers] = [decoded.table.columns[0], decoded.table.columns[1]];
    const customerOf = new Map<string | null, Set<string | null>>();
    orders.forEach((o, r) => customerOf.set(o, (customerOf.get(o) ?? new Set()).add(customers[r])));
    expect([...customerOf.values()].every((c) => c.size === 1)).toBe(true);
    // Customers hold several orders, as in the seed.
    expect(new Set(customers).size).toBeLessThan(customerOf.size);
  });
});
