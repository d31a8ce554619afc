import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { flagsTable, labTable } from '../data/ruleTables';
import { countBreaks, describeRule, parseRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('flags written from how their numbers compare', () => {
  const table = flagsTable(400);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  const flags = rules.filter((r) => r.kind === 'flag');

  it('are kept on 50,000 rows decoded from random model output, and by a transformer rebuilt from its saved state', () => {
    expect(flags).toHaveLength(2);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 50_000, 9), 50_000, new Rng(2));
    // Random output breaks the attendance's sign and range on some rows (redrawn); no flag is.
    expect(decoded.table.rowCount).toBeGreaterThan(40_000);
    expect([...decoded.broken.keys()].filter((k) => k.includes('exactly when'))).toEqual([]);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    // Full events still come out: the attendance is built below the capacity.
    const sold = decoded.table.columns[decoded.table.names.indexOf('Sold Out')];
    expect(sold.filter((v) => v === 'TRUE').length).toBeGreaterThan(1000);
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    const again = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(again.rowCount).toBeGreaterThan(4000);
    for (const rule of rules) expect(countBreaks(again, schema, rule), describeRule(rule)).toBe(0);
  });

  it('are broken without the rules', () => {
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    const decoded = plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2));
    for (const rule of flags) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBeGreaterThan(3_000);
  });
});

describe('a flag compared through a column that follows it', () => {
  it('is kept by redraw, not built in a circle with the column that follows it', () => {
    // Surcharge follows Premium; Paid extra equals the surcharge exactly on premium rows.
    const rng = new Rng(5);
    const premium = Array.from({ length: 400 }, () => (rng.next() < 0.3 ? 'yes' : 'no'));
    const table = tableFromColumns(
      ['Premium', 'Surcharge', 'Paid extra'],
      [premium, premium.map((p) => (p === 'yes' ? '10' : '0')), premium.map((p) => (p === 'yes' ? '10' : String(1 + rng.int(9))))],
    );
    const schema = inferSchema(table);
    // Found, it says the rule "Paid extra is 10 exactly when Premium is yes" again, so it is not listed; added by hand.
    const found = findRules(table, schema, new Rng(1));
    expect(found.some((r) => r.kind === 'flag')).toBe(false);
    const rules: Rule[] = [...found, { kind: 'flag', column: 'Premium', left: 'Paid extra', op: '=', right: 'Surcharge', values: ['yes', 'no'] }];
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 2_000, 9), 2_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(0);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
  });
});

describe('a flag of a value outside a range', () => {
  const table = labTable(600);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));

  it('is found, read back from JSON, and kept on 20,000 rows decoded from random model output', () => {
    const flag = rules.find((r) => r.kind === 'flag');
    expect(flag && describeRule(flag)).toBe('Abnormal is Yes exactly when Haemoglobin is outside Ref Low to Ref High, else No');
    expect(parseRules(JSON.parse(JSON.stringify([flag])))).toEqual([flag]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    // The flag is modelled and the value drawn again to its side, so the flag keeps its share.
    const slot = transformer.toState().slots.find((x) => x.kind === 'model' && x.name === 'Haemoglobin');
    expect(slot?.kind === 'model' && slot.built?.construction.kind).toBe('within');
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(decoded.rowCount).toBeGreaterThan(15_000);
    for (const rule of rules) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBe(0);
  });

  it('is not found where the flag does not follow the range, nor on 20 rows', () => {
    const rng = new Rng(3);
    const shuffled = { ...table, columns: table.columns.map((c, i) => (i === 4 ? c.map(() => (rng.next() < 0.3 ? 'Yes' : 'No')) : c)) };
    expect(findRules(shuffled, schema, new Rng(1)).filter((r) => r.kind === 'flag')).toEqual([]);
    const small = labTable(20);
    expect(findRules(small, inferSchema(small), new Rng(1)).filter((r) => r.kind === 'flag')).toEqual([]);
  });
});

describe('a result of three values by how two scores compare', () => {
  // A match's result, H, D or A by its goals, and the home side's points, which follow the result.
  const rng = new Rng(12);
  const home = Array.from({ length: 500 }, () => rng.int(5));
  const away = home.map(() => rng.int(4));
  const result = home.map((h, r) => (h > away[r] ? 'H' : h === away[r] ? 'D' : 'A'));
  const points = result.map((x) => (x === 'H' ? '3' : x === 'D' ? '1' : '0'));
  const table = tableFromColumns(['Home Goals', 'Away Goals', 'Result', 'Home Points'], [home.map(String), away.map(String), result, points]);
  const schema = inferSchema(table);
  const rule: Rule = { kind: 'flag', column: 'Result', left: 'Home Goals', op: 'compare', right: 'Away Goals', values: ['A', 'D', 'H'] };

  it('is found, read back from JSON, and kept with the points on 20,000 rows decoded from random model output', () => {
    const rules = findRules(table, schema, new Rng(1));
    expect(rules).toContainEqual(rule);
    expect(describeRule(rule)).toBe('Result is A when Home Goals < Away Goals, D when equal, H when greater');
    expect(parseRules(JSON.parse(JSON.stringify([rule])))).toEqual([rule]);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 3), 20_000, new Rng(4));
    expect(decoded.table.rowCount).toBeGreaterThan(10_000);
    expect(countBreaks(decoded.table, schema, rule)).toBe(0);
    const [, , results, homePoints] = decoded.table.columns;
    for (let r = 0; r < 2000; r++) expect(homePoints[r]).toBe(results[r] === 'H' ? '3' : results[r] === 'D' ? '1' : '0');
  });

  it('is not found on shuffled results, nor on 20 rows', () => {
    const shuffled = tableFromColumns(table.names, [table.columns[0], table.columns[1], new Rng(3).shuffle([...table.columns[2]]), table.columns[3]]);
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'flag')).toEqual([]);
    const few = tableFromColumns(table.names, table.columns.map((c) => c.slice(0, 20)));
    expect(findRules(few, inferSchema(few), new Rng(1)).filter((r) => r.kind === 'flag')).toEqual([]);
  });
});
