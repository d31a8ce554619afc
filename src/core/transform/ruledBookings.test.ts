import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

/**
 * Court bookings: an hourly rate the tier fixes, a fee of that rate for the minutes booked, a
 * floodlight surcharge on some, and a refund of fee and surcharge on cancelled bookings only.
 */
function bookings(rows: number): Table {
  const rng = new Rng(21);
  const rates: Record<string, number> = { Junior: 8, 'Off-Peak': 10, Standard: 14, Premium: 20 };
  const cols: (string | null)[][] = Array.from({ length: 7 }, () => []);
  for (let r = 0; r < rows; r++) {
    const tier = Object.keys(rates)[rng.int(4)];
    const minutes = [30, 60, 60, 90, 120][rng.int(5)];
    const fee = (rates[tier] * minutes) / 60;
    const surcharge = rng.next() < 0.3 ? 4.5 : 0;
    const cancelled = rng.next() < 0.12;
    const row = [tier, rates[tier].toFixed(2), String(minutes), fee.toFixed(2), surcharge.toFixed(2), cancelled ? 'Y' : 'N', cancelled ? (fee + surcharge).toFixed(2) : null];
    row.forEach((v, c) => cols[c].push(v));
  }
  return tableFromColumns(['Tier', 'Hourly Rate (£)', 'Duration (mins)', 'Court Fee (£)', 'Surcharge (£)', 'Cancelled?', 'Refund (£)'], cols);
}

describe('a fee its rate and minutes give, and a refund of it on some rows', () => {
  const table = bookings(900);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));

  it('finds the fee from the rate, not the minutes from the fee by tier', () => {
    const described = rules.map(describeRule);
    expect(described).toContain('Court Fee (£) = Hourly Rate (£) × Duration (mins) / 60');
    expect(described.filter((d) => d.startsWith('Duration (mins) ='))).toEqual([]);
  });

  it('writes the fee from its rate and the refund from the fee, so cancelled rows are kept', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const rows = untrainedRows(transformer.layout.width, 4_000, 5);
    const all = transformer.decodeChecked(rows, 4_000, new Rng(6), 0, undefined, true).table;
    const kept = transformer.decodeChecked(rows, 4_000, new Rng(6)).table;
    for (const rule of rules) expect(countBreaks(kept, schema, rule), describeRule(rule)).toBe(0);
    const cancelled = (t: Table) => t.columns[5].filter((v) => v === 'Y').length / t.rowCount;
    expect(cancelled(all)).toBeGreaterThan(0.05);
    expect(cancelled(kept)).toBeGreaterThan(0.8 * cancelled(all));
  });

  it('writes a refund from its parts on a cancelled row the model left blank, so none is dropped for it', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 4_000, 7), 4_000, new Rng(8));
    expect([...decoded.broken.keys()].filter((rule) => rule.startsWith('Refund'))).toEqual([]);
    const at = (name: string) => decoded.table.columns[decoded.table.names.indexOf(name)];
    at('Cancelled?').forEach((c, r) => {
      if (c === 'Y') expect(Number(at('Refund (£)')[r])).toBeCloseTo(Number(at('Court Fee (£)')[r]) + Number(at('Surcharge (£)')[r]), 2);
      else expect(at('Refund (£)')[r]).toBeNull();
    });
  });
});
