import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { planConstructions, straightLines } from './ruled';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A customer table: signup, a last order after it (missing for some), money that adds up, a skewed spend. */
function customers(rows: number): Table {
  const rng = new Rng(3);
  const cols: (string | null)[][] = [[], [], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const signup = Date.UTC(2022, 0, 1) + rng.int(500) * 86_400_000;
    const spend = 20.49 + Math.exp(rng.normal() * 1.2 + 4);
    const fee = [0, 2.5, 5][rng.int(3)];
    cols[0].push(day(signup));
    cols[1].push(rng.next() < 0.2 ? null : day(signup + rng.int(200) * 86_400_000));
    cols[2].push(spend.toFixed(2));
    cols[3].push(fee.toFixed(2));
    cols[4].push((spend + fee).toFixed(2));
    cols[5].push(['basic', 'pro', 'team'][rng.int(3)]);
  }
  return tableFromColumns(['signup', 'last_order', 'spend', 'fee', 'billed', 'plan'], cols);
}

describe('rules kept on generated rows', () => {
  const table = customers(400);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));

  it('finds the table’s rules', () => {
    expect(rules.map(describeRule)).toEqual(expect.arrayContaining(['last_order ≥ signup', 'billed = spend + fee']));
  });

  it('breaks none of them on 100,000 rows decoded from random model output', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const rows = 100_000;
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, rows, 9), rows, new Rng(2));
    // Built columns keep their rules by construction; the few rows a rule still catches are dropped, not written.
    expect(decoded.table.rowCount).toBeGreaterThan(0.9 * rows);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    // Missing last orders keep about their seed share.
    const missing = decoded.table.columns[1].filter((v) => v === null).length / decoded.table.rowCount;
    expect(missing).toBeGreaterThan(0.05);
  });

  it('without rules, the same output breaks the date order in many rows', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(countBreaks(decoded, schema, { kind: 'order', low: 'signup', high: 'last_order' })).toBeGreaterThan(2000);
  });
});

describe('a column blank exactly on some values of a category', () => {
  const rng = new Rng(6);
  const status = Array.from({ length: 400 }, (_, r) => (r % 8 === 0 ? 'pending' : ['shipped', 'delivered'][rng.int(2)]));
  const shipped = status.map((s) => (s === 'pending' ? null : day(Date.UTC(2023, 0, 1) + rng.int(300) * 86_400_000)));
  const table = tableFromColumns(['status', 'ship date'], [status, shipped]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'blank', column: 'ship date', when: 'status', values: ['pending'] };

  it('is found, and kept on 100,000 rows decoded from random model output', () => {
    expect(findRules(table, schema, new Rng(1))).toContainEqual(rule);
    const transformer = new TableTransformer(table, schema, 1, { rules: [rule] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(20_000);
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
    expect(decoded.table.columns[0].filter((s) => s === 'pending').length).toBeGreaterThan(1000);
  });

  it('is broken on many rows without the rule', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(countBreaks(decoded, schema, rule)).toBeGreaterThan(2000);
  });
});

describe('two columns blank on the same rows', () => {
  const rng = new Rng(16);
  const weight = Array.from({ length: 400 }, () => (rng.next() < 0.2 ? null : (50 + rng.next() * 50).toFixed(1)));
  const table = tableFromColumns(['weight', 'bmi', 'total', 'part'], [
    weight,
    weight.map((w) => (w === null ? null : (Number(w) / 3).toFixed(1))),
    // A total written from its part is blank where the part is: that rule is kept by redraw.
    weight.map((w) => (w === null ? null : (Number(w) + 1).toFixed(1))),
    weight.map((w) => (w === null ? null : '1.0')),
  ]);
  const schema = inferSchema(table);
  const rules: Rule[] = [
    { kind: 'blank', column: 'bmi', when: 'weight', values: [null] },
    { kind: 'sum', total: 'total', parts: ['weight', 'part'] },
    { kind: 'blank', column: 'bmi', when: 'total', values: [null] },
  ];

  it('are kept on 50,000 rows decoded from random model output, also beside a total written later', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules, derive: false });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 50_000, 9), 50_000, new Rng(2));
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    expect(decoded.table.rowCount).toBeGreaterThan(5_000);
    expect(decoded.table.columns[1].filter((v) => v === null).length).toBeGreaterThan(500);
  });

  it('are broken on many rows without the rule', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [], derive: false });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2)), schema, rules[0])).toBeGreaterThan(2_000);
  });
});

describe('a date a number of days after another', () => {
  const rng = new Rng(8);
  const nights = Array.from({ length: 400 }, () => 1 + rng.int(14));
  const checkIn = nights.map(() => Date.UTC(2024, 0, 1) + rng.int(300) * 86_400_000);
  const table = tableFromColumns(['check-in', 'check-out', 'nights'], [checkIn.map(day), checkIn.map((t, r) => day(t + nights[r] * 86_400_000)), nights.map(String)]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'sum', total: 'check-out', parts: ['check-in', 'nights'] };

  it('is found, and kept on 100,000 rows decoded from random model output', () => {
    const found = findRules(table, schema, new Rng(1));
    expect(found).toContainEqual(rule);
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(50_000);
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
  });

  it('is broken on many rows without the rule', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(countBreaks(decoded, schema, rule)).toBeGreaterThan(2000);
  });
});

describe('an amount that is a quantity times a unit price', () => {
  const rng = new Rng(5);
  const qty = Array.from({ length: 400 }, () => 1 + rng.int(8));
  const price = qty.map(() => Math.round(Math.exp(2.5 + 0.8 * rng.normal()) * 100) / 100);
  const names = ['unit_price', 'qty', 'amount', 'shipping', 'total'];
  const shipping = qty.map(() => [0, 4.99][rng.int(2)]);
  const amount = qty.map((q, r) => Math.round(q * price[r] * 100) / 100);
  const cells = [price.map((p) => p.toFixed(2)), qty.map(String), amount.map((a) => a.toFixed(2)), shipping.map((s) => s.toFixed(2))];
  const table = tableFromColumns(names, [...cells, amount.map((a, r) => (a + shipping[r]).toFixed(2))]);
  const schema = inferSchema(table);
  const product: Rule = { kind: 'product', total: 'amount', parts: ['unit_price', 'qty'] };
  const sum: Rule = { kind: 'sum', total: 'total', parts: ['amount', 'shipping'] };

  it('is found beside the sum built on it, and both are kept on 100,000 rows decoded from random model output', () => {
    const found = findRules(table, schema, new Rng(1));
    expect(found).toEqual(expect.arrayContaining([product, sum]));
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(20_000);
    for (const rule of found) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
  });

  it('is broken on many rows without the rule, and kept by a transformer rebuilt from its saved state', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2)), schema, product)).toBeGreaterThan(10_000);
    const saved = JSON.parse(JSON.stringify(new TableTransformer(table, schema, 1, { rules: [product] }).toState()));
    const restored = new TableTransformer(saved);
    const decoded = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(decoded.rowCount).toBeGreaterThan(1000);
    expect(countBreaks(decoded, schema, product)).toBe(0);
  });
});

describe('a sum of three columns, one taken away', () => {
  const rng = new Rng(12);
  const price = Array.from({ length: 400 }, () => Math.round((20 + Math.exp(3 + rng.normal())) * 100) / 100);
  const discount = price.map((p) => Math.min(p - 5, [0, 5, 10][rng.int(3)]));
  const fee = price.map(() => [0, 2.5][rng.int(2)]);
  const money = (xs: number[]) => xs.map((x) => x.toFixed(2));
  const table = tableFromColumns(['price', 'discount', 'fee', 'paid'], [money(price), money(discount), money(fee), money(price.map((p, r) => p - discount[r] + fee[r]))]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'sum', total: 'paid', parts: ['price', 'fee'], minus: ['discount'] };

  it('is found, and kept on 100,000 rows decoded from random model output', () => {
    const found = findRules(table, schema, new Rng(1));
    expect(found).toContainEqual(rule);
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(20_000);
    for (const r of found) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2)), schema, rule)).toBeGreaterThan(10_000);
  });
});

describe('a charge and a tier fixed by a number in steps', () => {
  const rng = new Rng(14);
  const subtotal = Array.from({ length: 400 }, () => Math.round(Math.exp(3.8 + 0.8 * rng.normal()) * 100) / 100);
  const shipping = subtotal.map((s) => (s >= 50 ? 0 : 4.99));
  const cells = [subtotal, shipping, subtotal.map((s, r) => s + shipping[r])].map((xs) => xs.map((x) => x.toFixed(2)));
  const tier = subtotal.map((s) => (s < 30 ? 'bronze' : s < 120 ? 'silver' : 'gold'));
  const table = tableFromColumns(['subtotal', 'shipping', 'total', 'tier'], [...cells, tier]);
  const schema = inferSchema(table);

  it('is kept with the sum built on it on 100,000 rows decoded from random model output, and by a rebuilt transformer', () => {
    const found = findRules(table, schema, new Rng(1));
    expect(found.filter((r) => r.kind === 'step').map((r) => r.kind === 'step' && r.column)).toEqual(['shipping', 'tier']);
    const transformer = new TableTransformer(table, schema, 1, { rules: found });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(20_000);
    for (const rule of found) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    const gold = decoded.table.columns[3].filter((t) => t === 'gold').length / decoded.table.rowCount;
    expect(gold).toBeGreaterThan(0.05);
    const saved = JSON.parse(JSON.stringify(transformer.toState()));
    const restored = new TableTransformer(saved).decode(untrainedRows(transformer.layout.width, 5_000, 4), 5_000, new Rng(5));
    for (const rule of found) expect(countBreaks(restored, schema, rule), describeRule(rule)).toBe(0);
  });

  it('is broken on many rows without the rule', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2));
    const rule = findRules(table, schema, new Rng(1)).find((r) => r.kind === 'step')!;
    expect(countBreaks(decoded, schema, rule)).toBeGreaterThan(2000);
  });
});

describe('a number 0 exactly when another is', () => {
  const rng = new Rng(7);
  const qty = Array.from({ length: 400 }, () => (rng.next() < 0.12 ? 0 : 1 + rng.int(5)));
  const table = tableFromColumns(['qty', 'amount'], [qty.map(String), qty.map((q) => (q * (5 + rng.next() * 40)).toFixed(2))]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'zero', column: 'amount', when: 'qty' };

  it('is kept by a transformer rebuilt from its saved state', () => {
    const saved = JSON.parse(JSON.stringify(new TableTransformer(table, schema, 1, { rules: [rule] }).toState()));
    const restored = new TableTransformer(saved);
    const decoded = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(decoded.rowCount).toBeGreaterThan(1000);
    expect(countBreaks(decoded, schema, rule)).toBe(0);
  });

  it('is kept on 100,000 rows decoded from random model output, with zero quantities kept', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [rule] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
    const zeros = decoded.table.columns[0].filter((q) => q === '0').length;
    expect(zeros).toBeGreaterThan(0.05 * decoded.table.rowCount);
    expect(decoded.table.columns[1].filter((a) => a === '0.00').length).toBe(zeros);
  });
});

describe('edges', () => {
  it('puts no more rows on the seed’s exact minimum and maximum than the seed has, however far out the model strays', () => {
    const table = customers(400);
    const schema = inferSchema(table);
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const rows = 50_000;
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, rows, 4), rows, new Rng(2));
    for (const name of ['spend', 'signup', 'billed']) {
      const seed = table.columns[table.names.indexOf(name)].filter((v): v is string => v !== null);
      const sorted = [...seed].sort((a, b) => (name === 'signup' ? a.localeCompare(b) : Number(a) - Number(b)));
      const [min, max] = [sorted[0], sorted[sorted.length - 1]];
      const synth = decoded.columns[decoded.names.indexOf(name)];
      for (const edge of [min, max]) {
        const seedShare = seed.filter((v) => v === edge).length / seed.length;
        const share = synth.filter((v) => v === edge).length / rows;
        expect(share, `${name} = ${edge}`).toBeLessThanOrEqual(seedShare + 0.01);
      }
    }
  });

  it('lets values past the seed’s range when asked, but never below a sign rule', () => {
    const table = customers(400);
    const schema = inferSchema(table);
    const transformer = new TableTransformer(table, schema, 1, { withinRange: false, rules: [{ kind: 'range', column: 'spend', min: 0 }] });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 4), 20_000, new Rng(2));
    const spend = decoded.columns[2].map(Number);
    expect(Math.min(...spend)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...spend)).toBeGreaterThan(Math.max(...table.columns[2].map(Number)));
  });
});

/** Staff: years of service, and a hire date that many years (and up to one more) before a fixed day. */
function staff(rows: number, seed = 5): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], []];
  for (let r = 0; r < rows; r++) {
    const years = rng.int(25);
    cols[0].push(String(years));
    cols[1].push(day(Date.UTC(2024, 5, 30) - (years * 365 + rng.int(365)) * 86_400_000));
    cols[2].push(String(30 + rng.int(40)));
  }
  return tableFromColumns(['years', 'hired', 'age'], cols);
}

describe('columns on a straight line in another', () => {
  it('writes a hire date from the years since it, and no column from an unrelated one', () => {
    const table = staff(400);
    const lines = straightLines(table, inferSchema(table), new Set(['years', 'hired', 'age']));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'line', column: 'hired', from: 'years' });
    expect(lines[0].slope / 86_400_000).toBeCloseTo(-365, -1);
  });

  it('finds none on 20 rows of independent columns, whatever the draw', () => {
    for (let seed = 0; seed < 200; seed++) {
      const rng = new Rng(seed);
      const cols = [0, 1, 2].map(() => Array.from({ length: 20 }, () => String(rng.int(1000))));
      const table = tableFromColumns(['a', 'b', 'c'], cols);
      expect(straightLines(table, inferSchema(table), new Set(['a', 'b', 'c']))).toEqual([]);
    }
  });

  it('keeps the line on rows decoded from random model output', () => {
    const table = staff(400);
    const schema = inferSchema(table);
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 3), 20_000, new Rng(2)).table;
    const [years, hired] = [0, 1].map((c) => decoded.columns[c]);
    const offDays = hired.map((h, r) => (Date.UTC(2024, 5, 30) - Date.parse(h!)) / 86_400_000 - 365 * Number(years[r]));
    // The seed's rows lie 0 to 364 days past the line; independent columns would spread over 25 years.
    const within = offDays.filter((d) => d >= -10 && d <= 375).length / decoded.rowCount;
    expect(within).toBeGreaterThan(0.99);
  });

  it('keeps VAT at 20 % of the net by its rate, and by a line where only the net ≥ VAT order it implies is a rule', () => {
    const rng = new Rng(4);
    const net = Array.from({ length: 300 }, () => 1 + Math.exp(5 + 1.5 * rng.normal()));
    const table = tableFromColumns(['net', 'vat'], [net.map((x) => x.toFixed(2)), net.map((x) => (Math.round(x * 20) / 100).toFixed(2))]);
    const schema = inferSchema(table);
    const found = findRules(table, schema, new Rng(1));
    expect(found.map(describeRule)).toContain('vat = net × 0.2');
    for (const [rules, within] of [
      [found, 0.005 + 1e-9],
      [[{ kind: 'order', low: 'vat', high: 'net' }] as Rule[], 0.011],
    ] as const) {
      const transformer = new TableTransformer(table, schema, 1, { rules: [...rules] });
      const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 5_000, 3), 5_000, new Rng(2)).table;
      expect(decoded.rowCount).toBeGreaterThan(4000);
      const off = decoded.columns[1].filter((v, r) => Math.abs(Number(v) - 0.2 * Number(decoded.columns[0][r])) > within).length;
      expect(off).toBe(0);
    }
  });

  it('builds fees about a tenth of the price from the line, not from the price ≥ fees order', () => {
    const rng = new Rng(5);
    const price = Array.from({ length: 300 }, () => 1 + Math.exp(5 + 1.5 * rng.normal()));
    const fees = price.map((p) => p * (0.08 + 0.06 * rng.next()));
    const table = tableFromColumns(['price', 'fees'], [price.map((x) => x.toFixed(2)), fees.map((x) => x.toFixed(2))]);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map(describeRule)).toContain('price ≥ fees');
    const [built] = planConstructions(rules, table, schema, new Set(['price', 'fees']));
    expect(built.kind).toBe('line');
    // Written from the line, generated rows keep the proportion; the order is kept by redraw.
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 5_000, 3), 5_000, new Rng(2)).table;
    expect(countBreaks(decoded, schema, { kind: 'order', low: 'fees', high: 'price' })).toBe(0);
  });

  it('builds a discharge hours after its admission from the order, not from the line the two lie on', () => {
    const rng = new Rng(6);
    const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    const admitted = Array.from({ length: 300 }, () => Date.UTC(2021, 0, 1) + rng.int(1000 * 24) * 3_600_000);
    const table = tableFromColumns(['admitted', 'discharged'], [admitted.map(stamp), admitted.map((t) => stamp(t + (2 + rng.int(70)) * 3_600_000))]);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map(describeRule)).toContain('discharged ≥ admitted');
    expect(straightLines(table, schema, new Set(['admitted', 'discharged']))).toHaveLength(1);
    expect(planConstructions(rules, table, schema, new Set(['admitted', 'discharged']))).toEqual([{ kind: 'gap', column: 'discharged', low: 'admitted' }]);
  });

  it('models the columns apart when asked not to derive columns', () => {
    const table = staff(400);
    const schema = inferSchema(table);
    const transformer = new TableTransformer(table, schema, 1, { rules: [], derive: false });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 5_000, 3), 5_000, new Rng(2));
    const offDays = decoded.columns[1].map((h, r) => (Date.UTC(2024, 5, 30) - Date.parse(h!)) / 86_400_000 - 365 * Number(decoded.columns[0][r]));
    expect(offDays.filter((d) => d >= -10 && d <= 375).length / decoded.rowCount).toBeLessThan(0.5);
  });
});

describe('an order under a column that follows a category', () => {
  // Events: the capacity follows the venue; attendance never passes it, and one event in six is full.
  const rng = new Rng(11);
  const venues = { Hall: 500, Loft: 80, Studio: 40 };
  const venue = Array.from({ length: 450 }, () => (['Hall', 'Loft', 'Studio'] as const)[rng.int(3)]);
  const attendees = venue.map((v) => (rng.next() < 0.16 ? venues[v] : Math.floor(venues[v] * (0.2 + 0.75 * rng.next()))));
  const table = tableFromColumns(['venue', 'capacity', 'attendees'], [venue, venue.map((v) => String(venues[v])), attendees.map(String)]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'order', low: 'attendees', high: 'capacity' };

  it('builds the attendance below the capacity, so full events keep their share and no row breaks the order', () => {
    const plan = planConstructions([rule], table, schema, new Set(['venue', 'attendees']), true, new Set(['capacity']));
    expect(plan).toEqual([{ kind: 'gap', column: 'attendees', low: 'capacity', below: true }]);
    const transformer = new TableTransformer(table, schema, 1, { rules: [rule] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
    // Random model output picks the gap's modes at random; the point mass at 0 is one of them.
    const full = decoded.table.columns[2].filter((a, r) => a === decoded.table.columns[1][r]).length;
    expect(full).toBeGreaterThan(0.05 * decoded.table.rowCount);
  });
});

describe('a number 0 exactly on some values of a category', () => {
  const rng = new Rng(12);
  const category = Array.from({ length: 400 }, () => ['Meetup', 'Talk', 'Gala'][rng.int(3)]);
  const price = category.map((c) => (c === 'Meetup' ? '0.00' : (20 + rng.next() * 80).toFixed(2)));
  const table = tableFromColumns(['category', 'price'], [category, price]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'zero', column: 'price', when: 'category', values: ['Meetup'] };

  it('writes a value other than 0 the same way: a fixed price for galas', () => {
    const gala: Rule = { kind: 'zero', column: 'price', when: 'category', values: ['Gala'], value: 99.5 };
    const priced = tableFromColumns(['category', 'price'], [category, category.map((c, r) => (c === 'Gala' ? '99.50' : price[r] === '0.00' ? '10.00' : price[r]))]);
    const transformer = new TableTransformer(priced, schema, 1, { rules: [gala] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(countBreaks(decoded.table, schema, gala)).toBe(0);
    expect(decoded.table.columns[1].filter((p, r) => p === '99.50' && decoded.table.columns[0][r] === 'Gala').length).toBeGreaterThan(2000);
  });

  it('is kept on 50,000 rows decoded from random model output, and by a transformer rebuilt from its saved state', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [rule] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 50_000, 9), 50_000, new Rng(2));
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
    const meetups = decoded.table.columns[0].filter((c) => c === 'Meetup').length;
    expect(meetups).toBeGreaterThan(0.2 * decoded.table.rowCount);
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    expect(countBreaks(restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5)), schema, rule)).toBe(0);
  });

  it('is broken on many rows without the rule, or the ranges by category that keep meetups near 0', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [], byCategory: false });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2)), schema, rule)).toBeGreaterThan(3_000);
  });
});
