import { describe, expect, it } from 'vitest';
import { findRules } from './findRules';
import { countBreaks, describeRule, parseRules } from './rules';
import { inferSchema } from './schema';
import { tableFromColumns } from './table';
import { Rng } from '../util/rng';

const rulesOf = (names: string[], columns: (string | null)[][]) => {
  const table = tableFromColumns(names, columns);
  return findRules(table, inferSchema(table), new Rng(1)).map(describeRule);
};

describe('a column that is one number over another', () => {
  const rng = new Rng(3);
  const surface = Array.from({ length: 300 }, () => 20 + rng.int(1500) / 10);
  const price = surface.map((s) => 1000 * Math.round((s * (3000 + rng.int(7000))) / 1000));

  it('is found once, with the finer column as what is divided out', () => {
    const rules = rulesOf(['Surface', 'Price', 'Price per m2'], [surface.map((s) => s.toFixed(1)), price.map(String), price.map((p, r) => (p / surface[r]).toFixed(2))]);
    expect(rules).toContain('Price per m2 = Price / Surface');
    expect(rules.filter((r) => r.includes(' / '))).toHaveLength(1);
  });

  it('is found in percent, and not beside the product it restates', () => {
    const visits = surface.map((s) => Math.round(s * 10));
    const orders = visits.map((v) => rng.int(Math.ceil(v / 5)));
    const share = rulesOf(['Visits', 'Orders', 'Conversion (%)'], [visits.map(String), orders.map(String), orders.map((o, r) => ((100 * o) / visits[r]).toFixed(2))]);
    expect(share).toContain('Conversion (%) = Orders / Visits × 100');
    const unit = surface.map((s) => s.toFixed(2));
    const qty = surface.map(() => 1 + rng.int(9));
    const product = rulesOf(['Unit price', 'Qty', 'Subtotal'], [unit, qty.map(String), unit.map((u, r) => (Number(u) * qty[r]).toFixed(2))]);
    expect(product).toContain('Subtotal = Unit price × Qty');
    expect(product.filter((r) => r.includes(' / '))).toEqual([]);
  });

  it('is found over a square: a BMI from a weight in kg and a height in cm, blank where either is', () => {
    const rng = new Rng(11);
    const height = Array.from({ length: 300 }, () => 150 + rng.int(45));
    const weight = height.map((h) => Math.round((h - 100) * (0.7 + 0.6 * rng.next()) * 10) / 10);
    const bmi = weight.map((w, r) => (r % 25 === 0 ? null : (w / (height[r] / 100) ** 2).toFixed(1)));
    const rules = rulesOf(['Height (cm)', 'Weight (kg)', 'BMI'], [height.map(String), weight.map((w, r) => (r % 25 === 0 ? null : w.toFixed(1))), bmi]);
    expect(rules).toContain('BMI = Weight (kg) / Height (cm)² × 10000');
    const [rule] = parseRules([{ kind: 'product', total: 'BMI', parts: ['Weight (kg)', 'Height (cm)'], per: true, square: true, scale: 10000 }]);
    expect(describeRule(rule)).toBe('BMI = Weight (kg) / Height (cm)² × 10000');
    expect(() => parseRules([{ kind: 'product', total: 'BMI', parts: ['a', 'b'], square: true }])).toThrow('Rule 1 is not one of');
  });

  it('reads from JSON, with a row dividing by 0 not judged', () => {
    const [rule] = parseRules([{ kind: 'product', total: 'Rate', parts: ['Hits', 'Tries'], per: true, percent: true }]);
    expect(describeRule(rule)).toBe('Rate = Hits / Tries × 100');
    const table = tableFromColumns(['Hits', 'Tries', 'Rate'], [['1', '0', '3'], ['4', '0', '4'], ['25.00', '7.00', '75.00']]);
    expect(countBreaks(table, inferSchema(table), rule)).toBe(0);
    expect(() => parseRules([{ kind: 'product', total: 'R', parts: ['a', 'b'], per: true, off: true }])).toThrow('Rule 1 is not one of');
  });
});

describe("orders and steps a new user's tables showed", () => {
  it('propose no order between money and a count with no unit', () => {
    const rng = new Rng(6);
    const qty = Array.from({ length: 400 }, () => 1 + rng.int(5));
    const vat = qty.map((q) => (q * (8 + rng.int(40)) * 0.2).toFixed(2));
    expect(rulesOf(['Quantity', 'VAT (€)'], [qty.map(String), vat]).filter((r) => r.includes('Quantity') && r.includes('VAT'))).toEqual([]);
    // Nor where only the name says money, over numbers in cents: a membership's price and its visits.
    const paid = qty.map(() => 5 + rng.int(30_000) / 100);
    const visits = paid.map((p) => String(rng.int(Math.min(120, Math.floor(p)))));
    expect(rulesOf(['Paid Amount', 'Visits'], [paid.map((p) => p.toFixed(2)), visits]).filter((r) => r.includes('≥') && r.includes('Visits') && r.includes('Paid'))).toEqual([]);
  });

  it('keep an order between two dates that a mostly blank date lies between', () => {
    const rng = new Rng(4);
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const booked = Array.from({ length: 400 }, () => rng.int(300));
    const checkIn = booked.map((b) => b + 1 + rng.int(120));
    const cancelled = booked.map((b, r) => (rng.next() < 0.15 ? day(b + rng.int(checkIn[r] - b)) : null));
    const rules = rulesOf(['Booked', 'Cancelled on', 'Check-in'], [booked.map(day), cancelled, checkIn.map(day)]);
    expect(rules).toContain('Check-in ≥ Booked');
  });

  it('find a category in bands of a whole-number score, but not a plan with one price each', () => {
    const rng = new Rng(5);
    const score = Array.from({ length: 1000 }, () => rng.int(11));
    const band = score.map((s) => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor'));
    expect(rulesOf(['Score', 'Band'], [score.map(String), band])).toContain('Band by Score: detractor below 7, passive below 9, promoter from 9');
    const plan = score.map((s) => ['Free', 'Pro', 'Team'][s % 3]);
    const seats = plan.map((p) => String(p === 'Free' ? 1 : 1 + rng.int(20)));
    const rules = rulesOf(['Plan', 'Seats', 'Price'], [plan, seats, plan.map((p) => ({ Free: '0', Pro: '15', Team: '25' })[p]!)]);
    expect(rules.filter((r) => r.startsWith('Plan by'))).toEqual([]);
  });
});
