import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { findRules } from './findRules';
import { describeRule, validateRules, type Rule } from './rules';
import { inferSchema } from './schema';
import { tableFromColumns } from './table';

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
    // total ≥ subtotal holds too, and total ≥ shipping: orders between money columns are found, implied ones left out.
    expect(found).toContain('total ≥ subtotal');
  });

  it('takes an order on 20 rows for chance, and the same order on 400 rows for a rule', () => {
    const few = sortedPairs(20);
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'order')).toEqual([]);
    const many = sortedPairs(400);
    expect(findRules(many, inferSchema(many), new Rng(1)).map(describeRule)).toContain('b ≥ a');
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
