import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema, type ColumnSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

/**
 * Repair tickets: 150 flats in 6 buildings, each flat's tenant by email (blank on a few rows, and
 * one address typed for two flats), a trade's own contractors and none for in-house repairs.
 */
function tickets(rows: number, seed = 3): Table {
  const rng = new Rng(seed);
  const buildings = ['Elm Court', 'Kingsway House', 'Parkside', 'Riverside Mews', 'St Anne’s', 'The Foundry'];
  const flats = Array.from({ length: 150 }, (_, k) => ({ building: buildings[k % 6], unit: `Flat ${k + 1}`, email: `tenant${k}@mail.example` }));
  flats[7].email = flats[3].email;
  const trades: Record<string, (string | null)[]> = { Plumbing: ['FlowRight', 'Drip Doctors'], Electrical: ['Spark & Co', 'Volt'], Heating: ['Boiler Bros'], 'General Repairs': [null], 'Locks & Keys': [null] };
  const cols: (string | null)[][] = Array.from({ length: 5 }, () => []);
  for (let r = 0; r < rows; r++) {
    const flat = flats[rng.int(flats.length)];
    const trade = Object.keys(trades)[rng.int(5)];
    const by = trades[trade];
    [flat.building, flat.unit, rng.next() < 0.05 ? null : flat.email, trade, by[rng.int(by.length)]].forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Property', 'Unit', 'Tenant Email', 'Category', 'Contractor'], cols);
}

/** Rows decoded from 2,000 rows of random model output, with the rules found in `table` (or those given). */
function decodedRandom(table: Table, schema: ColumnSchema[], rules = findRules(table, schema, new Rng(1))): Table {
  const transformer = new TableTransformer(table, schema, 1, { rules });
  return transformer.decodeChecked(untrainedRows(transformer.layout.width, 2_000, 2), 2_000, new Rng(3)).table;
}

/** How many keys of `key` hold more than one value of `other` among `table`'s rows (blanks of either not counted). */
function mixedKeys(table: Table, key: string, other: string): number {
  const [keys, values] = [key, other].map((name) => table.columns[table.names.indexOf(name)]);
  const held = new Map<string, Set<string>>();
  keys.forEach((k, r) => k !== null && values[r] !== null && held.set(k, (held.get(k) ?? new Set()).add(values[r]!)));
  return [...held.values()].filter((s) => s.size > 1).length;
}

describe('values that belong to a group: a flat to its building, a tenant to the flat, a contractor to a trade', () => {
  const table = tickets(900);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  const transformer = new TableTransformer(table, schema, 1, { rules });
  const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 2), 3_000, new Rng(3)).table;

  it('keeps each of 150 flats in its one building, though a category keeps slots for 100 values', () => {
    expect(schema[1].distinct).toBeGreaterThan(140);
    expect(transformer.derived).toContainEqual({ name: 'Property', source: 'Unit' });
    expect(decoded.rowCount).toBeGreaterThan(1_000);
    expect(mixedKeys(decoded, 'Unit', 'Property')).toBe(0);
  });

  it('keeps a contractor to its trade where one is given, beside the blank rule for in-house repairs', () => {
    expect(rules.map(describeRule)).toContain('Contractor is blank exactly when Category is General Repairs or Locks & Keys');
    expect(rules.some((r) => r.kind === 'among' && r.column === 'Contractor' && r.when === 'Category')).toBe(true);
    for (const r of rules) expect(countBreaks(decoded, schema, r), describeRule(r)).toBe(0);
    expect(mixedKeys(decoded, 'Contractor', 'Category')).toBe(0);
  });

  it("gives each tenant's email one flat, though some rows have none and one address was typed for two flats", () => {
    expect(mixedKeys(table, 'Tenant Email', 'Unit')).toBe(1);
    expect(mixedKeys(decoded, 'Tenant Email', 'Unit')).toBe(0);
  });
});

describe("a member's email, blank in the years they were a junior", () => {
  it('stays one per member where it is given', () => {
    const rng = new Rng(4);
    const cols: (string | null)[][] = [[], [], []];
    for (let m = 0; m < 150; m++) {
      const [renewals, juniorUntil] = [2 + rng.int(4), rng.next() < 0.3 ? 1 + rng.int(2) : 0];
      for (let k = 0; k < renewals; k++) {
        const junior = k < juniorUntil;
        [`M${10000 + m}`, junior ? null : `member${m}@mail.example`, junior ? 'Junior' : 'Adult'].forEach((v, c) => cols[c].push(v));
      }
    }
    const table = tableFromColumns(['Member ID', 'Member Email', 'Tier'], cols);
    const schema = inferSchema(table);
    const decoded = decodedRandom(table, schema);
    expect(decoded.rowCount).toBeGreaterThan(500);
    expect(mixedKeys(decoded, 'Member ID', 'Member Email')).toBe(0);
    expect(mixedKeys(decoded, 'Member Email', 'Member ID')).toBe(0);
  });
});

describe("a pupil's household income, declared some terms and blank on others", () => {
  it('stays one per pupil where it is given, and keeps blanks', () => {
    const rng = new Rng(6);
    const cols: (string | null)[][] = [[], [], []];
    for (let p = 0; p < 200; p++) {
      const income = String(5_000 + 50 * rng.int(800));
      for (const term of ['2023 Autumn', '2024 Spring', '2024 Summer'].slice(0, 1 + rng.int(3))) {
        [`P${10_000 + p}`, term, rng.next() < 0.3 ? null : income].forEach((v, c) => cols[c].push(v));
      }
    }
    const table = tableFromColumns(['Pupil ID', 'Term', 'Household Income (£)'], cols);
    const schema = inferSchema(table);
    const decoded = decodedRandom(table, schema);
    expect(decoded.rowCount).toBeGreaterThan(500);
    expect(mixedKeys(decoded, 'Pupil ID', 'Household Income (£)')).toBe(0);
    expect(decoded.columns[2].some((v) => v === null)).toBe(true);
  });
});

describe("a driver's one cab, each cab one driver's", () => {
  it('keeps the two keys one to one', () => {
    const rng = new Rng(8);
    const cols: string[][] = [[], []];
    for (let r = 0; r < 800; r++) {
      const d = rng.int(40);
      [`DRV-${1000 + d}`, `AB${10 + d} ${'XYZ'[d % 3]}KL`].forEach((v, c) => cols[c].push(v));
    }
    const table = tableFromColumns(['Driver ID', 'Vehicle Reg'], cols);
    const schema = inferSchema(table);
    const decoded = decodedRandom(table, schema);
    expect(mixedKeys(decoded, 'Driver ID', 'Vehicle Reg')).toBe(0);
    expect(mixedKeys(decoded, 'Vehicle Reg', 'Driver ID')).toBe(0);
  });
});

describe('holders of one plot or a few', () => {
  it('keep their repeats and their site, though most hold one', () => {
    const rng = new Rng(9);
    const cols: string[][] = [[], []];
    for (let h = 0; h < 410; h++) {
      const site = ['Station Lane', 'Mill Road', 'Church Fields', 'Brook Farm'][rng.int(4)];
      for (let k = 0; k < (rng.next() < 0.15 ? 2 + rng.int(3) : 1); k++) [`${['Ann', 'Bo', 'Cy', 'Di', 'Ed'][h % 5]} ${['Lee', 'Ng', 'Roe', 'Fox'][(h >> 2) % 4]} ${h}`, site].forEach((v, c) => cols[c].push(v));
    }
    const table = tableFromColumns(['Holder ID', 'Site'], cols);
    const schema = inferSchema(table);
    const decoded = decodedRandom(table, schema, []);
    const holders = decoded.columns[0];
    expect(new Set(holders).size).toBeLessThan(0.95 * holders.length);
    expect(mixedKeys(decoded, 'Holder ID', 'Site')).toBe(0);
  });
});
