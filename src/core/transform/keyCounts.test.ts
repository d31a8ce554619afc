import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A freelancer's invoices: each client's numbered INV-0001 on, in the order they were issued, rows in date order. */
function invoices(clients: number, seed = 3, numbered = true): Table {
  const rng = new Rng(seed);
  const rows: string[][] = [];
  for (let c = 0; c < clients; c++) {
    let day = Date.UTC(2023, 0, 2) + rng.int(60) * DAY;
    const n = 3 + rng.int(28);
    for (let k = 1; k <= n; k++) {
      const hours = (1 + rng.int(40)).toString();
      rows.push([`INV-${String(numbered ? k : 1 + rng.int(n)).padStart(4, '0')}`, `C${100 + c}`, iso(day), hours]);
      day += (7 + rng.int(21)) * DAY;
    }
  }
  rows.sort((a, b) => a[2].localeCompare(b[2]));
  return tableFromColumns(['invoice_no', 'client_id', 'issue_date', 'hours'], [0, 1, 2, 3].map((k) => rows.map((r) => r[k])));
}

const fitted = (table: Table) => {
  const schema = inferSchema(table);
  return new TableTransformer(table, schema, 1, { rules: findRules(table, schema, new Rng(1)) });
};

describe('an ID that numbers the rows of another key', () => {
  it("is written as each generated key's count, from 1, in the order of its dates", () => {
    const transformer = fitted(invoices(30));
    expect(transformer.toState().slots.find((s) => s.name === 'invoice_no')).toMatchObject({ count: { within: 'client_id', start: 1, by: 'issue_date' } });
    const { table } = transformer.decodeChecked(untrainedRows(transformer.layout.width, 2_000, 2), 2_000, new Rng(3));
    const at = (name: string) => table.columns[table.names.indexOf(name)];
    const byClient = new Map<string, [number, string][]>();
    at('client_id').forEach((c, r) => byClient.set(c!, [...(byClient.get(c!) ?? []), [Number(at('invoice_no')[r]!.slice(4)), at('issue_date')[r]!]]));
    expect(byClient.size).toBeGreaterThan(100);
    for (const rows of byClient.values()) {
      rows.sort((a, b) => a[0] - b[0]);
      expect(rows.map(([n]) => n)).toEqual(rows.map((_, k) => k + 1));
      // Later numbers never on earlier dates.
      rows.forEach(([, day], k) => k > 0 && expect(day >= rows[k - 1][1]).toBe(true));
    }
  });

  it('is not read from numbers that repeat or skip within a key', () => {
    const state = fitted(invoices(30, 3, false)).toState();
    expect(state.slots.find((s) => s.name === 'invoice_no')).toMatchObject({ kind: 'id' });
    expect(state.slots.find((s) => s.name === 'invoice_no')).not.toHaveProperty('count');
  });

  it('is not read from a handful of keys', () => {
    const state = fitted(invoices(4, 7)).toState();
    expect(state.slots.find((s) => s.name === 'invoice_no')).toMatchObject({ kind: 'id' });
    expect(state.slots.find((s) => s.name === 'invoice_no')).not.toHaveProperty('count');
  });

  it('survives saving the transform', () => {
    const transformer = new TableTransformer(fitted(invoices(30)).toState());
    const { table } = transformer.decodeChecked(untrainedRows(transformer.layout.width, 500, 4), 500, new Rng(5));
    const numbers = table.columns[table.names.indexOf('invoice_no')].map((v) => Number(v!.slice(4)));
    expect(Math.min(...numbers)).toBe(1);
    expect(new Set(numbers).size).toBeLessThan(60);
  });
});

describe("a repeated key's fresh IDs", () => {
  it('take one number a key, not one a row, so they keep the seed\'s width', () => {
    const transformer = fitted(invoices(30));
    const { table } = transformer.decodeChecked(untrainedRows(transformer.layout.width, 2_000, 6), 2_000, new Rng(7));
    const clients = table.columns[table.names.indexOf('client_id')];
    expect(table.rowCount).toBeGreaterThan(1_500);
    expect(new Set(clients).size).toBeGreaterThan(50);
    for (const id of clients) expect(id).toMatch(/^C\d{3}$/);
  });
});

/** A clinic's visits: each patient's numbered 1, 2, … in date order, as a number and as a code. */
function visits(patients: number, seed = 2): Table {
  const rng = new Rng(seed);
  const rows: string[][] = [];
  for (let p = 0; p < patients; p++) {
    let day = Date.UTC(2023, 0, 1) + rng.int(60) * DAY;
    for (let k = 1, n = 2 + rng.int(8); k <= n; k++) {
      rows.push([`P${100 + p}`, `V${k}`, String(k), iso(day), (60 + rng.int(30)).toFixed(1)]);
      day += (10 + rng.int(50)) * DAY;
    }
  }
  rows.sort((a, b) => a[3].localeCompare(b[3]));
  return tableFromColumns(['Patient ID', 'Visit code', 'Visit #', 'Visit date', 'Weight (kg)'], [0, 1, 2, 3, 4].map((k) => rows.map((r) => r[k])));
}

describe('a number or a category that counts a key\'s rows', () => {
  it('is written as the count, and what follows it with it', () => {
    const transformer = fitted(visits(60));
    expect(transformer.toState().counted).toEqual([{ column: 'Visit code', count: { within: 'Patient ID', start: 1, by: 'Visit date' }, prefix: 'V', suffix: '', width: 0 }]);
    const { table } = transformer.decodeChecked(untrainedRows(transformer.layout.width, 1_000, 8), 1_000, new Rng(9));
    const at = (name: string) => table.columns[table.names.indexOf(name)];
    const byPatient = new Map<string, number[]>();
    at('Patient ID').forEach((p, r) => {
      expect(at('Visit code')[r]).toBe(`V${at('Visit #')[r]}`);
      byPatient.set(p!, [...(byPatient.get(p!) ?? []), Number(at('Visit #')[r])]);
    });
    expect(byPatient.size).toBeGreaterThan(50);
    for (const numbers of byPatient.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, k) => k + 1));
  });
});

describe('an ID numbered as its rows come in', () => {
  // A bike shop's jobs, numbered in the order they came in.
  function jobs(inOrder: boolean): Table {
    const rng = new Rng(4);
    const days = Array.from({ length: 400 }, () => Date.UTC(2024, 0, 1) + rng.int(300) * DAY).sort((a, b) => a - b);
    const numbers = days.map((_, k) => 24_001 + k);
    if (!inOrder) rng.shuffle(numbers);
    return tableFromColumns(['Job No.', 'Date In', 'Parts (£)'], [numbers.map((n) => `J${n}`), days.map(iso), days.map(() => (rng.int(5000) / 100).toFixed(2))]);
  }

  it('is written in the order of the date its numbers rise with', () => {
    const transformer = fitted(jobs(true));
    expect(transformer.toState().slots.find((s) => s.name === 'Job No.')).toMatchObject({ kind: 'id', dated: 'Date In' });
    const { table } = transformer.decodeChecked(untrainedRows(transformer.layout.width, 1_000, 3), 1_000, new Rng(4));
    const at = (name: string) => table.columns[table.names.indexOf(name)];
    const rows = at('Job No.').map((id, r) => [Number(id!.slice(1)), at('Date In')[r]!] as const).sort((a, b) => a[0] - b[0]);
    expect(rows.length).toBeGreaterThan(900);
    rows.forEach(([, day], k) => k > 0 && expect(day >= rows[k - 1][1]).toBe(true));
  });

  it('is not where its numbers do not rise with a date', () => {
    expect(fitted(jobs(false)).toState().slots.find((s) => s.name === 'Job No.')).not.toHaveProperty('dated');
  });
});
