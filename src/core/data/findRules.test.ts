import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { findRules } from './findRules';
import { describeRule, describeRuleIn, parseRules, validateRules, type Rule } from './rules';
import { inferSchema } from './schema';
import { tableFromColumns, type Table } from './table';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Orders with a start, an end after it, money that adds up, and a column of noise. */
function orders(rows: number, seed = 1) {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const start = Date.UTC(2023, 0, 1) + rng.int(300) * 86_400_000;
    const subtotal = Math.round((20 + rng.next() * 500) * 100) / 100;
    const shipping = [0, 4.99, 9.99][rng.int(3)];
    cols[0].push(day(start));
    cols[1].push(day(start + rng.int(20) * 86_400_000));
    cols[2].push(subtotal.toFixed(2));
    cols[3].push(shipping.toFixed(2));
    cols[4].push((subtotal + shipping).toFixed(2));
    cols[5].push((rng.normal() * 10).toFixed(1));
  }
  return tableFromColumns(['order_date', 'ship_date', 'subtotal', 'shipping', 'total', 'noise'], cols);
}

/** Two independent columns with each row's pair put in order: a rule on the rows, but only chance on few. */
function sortedPairs(rows: number) {
  const rng = new Rng(5);
  const a: string[] = [];
  const b: string[] = [];
  for (let r = 0; r < rows; r++) {
    const [x, y] = [rng.next() * 100, rng.next() * 100];
    a.push(Math.min(x, y).toFixed(2));
    b.push(Math.max(x, y).toFixed(2));
  }
  return tableFromColumns(['a', 'b'], [a, b]);
}

describe('findRules', () => {
  it('finds the order of two dates, the sum and the signs an orders table obeys, and no rule on noise', () => {
    const table = orders(400);
    const found = findRules(table, inferSchema(table), new Rng(1)).map(describeRule);
    expect(found).toContain('ship_date ≥ order_date');
    expect(found).toContain('total = subtotal + shipping');
    expect(found).toContain('shipping ≥ 0');
    expect(found.some((r) => r.includes('noise'))).toBe(false);
    // total ≥ subtotal holds too, but follows from the sum and shipping ≥ 0, so it is not listed.
    expect(found).not.toContain('total ≥ subtotal');
    expect(found).not.toContain('total ≥ shipping');
  });

  it('orders no columns whose names give different units, and still orders bracketed words that are no units', () => {
    const rng = new Rng(12);
    const price = Array.from({ length: 400 }, () => 20 + rng.int(30));
    const pct = price.map(() => rng.int(20));
    const before = price.map(() => rng.int(50));
    const table = tableFromColumns(
      ['Price (€/mo)', 'Discount (%)', 'Score (before)', 'Score (after)'],
      [price.map(String), pct.map(String), before.map(String), before.map((b) => String(b + 1 + rng.int(10)))],
    );
    const orders = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'order').map(describeRule);
    expect(orders).toEqual(['Score (after) ≥ Score (before)']);
    // Units after a space, with no brackets: `Net €`, `Discount %`; not the rate in `Fuel 8.5%`.
    const bare = tableFromColumns(
      ['Net €', 'Discount %', 'Fee 8.5%', 'Cost €'],
      [price.map((p) => (p + 30).toFixed(2)), pct.map(String), price.map((p) => (p + 25).toFixed(2)), price.map((p) => p.toFixed(2))],
    );
    const bareOrders = findRules(bare, inferSchema(bare), new Rng(1)).filter((r) => r.kind === 'order').map(describeRule);
    expect(bareOrders.filter((o) => o.includes('Discount %'))).toEqual([]);
    expect(bareOrders).toContain('Net € ≥ Fee 8.5%');
    // Unbracketed measures (`Power kWh`, `Data GB`, a rate `Tariff €/m`) against money or a plain count: no order.
    const measures = tableFromColumns(
      ['Fee', 'Power kWh', 'Data GB', 'Nights', 'Tariff €/m', 'Duration (min)'],
      [price.map((p) => (p + 200).toFixed(2)), price.map((p) => (p + 40).toFixed(1)), pct.map((p) => (p / 2).toFixed(2)), pct.map((p) => String(1 + (p % 5))), pct.map((p) => (p / 10).toFixed(2)), price.map((p) => String(p + 300))],
    );
    const measureOrders = findRules(measures, inferSchema(measures), new Rng(1)).filter((r) => r.kind === 'order').map(describeRule);
    expect(measureOrders).toEqual([]);
  });

  it('takes an order on 20 rows for chance, and the same order on 400 rows for a rule', () => {
    const few = sortedPairs(20);
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'order')).toEqual([]);
    const many = sortedPairs(400);
    expect(findRules(many, inferSchema(many), new Rng(1)).map(describeRule)).toContain('b ≥ a');
  });

  it('finds a date a number of days after another on 400 rows, and takes it for chance on 20', () => {
    const stays = (rows: number) => {
      const rng = new Rng(rows);
      // Most stays are one night from the same day: on 20 rows a random triple matches as often as not.
      const nights = Array.from({ length: rows }, () => (rng.next() < 0.85 ? 1 : 2));
      const start = nights.map(() => Date.UTC(2024, 0, rng.next() < 0.85 ? 1 : 2));
      return tableFromColumns(['in', 'out', 'nights'], [start.map(day), start.map((t, r) => day(t + nights[r] * 86_400_000)), nights.map(String)]);
    };
    const sum = (t: ReturnType<typeof stays>) => findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'sum');
    expect(sum(stays(400)).map(describeRule)).toEqual(['out = in + nights']);
    expect(sum(stays(20))).toEqual([]);
  });

  it('finds a course end a number of weeks after its start', () => {
    const rng = new Rng(3);
    const start = Array.from({ length: 300 }, () => Date.UTC(2023, 0, 2) + 7 * rng.int(100) * 86_400_000);
    const weeks = start.map(() => 4 + rng.int(9));
    const t = tableFromColumns(['Term Start', 'Weeks', 'Course End'], [start.map(day), weeks.map(String), start.map((s, r) => day(s + weeks[r] * 7 * 86_400_000))]);
    expect(findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'sum').map(describeRule)).toEqual(['Course End = Term Start + Weeks']);
  });

  it("finds a year no later than a date's year (a book sold after it was published), reads it back, and takes it for chance on 20 rows", () => {
    const books = (rows: number) => {
      const rng = new Rng(9);
      const sold = Array.from({ length: rows }, () => Date.UTC(2015 + rng.int(10), rng.int(12), 1 + rng.int(28)));
      const published = sold.map((s) => new Date(s).getUTCFullYear() - rng.int(30));
      return tableFromColumns(['Publication year', 'Sale date'], [published.map(String), sold.map(day)]);
    };
    const t = books(400);
    const rules = findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'order');
    expect(rules.map(describeRule)).toEqual(['the year of Sale date ≥ Publication year']);
    expect(parseRules(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
    expect(() => validateRules(rules, t, inferSchema(t))).not.toThrow();
    // Broken where a book is sold the year before it is published; the same rule on a number beside a number is refused.
    const sold = { ...t, columns: [['2024', ...t.columns[0].slice(1)], ['2023-05-01', ...t.columns[1].slice(1)]] };
    expect(() => validateRules(rules, sold, inferSchema(sold))).toThrow(/breaks the rule "the year of Sale date ≥ Publication year" in 1 of 400 rows/);
    expect(() => validateRules([{ ...rules[0], high: 'Publication year', low: 'Publication year' }], t, inferSchema(t))).toThrow();
    const few = books(20);
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'order')).toEqual([]);
  });

  it('finds a leaving date after the hiring date on the 41 rows that have both', () => {
    const rng = new Rng(8);
    const day = (d: number) => new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const hired: string[] = [];
    const left: (string | null)[] = [];
    for (let r = 0; r < 250; r++) {
      const start = rng.int(3400);
      hired.push(day(start));
      left.push(r % 6 === 0 ? day(start + 30 + rng.int(1500)) : null);
    }
    const table = tableFromColumns(['hired', 'left'], [hired, left]);
    expect(findRules(table, inferSchema(table), new Rng(1)).map(describeRule)).toContain('left ≥ hired');
  });
});

/** Invoice lines: an amount that is the quantity times the unit price, to the cent. */
function invoice(rows: number, seed = 3) {
  const rng = new Rng(seed);
  const qty = Array.from({ length: rows }, () => 1 + rng.int(6));
  const price = qty.map(() => Math.round(Math.exp(2 + rng.normal()) * 100) / 100);
  const amount = qty.map((q, r) => (q * price[r]).toFixed(2));
  return tableFromColumns(['unit price', 'qty', 'amount'], [price.map((p) => p.toFixed(2)), qty.map(String), amount]);
}

describe('product rules', () => {
  it('finds an amount that is the quantity times the unit price, and leaves out what it implies', () => {
    const table = invoice(300);
    const found = findRules(table, inferSchema(table), new Rng(1)).map(describeRule);
    expect(found).toContain('amount = unit price × qty');
    // amount ≥ unit price follows from the product, the price being ≥ 0 and every quantity ≥ 1.
    expect(found).toContain('unit price ≥ 0');
    expect(found).not.toContain('amount ≥ unit price');
  });

  it('takes a product on 20 rows of mostly one unit at one of two prices for chance, and on 400 for a rule', () => {
    const lines = (rows: number) => {
      const rng = new Rng(rows);
      const qty = Array.from({ length: rows }, () => (rng.next() < 0.85 ? 1 : 2));
      const price = qty.map(() => (rng.next() < 0.5 ? 5 : 10));
      return tableFromColumns(['qty', 'price', 'amount'], [qty.map(String), price.map(String), qty.map((q, r) => String(q * price[r]))]);
    };
    const products = (t: Table) => findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'product');
    expect(products(lines(400)).map(describeRule)).toEqual(['amount = qty × price']);
    expect(products(lines(20))).toEqual([]);
  });

  it('reads a product from JSON, and refuses one on a date or with a total another rule already gives', () => {
    const rule: Rule = { kind: 'product', total: 'amount', parts: ['qty', 'unit price'] };
    expect(parseRules([rule])).toEqual([rule]);
    const table = invoice(100);
    expect(() => validateRules([rule], table, inferSchema(table))).not.toThrow();
    const sum: Rule = { kind: 'sum', total: 'amount', parts: ['qty', 'unit price'] };
    expect(() => validateRules([sum], table, inferSchema(table))).toThrow(/breaks the rule "amount = qty \+ unit price" in \d+ of 100 rows/);
    const orders200 = orders(200);
    expect(() => validateRules([{ kind: 'product', total: 'total', parts: ['subtotal', 'order_date'] }], orders200, inferSchema(orders200))).toThrow(
      /mixes dates and numbers; use numeric columns/,
    );
    expect(() => validateRules([rule, { ...rule, parts: ['unit price', 'qty'] }], table, inferSchema(table))).toThrow(/"amount" is the total of two sum, product or rate rules/);
  });
});

describe('sums of three or four columns', () => {
  /** Invoices: total = subtotal + tax + shipping; paid = price + fee − discount (columns in that order). */
  const invoices = (rows: number) => {
    const rng = new Rng(rows);
    const cols: string[][] = Array.from({ length: 8 }, () => []);
    for (let r = 0; r < rows; r++) {
      const subtotal = Math.round(Math.exp(4 + rng.normal()) * 100) / 100;
      const tax = Math.round(subtotal * [0, 0.05, 0.2][rng.int(3)] * 100) / 100;
      const shipping = [0, 4.99, 9.99][rng.int(3)];
      const price = Math.round((50 + rng.next() * 400) * 100) / 100;
      const [discount, fee] = [[0, 5, 10, 25][rng.int(4)], [0, 1.5][rng.int(2)]];
      const row = [subtotal, tax, shipping, subtotal + tax + shipping, price, discount, fee, price + fee - discount];
      row.forEach((x, c) => cols[c].push(x.toFixed(2)));
    }
    return tableFromColumns(['subtotal', 'tax', 'shipping', 'total', 'price', 'discount', 'fee', 'paid'], cols);
  };

  it('finds a total of three parts and one less a discount, each once', () => {
    const table = invoices(400);
    const sums = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'sum');
    expect(sums.map(describeRule)).toEqual(['total = subtotal + tax + shipping', 'paid = price + fee − discount']);
  });

  it('finds three counts adding up on 400 rows, and takes 20 rows of nearly all zeros for chance', () => {
    /** Counts of visits by kind; on `sparse` rows each kind is 1 once, 2 once and 0 otherwise. */
    const visits = (rows: number, sparse: boolean) => {
      const rng = new Rng(rows);
      const count = (r: number, c: number) => (sparse ? (r === c ? 1 : r === c + 3 ? 2 : 0) : rng.next() < 0.8 ? 0 : 1 + rng.int(5));
      const counts = Array.from({ length: rows }, (_, r) => [0, 1, 2].map((c) => count(r, c)));
      const cols = [0, 1, 2].map((c) => counts.map((row) => String(row[c])));
      return tableFromColumns(['inpatient', 'outpatient', 'emergency', 'visits'], [...cols, counts.map((row) => String(row[0] + row[1] + row[2]))]);
    };
    const sums = (t: Table) => findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'sum');
    expect(sums(visits(400, false)).map(describeRule)).toEqual(['visits = inpatient + outpatient + emergency']);
    const few = visits(20, true);
    expect(inferSchema(few).every((c) => c.kind === 'numeric')).toBe(true);
    // A random row's total is 0 and three other rows' counts are 0 about half the time.
    expect(sums(few)).toEqual([]);
  });

  it('finds an amount due of four parts, one taken away, and none in 20 rows of counts that are nearly all 0', () => {
    const rng = new Rng(4);
    const cols: string[][] = Array.from({ length: 5 }, () => []);
    for (let r = 0; r < 300; r++) {
      const line = Math.round(Math.exp(4 + rng.normal()) * 100) / 100;
      const tax = Math.round(line * 0.2 * 100) / 100;
      const shipping = line >= 100 ? 0 : 7.5;
      const discount = rng.next() < 0.25 ? Math.round(line * 0.1 * 100) / 100 : 0;
      [line, tax, shipping, discount, line + tax + shipping - discount].forEach((x, c) => cols[c].push(x.toFixed(2)));
    }
    const table = tableFromColumns(['line amount', 'tax', 'shipping', 'discount', 'amount due'], cols);
    const sums = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'sum');
    expect(sums.map(describeRule)).toEqual(['amount due = line amount + tax + shipping − discount']);
    // Each kind of visit is 1 on one row and 2 on another: a random row's count is 0 as often as not.
    const count = (r: number, c: number) => (r === c ? 1 : r === c + 4 ? 2 : 0);
    const counts = Array.from({ length: 20 }, (_, r) => [0, 1, 2, 3].map((c) => count(r, c)));
    const kinds = [0, 1, 2, 3].map((c) => counts.map((row) => String(row[c])));
    const few = tableFromColumns(['a', 'b', 'c', 'd', 'visits'], [...kinds, counts.map((row) => String(row[0] + row[1] + row[2] + row[3]))]);
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'sum')).toEqual([]);
  });

  it('reads one from JSON, and says how many seed rows break one', () => {
    const rule: Rule = { kind: 'sum', total: 'paid', parts: ['price', 'fee'], minus: ['discount'] };
    expect(parseRules([rule])).toEqual([rule]);
    expect(parseRules([{ kind: 'sum', total: 'net', parts: ['gross'], minus: ['tax'] }])).toEqual([{ kind: 'sum', total: 'net', parts: ['gross'], minus: ['tax'] }]);
    expect(() => parseRules([{ kind: 'sum', total: 't', parts: ['a', 'b', 'c'], minus: ['d', 'e'] }])).toThrow(/Rule 1 is not one of/);
    const table = invoices(100);
    expect(() => validateRules([rule], table, inferSchema(table))).not.toThrow();
    const fees = table.columns[6].filter((v) => v !== '0.00').length;
    expect(() => validateRules([{ ...rule, parts: ['price'] }], table, inferSchema(table))).toThrow(new RegExp(`"paid = price − discount" in ${fees} of 100 rows`));
  });
});

describe('step rules', () => {
  /** Orders: shipping 4.99 below a subtotal of 50 and free from it; a tier by spend; a coin toss. */
  const shop = (rows: number) => {
    const rng = new Rng(rows);
    const subtotal = Array.from({ length: rows }, () => Math.round(Math.exp(3.8 + 0.8 * rng.normal()) * 100) / 100);
    const shipping = subtotal.map((s) => (s >= 50 ? '0.00' : '4.99'));
    const tier = subtotal.map((s) => (s < 30 ? 'bronze' : s < 120 ? 'silver' : 'gold'));
    const coin = subtotal.map(() => (rng.next() < 0.5 ? 'heads' : 'tails'));
    return tableFromColumns(['subtotal', 'shipping', 'tier', 'coin'], [subtotal.map((s) => s.toFixed(2)), shipping, tier, coin]);
  };

  it('finds a shipping charge and a tier fixed by the subtotal in steps, and nothing from a coin toss', () => {
    const table = shop(400);
    const steps = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'step');
    expect(steps.map((r) => [r.column, r.from, r.values])).toEqual([
      ['shipping', 'subtotal', ['4.99', '0.00']],
      ['tier', 'subtotal', ['bronze', 'silver', 'gold']],
    ]);
    const [shipping, tier] = steps as Extract<Rule, { kind: 'step' }>[];
    // The cutoffs are the roundest numbers between the runs: the ones the shop wrote.
    expect(shipping.cutoffs).toEqual([50]);
    expect(tier.cutoffs).toEqual([30, 120]);
    expect(describeRule(shipping)).toBe('shipping by subtotal: 4.99 below 50, 0.00 from 50');
  });

  it('writes the cutoffs and bounds in the column\'s own format', () => {
    const plain = shop(400);
    const money = tableFromColumns(plain.names, [plain.columns[0].map((s) => `$${s}`), ...plain.columns.slice(1)]);
    const schema = inferSchema(money);
    const texts = findRules(money, schema, new Rng(1)).map((r) => describeRuleIn(r, schema));
    expect(texts).toContain('shipping by subtotal: 4.99 below $50.00, 0.00 from $50.00');
    expect(texts).toContain('tier by subtotal: bronze below $30.00, silver below $120.00, gold from $120.00');
    const spend = tableFromColumns(['spend'], [['1 217', '250', '12', '980', '3 400']]);
    expect(describeRuleIn({ kind: 'range', column: 'spend', min: 1000.5 }, inferSchema(spend))).toBe('spend ≥ 1 000.5');
  });

  it('takes two values in order on 20 rows for chance', () => {
    const few = shop(20);
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'step' && r.column === 'shipping')).toEqual([]);
  });

  it('reads a step from JSON, and refuses one the seed breaks or whose cutoffs do not rise', () => {
    const rule: Rule = { kind: 'step', column: 'shipping', from: 'subtotal', cutoffs: [50], values: ['4.99', '0.00'] };
    expect(parseRules([rule])).toEqual([rule]);
    const table = shop(200);
    const schema = inferSchema(table);
    expect(() => validateRules([rule], table, schema)).not.toThrow();
    const between = table.columns[0].filter((s) => Number(s) >= 40 && Number(s) < 50).length;
    expect(() => validateRules([{ ...rule, cutoffs: [40] }], table, schema)).toThrow(new RegExp(`in ${between} of 200 rows`));
    expect(() => validateRules([{ ...rule, cutoffs: [50, 40], values: ['a', 'b', 'c'] }], table, schema)).toThrow(/rising cutoffs/);
  });
});

/** Orders whose ship date is blank exactly while pending; `pendingRows` of them are pending. */
function shipping(rows: number, pendingRows: number) {
  const rng = new Rng(4);
  const status: string[] = [];
  const shipped: (string | null)[] = [];
  const note: (string | null)[] = [];
  for (let r = 0; r < rows; r++) {
    const pending = r < pendingRows;
    status.push(pending ? 'pending' : ['shipped', 'delivered'][rng.int(2)]);
    shipped.push(pending ? null : day(Date.UTC(2023, 0, 1) + rng.int(300) * 86_400_000));
    note.push(rng.next() < 0.3 ? null : ['gift', 'fragile', 'rush'][rng.int(3)]);
  }
  return tableFromColumns(['status', 'ship date', 'note'], [status, shipped, note]);
}

describe('blank rules', () => {
  it('finds a ship date blank exactly while the order is pending, and nothing from blanks that fall at random', () => {
    const table = shipping(400, 48);
    const found = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'blank');
    expect(found.map(describeRule)).toEqual(['ship date is blank exactly when status is pending']);
  });

  it('finds a last order date blank exactly when a customer has 0 orders', () => {
    const rng = new Rng(2);
    const orders = Array.from({ length: 300 }, () => String(rng.next() < 0.2 ? 0 : 1 + rng.int(9)));
    const last = orders.map((n) => (n === '0' ? null : day(Date.UTC(2023, 0, 1) + rng.int(300) * 86_400_000)));
    const table = tableFromColumns(['orders', 'last_order'], [orders, last]);
    const found = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'blank');
    expect(found.map(describeRule)).toEqual(['last_order is blank exactly when orders is 0']);
  });

  it('finds two columns of any kind blank on the same rows, listed once, and none at random or on 20 rows', () => {
    const measures = (rows: number) => {
      const rng = new Rng(rows);
      const weight = Array.from({ length: rows }, () => (rng.next() < 0.2 ? null : 50 + rng.next() * 50));
      const height = weight.map(() => 150 + rng.next() * 45);
      const noted = weight.map(() => (rng.next() < 0.2 ? null : (rng.next() * 10).toFixed(1)));
      const cells = [weight.map((w) => w?.toFixed(1) ?? null), height.map((h) => h.toFixed(0)), weight.map((w, r) => (w === null ? null : (w / (height[r] / 100) ** 2).toFixed(1))), noted];
      return tableFromColumns(['weight', 'height', 'bmi', 'note'], cells);
    };
    const table = measures(400);
    const schema = inferSchema(table);
    const found = findRules(table, schema, new Rng(1)).filter((r) => r.kind === 'blank');
    expect(found.map(describeRule)).toEqual(['bmi is blank exactly when weight is blank']);
    expect(() => validateRules(found, table, schema)).not.toThrow();
    expect(() => validateRules([{ kind: 'blank', column: 'bmi', when: 'weight', values: ['70.0'] }], table, schema)).toThrow(/needs a category or a whole number after "when"/);
    const few = measures(20);
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'blank')).toEqual([]);
  });

  it('takes the same pattern on 20 rows for chance', () => {
    const table = shipping(20, 3);
    expect(findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'blank')).toEqual([]);
  });

  it('names the category’s own blanks among the values', () => {
    const workclass = ['Private', null, 'Never-worked', 'Private', null, 'State-gov'].flatMap((v) => [v, v]);
    const occupation = ['Sales', null, null, 'Sales', null, 'Admin'].flatMap((v) => [v, v]);
    const table = tableFromColumns(['workclass', 'occupation'], [workclass, occupation]);
    const rule: Rule = { kind: 'blank', column: 'occupation', when: 'workclass', values: ['Never-worked', null] };
    expect(describeRule(rule)).toBe('occupation is blank exactly when workclass is Never-worked or blank');
    expect(() => validateRules([rule], table, inferSchema(table))).not.toThrow();
    expect(() => validateRules([{ ...rule, values: [null] }], table, inferSchema(table))).toThrow(/in 2 of 12 rows/);
  });

  it('refuses a blank rule whose "when" is not a category', () => {
    const table = shipping(100, 10);
    const rule: Rule = { kind: 'blank', column: 'status', when: 'ship date', values: ['2023-01-02'] };
    expect(() => validateRules([rule], table, inferSchema(table))).toThrow(/needs a category or a whole number after "when" \(or the value blank\), but "ship date" is a datetime column/);
  });

  it('names a value the "when" column never holds, with the values it does', () => {
    const table = shipping(100, 10);
    const rule: Rule = { kind: 'blank', column: 'ship date', when: 'status', values: ['canceled'] };
    expect(() => validateRules([rule], table, inferSchema(table))).toThrow(/names "canceled", which "status" never is in your data\. Its values: .*pending/);
  });

  it('reads a blank rule from JSON, null standing for blank', () => {
    const rules = parseRules([{ kind: 'blank', column: 'ship date', when: 'status', values: ['pending', null] }]);
    expect(rules).toEqual([{ kind: 'blank', column: 'ship date', when: 'status', values: ['pending', null] }]);
    expect(() => parseRules([{ kind: 'blank', column: 'ship date', when: 'status', values: [] }])).toThrow(/Rule 1 is not one of/);
  });
});

/** Order lines: a quantity, and an amount that is 0 exactly when the quantity is. */
function lines(rows: number) {
  const rng = new Rng(9);
  const qty = Array.from({ length: rows }, () => (rng.next() < 0.12 ? 0 : 1 + rng.int(5)));
  const amount = qty.map((q) => (q * (5 + rng.next() * 40)).toFixed(2));
  return tableFromColumns(['qty', 'amount'], [qty.map(String), amount]);
}

describe('zero rules', () => {
  it('finds an amount that is 0 exactly when its quantity is, on 400 rows but not on 20', () => {
    const many = lines(400);
    expect(findRules(many, inferSchema(many), new Rng(1)).map(describeRule)).toContain('amount is 0 exactly when qty is 0');
    const few = lines(20);
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'zero')).toEqual([]);
  });

  it('reads a zero rule from JSON and says how many seed rows break one', () => {
    expect(parseRules([{ kind: 'zero', column: 'amount', when: 'qty' }])).toEqual([{ kind: 'zero', column: 'amount', when: 'qty' }]);
    const table = orders(200);
    const zeros = table.columns[3].filter((v) => v === '0.00').length;
    expect(() => validateRules([{ kind: 'zero', column: 'subtotal', when: 'shipping' }], table, inferSchema(table))).toThrow(new RegExp(`in ${zeros} of 200 rows`));
  });
});

describe('zero rules by category', () => {
  /** Events: meetups are free, cancelled events have no one; the fill rate is attendance over a capacity by venue. */
  const events = (rows: number) => {
    const rng = new Rng(rows + 5);
    const cols: string[][] = [[], [], [], [], [], []];
    const capacity: Record<string, number> = { Hall: 500, Loft: 80 };
    for (let r = 0; r < rows; r++) {
      const [category, status, venue] = [['Meetup', 'Talk', 'Gala'][rng.int(3)], rng.next() < 0.1 ? 'Cancelled' : 'Held', ['Hall', 'Loft'][rng.int(2)]];
      const attendees = status === 'Cancelled' ? 0 : 1 + rng.int(capacity[venue]);
      cols[0].push(category);
      cols[1].push(status);
      cols[2].push(venue);
      cols[3].push(category === 'Meetup' ? '0.00' : (20 + rng.int(80) + 0.99).toFixed(2));
      cols[4].push(String(attendees));
      cols[5].push(((100 * attendees) / capacity[venue]).toFixed(2));
    }
    return tableFromColumns(['category', 'status', 'venue', 'price', 'attendees', 'fill'], cols);
  };

  it('finds a price 0 exactly for meetups and no one at cancelled events, on 400 rows but not on 20', () => {
    const table = events(400);
    const found = findRules(table, inferSchema(table), new Rng(1)).map(describeRule);
    expect(found).toContain('price is 0 exactly when category is Meetup');
    // Attendance and the fill rate are 0 on the same rows, one a rate by venue of the other: the rule is listed once.
    expect(found).toContain('attendees = fill × rate by venue: 5 for Hall; 0.8 for Loft');
    expect(found.filter((t) => t.endsWith('exactly when status is Cancelled'))).toEqual(['fill is 0 exactly when status is Cancelled']);
    const few = events(20);
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'zero')).toEqual([]);
  });

  it('finds a number that holds one value exactly on a category\'s rows: 35 hours a week for full-time staff', () => {
    const rng = new Rng(9);
    const partTime = Array.from({ length: 300 }, () => (rng.next() < 0.3 ? 'oui' : 'non'));
    const hours = partTime.map((p) => (p === 'non' ? '35,0' : ['17,5', '21,0', '24,5', '28,0'][rng.int(4)]));
    const table = tableFromColumns(['Temps partiel', 'Heures'], [partTime, hours]);
    const schema = inferSchema(table);
    const found = findRules(table, schema, new Rng(1)).filter((r) => r.kind === 'zero');
    expect(found).toEqual([{ kind: 'zero', column: 'Heures', when: 'Temps partiel', values: ['non'], value: 35 }]);
    expect(describeRuleIn(found[0], schema)).toBe('Heures is 35,0 exactly when Temps partiel is non');
    expect(parseRules(JSON.parse(JSON.stringify(found)))).toEqual(found);
    expect(() => parseRules([{ kind: 'zero', column: 'Heures', when: 'x', value: 35 }])).toThrow(/Rule 1 is not one of/);
  });

  it('reads one from JSON, and refuses a value the category never holds, or a number after "when"', () => {
    const rule: Rule = { kind: 'zero', column: 'price', when: 'category', values: ['Meetup'] };
    expect(parseRules([rule])).toEqual([rule]);
    const table = events(100);
    const schema = inferSchema(table);
    expect(() => validateRules([rule], table, schema)).not.toThrow();
    expect(() => validateRules([{ ...rule, values: ['Meetups'] }], table, schema)).toThrow(/names "Meetups", which "category" never is/);
    expect(() => validateRules([{ ...rule, when: 'attendees' }], table, schema)).toThrow(/needs a category after "when"/);
    expect(() => validateRules([{ ...rule, values: ['Gala'] }], table, schema)).toThrow(/breaks the rule "price is 0 exactly when category is Gala" in \d+ of 100 rows/);
  });
});

describe('validateRules', () => {
  const table = orders(200);
  const schema = inferSchema(table);
  const check = (rules: Rule[]) => () => validateRules(rules, table, schema);

  it('accepts rules the seed keeps', () => {
    expect(check([{ kind: 'order', low: 'order_date', high: 'ship_date' }, { kind: 'sum', total: 'total', parts: ['subtotal', 'shipping'] }])).not.toThrow();
  });

  it('names an unknown column, an excluded one, and a column of another kind', () => {
    expect(check([{ kind: 'order', low: 'order_date', high: 'delivered' }])).toThrow(/"delivered", which is not a column/);
    const excluded = schema.map((c) => (c.name === 'noise' ? { ...c, include: false } : c));
    expect(() => validateRules([{ kind: 'range', column: 'noise', min: 0 }], table, excluded)).toThrow(/excluded/);
    expect(check([{ kind: 'order', low: 'order_date', high: 'total' }])).toThrow(/mixes dates and numbers/);
    expect(check([{ kind: 'sum', total: 'ship_date', parts: ['subtotal', 'order_date'] }])).toThrow(/first part must be a date and its second a number of days/);
  });

  it('says how many rows of the seed break a rule', () => {
    const negative = table.columns[5].filter((v) => Number(v) < 0).length;
    expect(check([{ kind: 'range', column: 'noise', min: 0 }])).toThrow(new RegExp(`in ${negative} of 200 rows`));
  });

  it('refuses rules that go round in a circle', () => {
    const circle: Rule[] = [
      { kind: 'order', low: 'subtotal', high: 'total' },
      { kind: 'order', low: 'total', high: 'subtotal' },
    ];
    // The seed breaks the second; the circle is what a user must hear about once each holds.
    expect(check(circle)).toThrow(/breaks the rule "subtotal ≥ total"/);
    const same = ['1.5', '2.5', '1.5', '2.5', '3.5', '3.5'];
    const equal = tableFromColumns(['x', 'y'], [same, same]);
    expect(() => validateRules([{ kind: 'order', low: 'x', high: 'y' }, { kind: 'order', low: 'y', high: 'x' }], equal, inferSchema(equal))).toThrow(/contradict each other/);
  });
});
