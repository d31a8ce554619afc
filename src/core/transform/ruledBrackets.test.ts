import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, validateRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { breaksWithoutRules, decodedWithRules } from './keptRules';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const cents = (x: number) => (Math.round(x * 100 + 1e-7) / 100).toFixed(2);

/** Pay slips: a tax of a fifth of the gross from 1,000 to 4,000 and two fifths above; a late fee of 0.25 a day, at most 10. */
function payslips(rows: number, seed = 6): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = [[], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const dept = rng.next() < 0.5 ? 'Sales' : 'Support';
    const gross = Number(cents((dept === 'Sales' ? 2500 : 800) + 5000 * rng.next()));
    const tax = 0.2 * Math.max(0, Math.min(gross, 4000) - 1000) + 0.4 * Math.max(0, gross - 4000);
    const late = rng.int(80);
    cols[0].push(dept);
    cols[1].push(`$${Number(cents(gross)).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    cols[2].push(cents(tax));
    cols[3].push(String(late));
    cols[4].push(cents(Math.min(10, 0.25 * late)));
  }
  return tableFromColumns(['Dept', 'Monthly Gross', 'Income Tax', 'Days late', 'Late fee'], cols);
}

describe('brackets: a number made of straight pieces of another', () => {
  const table = payslips(700);
  const schema = inferSchema(table);
  const tax: Rule = { kind: 'brackets', column: 'Income Tax', of: 'Monthly Gross', at: 0, cutoffs: [1000, 4000], slopes: [0, 0.2, 0.4] };
  const fee: Rule = { kind: 'brackets', column: 'Late fee', of: 'Days late', at: 10, cutoffs: [40], slopes: [0.25, 0] };

  it('is found, read from JSON, and kept on every row decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(tax);
    expect(rules).toContainEqual(fee);
    expect(rules.filter((r) => r.kind === 'range' && r.column === 'Income Tax')).toEqual([]);
    expect(describeRule(tax)).toBe('Income Tax by brackets of Monthly Gross: × 0 up to 1000, × 0.2 from 1000 to 4000, × 0.4 above 4000; 0 at 1000');
    expect(parseRules(JSON.parse(JSON.stringify([tax, fee])))).toEqual([tax, fee]);
    const decoded = decodedWithRules(table, schema, rules);
    expect(decoded.table.rowCount).toBeGreaterThan(5_000);
    expect(decoded.broken).toEqual({});
    expect(breaksWithoutRules(table, schema, tax)).toBeGreaterThan(1_000);
  });

  it('is not found where the tax is shuffled apart, on 700 rows or 20', () => {
    const shuffled = tableFromColumns(table.names, table.columns.map((c, k) => (k === 2 ? new Rng(3).shuffle([...c]) : c)));
    const few = tableFromColumns(table.names, shuffled.columns.map((c) => c.slice(0, 20)));
    for (const t of [shuffled, few]) expect(findRules(t, inferSchema(t), new Rng(1)).filter((r) => r.kind === 'brackets' && r.column === 'Income Tax')).toEqual([]);
  });

  it('says what is wrong with a rule the seed breaks, or one on a column of the wrong kind', () => {
    expect(() => validateRules([{ ...tax, cutoffs: [1200, 4000] } as Rule], table, schema)).toThrow(/breaks the rule .* in \d+ of 700 rows/);
    expect(() => validateRules([{ ...tax, of: 'Dept' } as Rule], table, schema)).toThrow(/"Dept" is a categorical column/);
    expect(() => parseRules([{ ...tax, slopes: [0.2] }])).toThrow(/Rule 1 is not one of/);
  });
});

describe('brackets on a column blank beside its number', () => {
  it('keep the blanks a blank rule asks for, so no category is lost to redraws', () => {
    const rng = new Rng(11);
    const terms = Array.from({ length: 600 }, () => (rng.next() < 0.25 ? 'Cash' : 'Invoice'));
    const qty = terms.map(() => 100 + rng.int(4000));
    const freight = qty.map((q, r) => (terms[r] === 'Cash' ? null : (Math.round(Math.min(150, 25 + 0.04 * q) * 100) / 100).toFixed(2)));
    const table = tableFromColumns(['Terms', 'Qty', 'Freight'], [terms, qty.map(String), freight]);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map(describeRule)).toContain('Freight is blank exactly when Terms is Cash');
    expect(rules.some((r) => r.kind === 'brackets' && r.column === 'Freight')).toBe(true);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 4_000, 3), 4_000, new Rng(4));
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
    const cash = decoded.table.columns[0].filter((t) => t === 'Cash').length / decoded.table.rowCount;
    expect(cash).toBeGreaterThan(0.1);
  });
});

describe('a total beside a blank part', () => {
  it('is the sum of the parts it has where the seed\'s is (an invoice total with no freight)', () => {
    const rng = new Rng(12);
    const buyer = Array.from({ length: 500 }, () => (rng.next() < 0.2 ? 'Market' : 'Wholesale'));
    const net = buyer.map(() => 50 + rng.int(2000));
    const freight = buyer.map((b) => (b === 'Market' ? null : 5 + rng.int(40)));
    const total = net.map((n, r) => n + (freight[r] ?? 0));
    const table = tableFromColumns(['Buyer', 'Net', 'Freight', 'Total'], [buyer, net.map((x) => x.toFixed(2)), freight.map((x) => (x === null ? null : x.toFixed(2))), total.map((x) => x.toFixed(2))]);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map(describeRule)).toContain('Total = Net + Freight');
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const out = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 3), 3_000, new Rng(4)).table;
    const [nets, freights, totals] = [1, 2, 3].map((k) => out.columns[k]);
    const blankRows = freights.flatMap((f, r) => (f === null && nets[r] !== null && totals[r] !== null ? [r] : []));
    expect(blankRows.length).toBeGreaterThan(100);
    expect(blankRows.filter((r) => totals[r] !== nets[r])).toEqual([]);
  });
});
