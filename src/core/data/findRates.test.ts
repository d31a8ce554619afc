import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { findRules } from './findRules';
import { describeRule, parseRules, rateFor, validateRules, type Rule } from './rules';
import { instalmentsTable, invoicesTable } from './ruleTables';
import { inferSchema } from './schema';
import { tableFromColumns, type Table } from './table';

const REGIONS = ['Nord', 'Sud', 'Est'];

/** Invoices: a net, tax on it at `rate` (by region where given), a total of the two, and a column of noise. */
function invoices(rows: number, rate: (region: string) => number, seed = 1): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const region = REGIONS[r < REGIONS.length ? r : rng.int(3)];
    const net = Math.round((5 + Math.exp(rng.normal() + 4)) * 100) / 100;
    const tax = Math.round(net * rate(region) * 100) / 100;
    cols[0].push(region);
    cols[1].push(net.toFixed(2));
    cols[2].push(tax.toFixed(2));
    cols[3].push((net + tax).toFixed(2));
    cols[4].push((rng.normal() * 10).toFixed(1));
  }
  return tableFromColumns(['region', 'net', 'tax', 'total', 'noise'], cols);
}

const found = (table: Table) => findRules(table, inferSchema(table), new Rng(1));

describe('rate rules', () => {
  it('finds tax at a fixed 20 % of the net once, and leaves out the rates, orders and signs it implies', () => {
    const rules = found(invoices(300, () => 0.2)).map(describeRule);
    expect(rules).toEqual(expect.arrayContaining(['tax = net × 0.2', 'total = net + tax', 'net ≥ 0']));
    // total = net × 1.2 and net = total × 0.8333… follow from the two; net ≥ tax and tax ≥ 0 from the rate.
    expect(rules.filter((r) => r.includes('×'))).toEqual(['tax = net × 0.2']);
    expect(rules).not.toContain('net ≥ tax');
    expect(rules).not.toContain('tax ≥ 0');
  });

  it('finds tax at a rate each region fixes, and nothing from noise', () => {
    const rules = found(invoices(300, (region) => (region === 'Sud' ? 0.1 : 0.2))).map(describeRule);
    expect(rules.filter((r) => r.includes('×'))).toEqual(['tax = net × rate by region: 0.2 for Est, Nord; 0.1 for Sud']);
    expect(rules.filter((r) => r.includes('noise'))).toEqual([]);
  });

  it('finds a fee by tutor from the minutes one way only, not the minutes from the fee as well', () => {
    const rng = new Rng(8);
    const rates: Record<string, number> = { Omar: 48, Priya: 38, Tom: 42 };
    const rows = Array.from({ length: 300 }, () => {
      const [tutor, minutes] = [['Omar', 'Priya', 'Tom'][rng.int(3)], [45, 60, 90][rng.int(3)]];
      return [tutor, String(minutes), ((rates[tutor] * minutes) / 60).toFixed(2)];
    });
    const table = tableFromColumns(['Tutor', 'Minutes', 'Fee'], [0, 1, 2].map((k) => rows.map((r) => r[k])));
    const rules = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'rate');
    expect(rules.map((r) => [r.kind === 'rate' && r.total, r.kind === 'rate' && r.of])).toEqual([['Fee', 'Minutes']]);
  });

  it('writes money from the number it is charged on, where a rate holds both ways', () => {
    const rng = new Rng(9);
    const hours = Array.from({ length: 200 }, () => (rng.int(200) / 100).toFixed(2));
    const table = tableFromColumns(['Overage Hours', 'Overage Charge (£)'], [hours, hours.map((h) => (Number(h) * 12.5).toFixed(2))]);
    const rules = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'rate');
    expect(rules.map(describeRule)).toEqual(['Overage Charge (£) = Overage Hours × 12.5']);
  });

  it('takes a rate on 20 rows of small whole numbers for chance, and the same on 400 rows for a rule', () => {
    const counts = (rows: number) => {
      const rng = new Rng(4);
      const beds = Array.from({ length: rows }, () => 1 + rng.int(6));
      return tableFromColumns(['beds', 'staff'], [beds.map(String), beds.map((b) => String(Math.round(b * 0.3)))]);
    };
    const rates = (t: Table) => found(t).filter((r) => r.kind === 'rate');
    expect(rates(counts(400)).map(describeRule)).toEqual(['staff = beds × 0.3']);
    expect(rates(counts(20))).toEqual([]);
  });

  it('takes no rate from two pairs of numbers repeated over many rows (a reference range by sex)', () => {
    const rng = new Rng(9);
    const sex = Array.from({ length: 400 }, () => (rng.next() < 0.5 ? 'F' : 'M'));
    const table = tableFromColumns(['Sex', 'Ref Low', 'Ref High'], [sex, sex.map((s) => (s === 'F' ? '3.5' : '4.0')), sex.map((s) => (s === 'F' ? '4.5' : '5.2'))]);
    expect(found(table).filter((r) => r.kind === 'rate')).toEqual([]);
  });

  it('takes rates by region on 20 rows of small whole numbers for chance', () => {
    const rng = new Rng(6);
    const region = Array.from({ length: 20 }, (_, r) => REGIONS[r % 3]);
    const units = region.map(() => 1 + rng.int(4));
    const packs = units.map((u, r) => Math.round(u * (region[r] === 'Sud' ? 0.5 : 0.25)));
    const table = tableFromColumns(['region', 'units', 'packs'], [region, units.map(String), packs.map(String)]);
    expect(found(table).filter((r) => r.kind === 'rate')).toEqual([]);
  });

  it('takes no rate from a product whose other part each category fixes (pay = hours × an hourly rate by employee)', () => {
    const rng = new Rng(3);
    const who = Array.from({ length: 300 }, () => ['Ana', 'Ben', 'Eli'][rng.int(3)]);
    const wage: Record<string, number> = { Ana: 18.5, Ben: 22, Eli: 31.25 };
    const hours = who.map(() => 4 + rng.int(25) / 4);
    const table = tableFromColumns(
      ['who', 'hours', 'wage', 'pay'],
      [who, hours.map((h) => h.toFixed(2)), who.map((w) => wage[w].toFixed(2)), hours.map((h, r) => (Math.round(h * wage[who[r]] * 100) / 100).toFixed(2))],
    );
    const rules = found(table);
    expect(rules.map(describeRule)).toContain('pay = hours × wage');
    expect(rules.filter((r) => r.kind === 'rate')).toEqual([]);
  });

  it('takes no rate of a product with a factor the category fixes (a daily rate by car class)', () => {
    const rng = new Rng(4);
    const car = Array.from({ length: 400 }, () => ['Economy', 'SUV', 'Van'][rng.int(3)]);
    const daily: Record<string, number> = { Economy: 32, SUV: 68, Van: 75 };
    const net = car.map((c) => daily[c] * (1 + rng.int(14)));
    const table = tableFromColumns(
      ['car', 'daily', 'net', 'vat'],
      [car, car.map((c) => daily[c].toFixed(2)), net.map((x) => x.toFixed(2)), net.map((x) => (x * 0.2).toFixed(2))],
    );
    expect(found(table).filter((r) => r.kind === 'rate' && 'times' in r)).toEqual([]);
  });

  it('reads a rate from JSON, fixed or by a category, and refuses one that cannot be kept', () => {
    const fixed: Rule = { kind: 'rate', total: 'tax', of: 'net', rate: 0.2 };
    const byRegion: Rule = { kind: 'rate', total: 'tax', of: 'net', by: 'region', rates: { Nord: 0.2, Sud: 0.1, Est: 0.2 } };
    expect(parseRules(JSON.parse(JSON.stringify([fixed, byRegion])))).toEqual([fixed, byRegion]);
    expect(() => parseRules([{ kind: 'rate', total: 'tax', of: 'net', by: 'region', rates: { Nord: 'x' } }])).toThrow(/Rule 1 is not one of/);
    const table = invoices(200, (region) => (region === 'Sud' ? 0.1 : 0.2));
    const schema = inferSchema(table);
    expect(() => validateRules([byRegion], table, schema)).not.toThrow();
    expect(() => validateRules([fixed], table, schema)).toThrow(/breaks the rule "tax = net × 0.2" in \d+ of 200 rows/);
    expect(() => validateRules([{ ...byRegion, rates: { Nord: 0.2, Ouest: 0.1 } }], table, schema)).toThrow(/names "Ouest", which "region" never is.*Nord/);
    expect(() => validateRules([{ ...byRegion, by: 'noise' }], table, schema)).toThrow(/needs a category after "by", but "noise" is a numeric column/);
    expect(() => validateRules([{ kind: 'rate', total: 'tax', of: 'region', rate: 1 }], table, schema)).toThrow(/needs numbers, but "region" is a categorical column/);
    expect(() => validateRules([byRegion, { kind: 'sum', total: 'tax', parts: ['total'], minus: ['net'] }], table, schema)).toThrow(/"tax" is the total of two/);
  });

  it('gives no rate to a category it does not name, whatever the name', () => {
    const rule = { kind: 'rate' as const, total: 'tax', of: 'net', by: 'region', rates: { Nord: 0.2 } };
    expect(rateFor(rule, 'Nord')).toBe(0.2);
    for (const name of ['constructor', '__proto__', 'toString', 'Sud']) expect(rateFor(rule, name)).toBeNaN();
    expect(rateFor(rule, null)).toBeNaN();
  });
});

describe('products with a rate in percent', () => {
  /** Lines with a discount in percent (0, 5, 10 or 15) and the amount it takes off. */
  const lines = (rows: number) => {
    const rng = new Rng(9);
    const price = Array.from({ length: rows }, () => Math.round(Math.exp(3 + rng.normal()) * 100) / 100);
    const pct = price.map(() => [0, 5, 10, 15][rng.int(4)]);
    const off = price.map((p, r) => Math.round(p * pct[r]) / 100);
    return tableFromColumns(['price', 'discount %', 'discount'], [price.map((p) => p.toFixed(2)), pct.map(String), off.map((x) => x.toFixed(2))]);
  };

  it('finds a discount that is the price times a rate in percent', () => {
    expect(found(lines(300)).filter((r) => r.kind === 'product').map(describeRule)).toEqual(['discount = price × discount % / 100']);
  });

  it('gives each total one formula: a net after a discount on an amount that is units times a price', () => {
    const rng = new Rng(2);
    const units = Array.from({ length: 300 }, () => 1 + rng.int(9));
    const price = units.map(() => Math.round((3 + rng.next() * 40) * 100) / 100);
    const amount = units.map((u, r) => Math.round(u * price[r] * 100) / 100);
    const pct = units.map(() => [0, 10, 20][rng.int(3)]);
    const discount = amount.map((a, r) => Math.round(a * pct[r]) / 100);
    const money = (xs: number[]) => xs.map((x) => x.toFixed(2));
    const table = tableFromColumns(
      ['units', 'price', 'amount', 'pct', 'discount', 'net'],
      [units.map(String), money(price), money(amount), pct.map(String), money(discount), money(amount.map((a, r) => a - discount[r]))],
    );
    const rules = found(table);
    expect(rules.filter((r) => r.kind === 'sum' || r.kind === 'product').map(describeRule)).toEqual([
      'net = amount − discount',
      'amount = units × price',
      'discount = amount × pct / 100',
    ]);
    expect(() => validateRules(rules, table, inferSchema(table))).not.toThrow();
  });

  it('finds an invoice that is the gross less a discount in percent, and reads one from JSON', () => {
    const table = invoicesTable(300);
    const rules = found(table).filter((r) => r.kind === 'product');
    expect(rules.map(describeRule)).toEqual(['Invoice (€) = Gross (€) × (100 − Discount (%)) / 100']);
    expect(parseRules([{ kind: 'product', total: 'Invoice (€)', parts: ['Gross (€)', 'Discount (%)'], off: true }])).toEqual(rules);
    expect(() => parseRules([{ kind: 'product', total: 'Invoice (€)', parts: ['Gross (€)', 'Discount (%)'], off: true, percent: true }])).toThrow(/Rule 1 is not one of/);
  });

  it('finds a loan instalment from its principal, yearly rate and term, and reads one from JSON', () => {
    const rules = found(instalmentsTable(300)).filter((r) => r.kind === 'annuity');
    expect(rules.map(describeRule)).toEqual(['Payment = monthly instalment on Principal at yearly rate Rate (%) (percent) over Term (months) months']);
    expect(parseRules([{ kind: 'annuity', total: 'Payment', principal: 'Principal', rate: 'Rate (%)', term: 'Term (months)' }])).toEqual(rules);
  });

  it('gives a loan instalment its payment alone: a sum on it moves to another total, and the rules pass back', () => {
    const loans = instalmentsTable(300);
    const [principal, rate, , payment] = loans.columns.map((c) => c.map(Number));
    const interest = principal.map((p, k) => Math.round((p * rate[k]) / 12) / 100);
    const paid = payment.map((x, k) => (x - interest[k]).toFixed(2));
    const table = tableFromColumns([...loans.names, 'Interest', 'Principal paid'], [...loans.columns, interest.map((x) => x.toFixed(2)), paid]);
    const rules = found(table);
    expect(rules.filter((r) => r.kind === 'sum' || r.kind === 'annuity').map((r) => r.kind)).toEqual(['sum', 'annuity']);
    expect(() => validateRules(parseRules(JSON.parse(JSON.stringify(rules))), table, inferSchema(table))).not.toThrow();
  });

  it('moves a sum onto another total only where it holds to that column’s decimals', () => {
    // total = units × price in whole numbers; subtotal + fee is the total only to within 0.4.
    const rng = new Rng(3);
    const units = Array.from({ length: 300 }, () => 1 + rng.int(20));
    const price = units.map(() => 5 + rng.int(46));
    const total = units.map((u, r) => u * price[r]);
    const fee = total.map(() => (Math.round(rng.next() * 100) / 100) * 3);
    const subtotal = total.map((t, r) => Math.round((t - fee[r] + (rng.next() - 0.5) * 0.8) * 100) / 100);
    const table = tableFromColumns(
      ['units', 'price', 'total', 'subtotal', 'fee'],
      [units.map(String), price.map(String), total.map(String), subtotal.map((x) => x.toFixed(2)), fee.map((x) => x.toFixed(2))],
    );
    const rules = found(table);
    expect(rules.filter((r) => r.kind === 'sum' || r.kind === 'product').map(describeRule)).toEqual(['total = units × price']);
    expect(() => validateRules(rules, table, inferSchema(table))).not.toThrow();
  });

  it('reads one from JSON and says how many seed rows break it without the percent', () => {
    const rule: Rule = { kind: 'product', total: 'discount', parts: ['price', 'discount %'], percent: true };
    expect(parseRules([rule])).toEqual([rule]);
    const table = lines(100);
    const schema = inferSchema(table);
    expect(() => validateRules([rule], table, schema)).not.toThrow();
    expect(() => validateRules([{ kind: 'product', total: 'discount', parts: ['price', 'discount %'] }], table, schema)).toThrow(/breaks the rule "discount = price × discount %" in \d+ of 100 rows/);
  });
});
