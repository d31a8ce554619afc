import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { planScalings } from './scaled';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

/** Salaries by contract (a tenth part-time, at 40 % of full-time pay), a bonus that is often 0, a score of few values. */
function payroll(rows: number) {
  const rng = new Rng(7);
  const contract = Array.from({ length: rows }, () => (rng.next() < 0.1 ? 'Part-time' : 'Full-time'));
  const team = contract.map(() => ['North', 'South'][rng.int(2)]);
  const salary = contract.map((c) => ((c === 'Part-time' ? 2000 : 5000) * (1 + 0.15 * rng.normal())).toFixed(2));
  const bonus = contract.map((c) => (rng.next() < 0.4 ? 0 : (c === 'Part-time' ? 100 : 900) * rng.next()).toFixed(2));
  const score = contract.map((c) => String((c === 'Part-time' ? 1 : 3) + rng.int(3)));
  return tableFromColumns(['Contract', 'Team', 'Salary', 'Bonus', 'Score'], [contract, team, salary, bonus, score]);
}

describe('numbers in the scale of the category that explains them', () => {
  const table = payroll(600);
  const schema = inferSchema(table);

  it('are planned for a spread-out number a category explains, not one with a value on many rows or of few values', () => {
    const plans = planScalings(table, schema, ['Salary', 'Bonus', 'Score'], ['Contract', 'Team'], []);
    expect(plans.map((p) => [p.column, p.by])).toEqual([['Salary', 'Contract']]);
    const groups = new Map(plans[0].groups.map(([v, mean, sd]) => [v, { mean, sd }]));
    expect(groups.get('Part-time')!.mean).toBeGreaterThan(1900);
    expect(groups.get('Part-time')!.mean).toBeLessThan(2300);
    expect(groups.get('Full-time')!.sd).toBeGreaterThan(600);
    // Nor for a column a zero rule reads before the number is written.
    expect(planScalings(table, schema, ['Salary'], ['Contract'], [{ kind: 'zero', column: 'Bonus', when: 'Salary' }])).toEqual([]);
    // Nor where the category explains nothing.
    const shuffled = tableFromColumns(table.names, [new Rng(2).shuffle([...table.columns[0]]), ...table.columns.slice(1)]);
    expect(planScalings(shuffled, inferSchema(shuffled), ['Salary'], ['Contract', 'Team'], [])).toEqual([]);
  });

  it('give the seed back through encoding and decoding, keep each category in its scale, and are saved with the model', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules: [], scaleByCategory: true });
    expect(transformer.scaled).toEqual([{ name: 'Salary', by: 'Contract' }]);
    const back = transformer.decode(transformer.encode(table, schema, 2), table.rowCount, new Rng(3));
    expect(back.columns[2]).toEqual(table.columns[2]);
    // Random model output still writes part-time salaries on part-time's scale.
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    const decoded = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    const mean = (c: string) => {
      const xs = decoded.columns[2].filter((_, r) => decoded.columns[0][r] === c).map(Number);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(mean('Full-time') / mean('Part-time')).toBeGreaterThan(2);
    // And within each category's range, as numbers kept by category are: no part-time salary past part-time's.
    const seedPart = table.columns[2].filter((_, r) => table.columns[0][r] === 'Part-time').map(Number);
    const part = decoded.columns[2].filter((_, r) => decoded.columns[0][r] === 'Part-time').map(Number);
    expect(Math.max(...part)).toBeLessThan(Math.max(...seedPart) * 1.05);
    expect(Math.min(...part)).toBeGreaterThan(Math.min(...seedPart) * 0.95);
  });

  it('take a second category for what the first leaves: pay by department and by contract', () => {
    const rng = new Rng(9);
    const rows = 800;
    const dept = Array.from({ length: rows }, () => ['Sales', 'Tech', 'Legal'][rng.int(3)]);
    const contract = dept.map(() => (rng.next() < 0.15 ? 'Part-time' : 'Full-time'));
    const base = { Sales: 3000, Tech: 6000, Legal: 9000 } as Record<string, number>;
    const pay = dept.map((d, r) => (base[d] * (contract[r] === 'Part-time' ? 0.45 : 1) * (1 + 0.1 * rng.normal())).toFixed(2));
    const t = tableFromColumns(['Dept', 'Contract', 'Pay'], [dept, contract, pay]);
    const s = inferSchema(t);
    const [plan] = planScalings(t, s, ['Pay'], ['Dept', 'Contract'], []);
    expect([plan.by, plan.then?.by]).toEqual(['Dept', 'Contract']);
    const transformer = new TableTransformer(t, s, 1, { rules: [], scaleByCategory: true });
    expect(transformer.scaled).toEqual([{ name: 'Pay', by: 'Dept and Contract' }]);
    expect(transformer.decode(transformer.encode(t, s, 2), t.rowCount, new Rng(3)).columns[2]).toEqual(t.columns[2]);
    // Random model output: part-time pay in Legal near 0.45 of full-time's there.
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 6_000, 4), 6_000, new Rng(5));
    const mean = (d: string, c: string) => {
      const xs = decoded.columns[2].filter((_, r) => decoded.columns[0][r] === d && decoded.columns[1][r] === c).map(Number);
      return xs.reduce((a, x) => a + x, 0) / xs.length;
    };
    expect(mean('Legal', 'Part-time') / mean('Legal', 'Full-time')).toBeLessThan(0.65);
    expect(mean('Sales', 'Part-time') / mean('Sales', 'Full-time')).toBeLessThan(0.65);
  });
});
