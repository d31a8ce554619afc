import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('columns fixed by a part of a date', () => {
  const rng = new Rng(8);
  const dates = Array.from({ length: 400 }, () => (rng.next() < 0.1 ? null : new Date(Date.UTC(2021, 6, 1) + rng.int(1000) * 86_400_000)));
  const part = (f: (d: Date) => string) => dates.map((d) => (d ? f(d) : null));
  const names = ['Sold on', 'Year', 'Month', 'Mois', 'Jour', 'Amount'];
  const table = tableFromColumns(names, [
    part((d) => d.toISOString().slice(0, 10)),
    part((d) => String(d.getUTCFullYear())),
    part((d) => String(d.getUTCMonth() + 1)),
    // A month name the month number fixes too: it follows that column, and must follow the date as well.
    part((d) => ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'][d.getUTCMonth()]),
    part((d) => ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'][(d.getUTCDay() + 6) % 7]),
    dates.map(() => (10 + rng.next() * 90).toFixed(2)),
  ]);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));

  it('are found, and kept on 100,000 rows decoded from random model output', () => {
    expect(rules.map(describeRule)).toEqual(
      expect.arrayContaining(['Year is the year of Sold on', 'Month is the month of Sold on', 'Mois is the month of Sold on', 'Jour is the weekday of Sold on']),
    );
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 100_000, 9), 100_000, new Rng(2));
    expect(decoded.table.rowCount).toBeGreaterThan(90_000);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
    const [sold, year, month, mois] = [0, 1, 2, 3].map((c) => decoded.table.columns[c]);
    for (let r = 0; r < 2000; r++) {
      if (sold[r] === null) continue;
      const d = new Date(`${sold[r]}T00:00:00Z`);
      expect([year[r], month[r]]).toEqual([String(d.getUTCFullYear()), String(d.getUTCMonth() + 1)]);
      expect(mois[r]).toBe(table.columns[3][table.columns[2].indexOf(month[r])]);
    }
  });

  it('are broken on many rows without the rules, and kept by a transformer rebuilt from its saved state', () => {
    const year = rules.find((r) => describeRule(r) === 'Year is the year of Sold on')!;
    const plain = new TableTransformer(table, schema, 1, { rules: [] });
    expect(countBreaks(plain.decode(untrainedRows(plain.layout.width, 20_000, 9), 20_000, new Rng(2)), schema, year)).toBeGreaterThan(5_000);
    const saved = JSON.parse(JSON.stringify(new TableTransformer(table, schema, 1, { rules }).toState()));
    const restored = new TableTransformer(saved);
    const decoded = restored.decode(untrainedRows(restored.layout.width, 5_000, 4), 5_000, new Rng(5));
    expect(decoded.rowCount).toBeGreaterThan(4000);
    for (const rule of rules) expect(countBreaks(decoded, schema, rule), describeRule(rule)).toBe(0);
  });
});

describe('a product built from a column that follows a step', () => {
  it('reads the column after the step is written, so no row breaks the product', () => {
    const rng = new Rng(5);
    const spend = Array.from({ length: 600 }, () => Math.round(Math.exp(4 + rng.normal()) * 100) / 100);
    const tier = spend.map((s) => (s < 50 ? 'bronze' : s < 150 ? 'silver' : 'gold'));
    const pct = tier.map((t) => ({ bronze: 0, silver: 5, gold: 10 })[t]!);
    const table = tableFromColumns(
      ['spend', 'tier', 'pct', 'discount'],
      [spend.map((x) => x.toFixed(2)), tier, pct.map(String), spend.map((s, r) => (Math.round(s * pct[r]) / 100).toFixed(2))],
    );
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    expect(rules.map(describeRule)).toEqual(expect.arrayContaining(['discount = spend × pct / 100', 'tier by spend: bronze below 50, silver below 150, gold from 150']));
    const transformer = new TableTransformer(table, schema, 1, { rules });
    expect(transformer.derived).toEqual([{ name: 'pct', source: 'tier' }]);
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 20_000, 9), 20_000, new Rng(2));
    expect(decoded.dropped).toBe(0);
    for (const rule of rules) expect(countBreaks(decoded.table, schema, rule), describeRule(rule)).toBe(0);
  });
});
