import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
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
