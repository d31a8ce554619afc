import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, parseRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { addMonths } from '../data/years';
import { agesTable as patients } from '../data/agesTable';
import { loansTable } from '../data/ruleTables';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('ages written from their dates', () => {
  const table = patients(400);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  const years = rules.filter((r) => r.kind === 'years');

  it('are kept on 50,000 rows decoded from random model output, and by a transformer rebuilt from its saved state', () => {
    expect(years).toHaveLength(2);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 50_000, 9), 50_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(45_000);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    const saved = JSON.parse(JSON.stringify(transformer.toState()));
    const restored = new TableTransformer(saved);
    const again = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(again.rowCount).toBeGreaterThan(4500);
    for (const rule of rules) expect(countBreaks(again, schema, rule), describeRule(rule)).toBe(0);
  });

  it('are broken without the rules', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2));
    const [atVisit, onDay] = years.map((rule) => countBreaks(decoded, schema, rule));
    expect(atVisit).toBeGreaterThan(5_000);
    // The age on a fixed day lies on a straight line in the date of birth, which keeps it on most rows.
    expect(onDay).toBeGreaterThan(100);
  });
});

describe('an end date written as its start plus a term in months', () => {
  it('is kept on 20,000 rows decoded from random model output', () => {
    const table = loansTable(300);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.some((r) => r.kind === 'sum' && r.unit === 'months')).toBe(true);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(decoded.rowCount).toBeGreaterThan(15_000);
    for (const rule of rules) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBe(0);
  });
});

describe('a hiring date 18 whole years past the date of birth at least', () => {
  const rng = new Rng(21);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const born = Array.from({ length: 600 }, () => Date.UTC(1965, 0, 1) + rng.int(40 * 365) * 86_400_000);
  // Hired from the 18th birthday on, by 2024 at the latest: no one younger.
  const hired = born.map((b) => Math.min(Date.UTC(2024, 5, 30), addMonths(b, 12 * 18) + rng.int(25 * 365) * 86_400_000));
  const kept = born.map((_, r) => r).filter((r) => hired[r] > born[r]);
  const table = tableFromColumns(['Birth Date', 'Hire Date'], [kept.map((r) => iso(born[r])), kept.map((r) => iso(hired[r]))]);
  const schema = inferSchema(table);

  it('is found as an order of 18 years, read from JSON, and kept on rows decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    const rule: Rule = { kind: 'order', low: 'Birth Date', high: 'Hire Date', years: 18 };
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Hire Date ≥ Birth Date + 18 years');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 10_000, 3), 10_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(5_000);
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 2_000, 3), 2_000, new Rng(4)), schema, rule)).toBeGreaterThan(100);
  });

  it('is not found on dates shuffled apart', () => {
    const shuffled = tableFromColumns(table.names, [table.columns[0], new Rng(2).shuffle([...table.columns[1]])]);
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'order' && r.years)).toEqual([]);
  });
});
