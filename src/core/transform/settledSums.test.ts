import { describe, expect, it } from 'vitest';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';
import { Rng } from '../util/rng';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { settleSums } from '../data/settleSums';
import { tableFromColumns } from '../data/table';

const cents = (x: number) => (Math.round(x * 100 + 1e-7) / 100).toFixed(2);

/** Deliveries: a surcharge in steps of the weight, fuel at 8 % of the fees, the total their sum. */
function deliveries(rows: number) {
  const rng = new Rng(12);
  const cols: string[][] = [[], [], [], [], [], [], [], [], []];
  for (let r = 0; r < rows; r++) {
    const weight = 0.5 + 30 * rng.next() ** 2;
    const [zone, express] = [rng.int(3), rng.int(2)];
    const base = [4.5, 7, 12][zone] * (express ? 1.5 : 1);
    const surcharge = weight < 5 ? 0 : weight < 20 ? 3 : 10;
    const km = 1 + rng.int(80);
    const distance = Number(cents(0.35 * km));
    const fuel = Number(cents(0.08 * (base + distance + surcharge)));
    [weight.toFixed(2), base.toFixed(2), cents(distance), `$${surcharge.toFixed(2)}`, cents(fuel), cents(base + distance + surcharge + fuel), 'ABC'[zone], express ? 'Express' : 'Standard', String(km)].forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Weight', 'Base', 'Distance Fee', 'Surcharge', 'Fuel', 'Total', 'Zone', 'Service', 'Km'], cols);
}

describe('a sum whose total another rule writes', () => {
  it('is turned to total a column nothing writes, the rate in its way dropped, and every rule left is kept', () => {
    const table = deliveries(800);
    const schema = inferSchema(table);
    const found = findRules(table, schema, new Rng(1));
    const step = found.find((r) => r.kind === 'step' && r.column === 'Surcharge')!;
    // Found here too: the sum on the total, no rate of it for the fuel.
    expect(found.map(describeRule)).toContain('Total = Surcharge + Base + Distance Fee + Fuel');
    expect(found.filter((r) => r.kind === 'rate' && r.total === 'Fuel')).toEqual([]);
    const rate: Rule = { kind: 'rate', total: 'Fuel', of: 'Total', rate: 0.07406 };
    const lookup = found.find((r) => r.kind === 'lookup' && r.column === 'Base')!;
    const perKm = found.find((r) => r.kind === 'rate' && r.total === 'Distance Fee')!;
    expect([step, rate, lookup, perKm].map((r) => r?.kind)).toEqual(['step', 'rate', 'lookup', 'rate']);
    // The sum as the weights' surcharge: written twice, by the sum and by the step.
    const sum: Rule = { kind: 'sum', total: 'Surcharge', parts: ['Total'], minus: ['Base', 'Distance Fee', 'Fuel'] };
    const rules = settleSums([sum, rate, step, lookup, perKm], table, schema);
    expect(rules.map(describeRule)).toEqual(['Total = Surcharge + Base + Distance Fee + Fuel', ...[step, lookup, perKm].map((r) => describeRule(r))]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 10_000, 3), 10_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(2_000);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
    // With no column left to total, the sum goes rather than be listed and broken.
    const totals: Rule = { kind: 'lookup', column: 'Total', by: ['Zone', 'Service'], values: [] };
    expect(settleSums([sum, rate, step, lookup, perKm, totals], table, schema)).toEqual([rate, step, lookup, perKm, totals]);
  });
});
