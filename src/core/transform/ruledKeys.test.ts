import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const START = Date.UTC(2023, 0, 2);

/**
 * A builder's tasks: each planned start and end, and an actual start a few days off the planned
 * one (blank until work begins), an actual end a few days off the planned end (blank until done).
 */
function tasks(rows: number, seed = 5): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = Array.from({ length: 6 }, () => []);
  for (let r = 0; r < rows; r++) {
    const planned = START + rng.int(600) * DAY;
    const days = 3 + rng.int(25);
    const status = rng.next() < 0.1 ? 'Not started' : rng.next() < 0.15 ? 'In progress' : 'Completed';
    const actual = status === 'Not started' ? null : planned + (rng.int(11) - 2) * DAY;
    const ended = status === 'Completed' ? planned + (days + rng.int(8) - 2) * DAY : null;
    const row = [status, iso(planned), String(days), iso(planned + days * DAY), actual === null ? null : iso(actual), ended === null ? null : iso(Math.max(ended, actual!))];
    row.forEach((v, k) => cols[k].push(v));
  }
  return tableFromColumns(['Status', 'Planned Start', 'Planned Days', 'Planned End', 'Actual Start', 'Actual End'], cols);
}

const daysBetween = (a: string | null, b: string | null) => (a === null || b === null ? NaN : (Date.parse(b) - Date.parse(a)) / DAY);

describe('an actual date blank on some rows, a few days off a planned one', () => {
  const table = tasks(600);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));

  it('is written from the planned date, tighter than from the order it keeps', () => {
    const transformer = new TableTransformer(table, schema, 1, { rules });
    expect(transformer.lines).toEqual([
      { name: 'Actual Start', from: 'Planned Start' },
      { name: 'Actual End', from: 'Planned End' },
    ]);
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 3_000, 2), 3_000, new Rng(3));
    expect(decoded.table.rowCount).toBeGreaterThan(1_000);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
    const at = (name: string) => decoded.table.columns[decoded.table.names.indexOf(name)];
    // Even from an untrained model, no actual start is further off its plan than the seed's.
    const offsets = at('Actual Start').map((v, r) => daysBetween(at('Planned Start')[r], v)).filter((d) => !Number.isNaN(d));
    expect(offsets.length).toBeGreaterThan(500);
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(8);
  });

  it('is modelled on its own where the two dates are unrelated', () => {
    const apart = tableFromColumns(table.names, table.columns.map((c, k) => (k === 4 ? new Rng(9).shuffle([...c]) : c)));
    const transformer = new TableTransformer(apart, inferSchema(apart), 1, { rules: findRules(apart, inferSchema(apart), new Rng(1)) });
    expect(transformer.lines.map((l) => l.name)).not.toContain('Actual Start');
  });
});

/** A clinic's visits: patients of 1–5 visits, each with one birth date and insurer; the age at each visit. */
function visits(patients: number, seed = 7): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = Array.from({ length: 5 }, () => []);
  for (let p = 0; p < patients; p++) {
    const born = Date.UTC(1940 + rng.int(70), rng.int(12), 1 + rng.int(28));
    const insurer = ['Acme', 'Bolt', 'Cover', null][rng.int(4)];
    for (let v = 1 + rng.int(5); v > 0; v--) {
      const seen = Date.UTC(2025, 0, 1) + rng.int(360) * DAY;
      const age = new Date(seen).getUTCFullYear() - new Date(born).getUTCFullYear() - (new Date(seen).toISOString().slice(5) < new Date(born).toISOString().slice(5) ? 1 : 0);
      [`PT-${1000 + p}`, iso(born), insurer, iso(seen), String(age)].forEach((x, k) => cols[k].push(x));
    }
  }
  return tableFromColumns(['Patient ID', 'Date of Birth', 'Insurer', 'Visit Date', 'Age'], cols);
}

describe("a repeated key's own values beyond its categories (a patient's date of birth)", () => {
  const table = visits(250);
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  const age: Rule = { kind: 'years', column: 'Age', from: 'Date of Birth', to: 'Visit Date' };

  it("are each key's first row's, with what is written from them written again", () => {
    expect(rules).toContainEqual(age);
    const transformer = new TableTransformer(table, schema, 1, { rules });
    expect(transformer.keys).toEqual([expect.objectContaining({ name: 'Patient ID', fixed: ['Insurer', 'Date of Birth'] })]);
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 2_000, 4), 2_000, new Rng(5));
    const at = (name: string) => decoded.table.columns[decoded.table.names.indexOf(name)];
    const births = new Map<string | null, Set<string | null>>();
    at('Patient ID').forEach((id, r) => births.set(id, (births.get(id) ?? new Set()).add(at('Date of Birth')[r])));
    expect([...births.values()].filter((b) => b.size > 1)).toEqual([]);
    // Keys of more than one row: what is checked is no accident of one row each.
    expect([...births.keys()].length).toBeLessThan(decoded.table.rowCount * 0.6);
    for (const r of rules) expect(countBreaks(decoded.table, schema, r), describeRule(r)).toBe(0);
  });

  it('are not copied where the seed does not hold them within each key', () => {
    const apart = tableFromColumns(table.names, table.columns.map((c, k) => (k === 1 ? new Rng(3).shuffle([...c]) : c)));
    const transformer = new TableTransformer(apart, inferSchema(apart), 1, { rules: [] });
    expect(transformer.keys[0].fixed).not.toContain('Date of Birth');
  });
});

/** A builder's projects: 3–8 tasks each, none twice, in one city each. */
function projects(count: number, seed = 9): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = Array.from({ length: 4 }, () => []);
  const work = ['Dig', 'Pour', 'Frame', 'Roof', 'Wire', 'Pipe', 'Paint', 'Clean'];
  for (let p = 0; p < count; p++) {
    const city = ['Aurora', 'Boulder', 'Denver', 'Greeley', 'Pueblo', 'Vail'][rng.int(6)];
    const tasks = rng.shuffle([...work]).slice(0, 3 + rng.int(6));
    for (const task of tasks) [`PRJ-${100 + p}`, city, task, String(2 + rng.int(10))].forEach((x, k) => cols[k].push(x));
  }
  return tableFromColumns(['Project ID', 'Site City', 'Task', 'Crew'], cols);
}

describe("a repeated key's rows, as many as the seed's keys hold", () => {
  it('leave no key shorter than the shortest seed key where other keys can take its rows', () => {
    const table = projects(120);
    const transformer = new TableTransformer(table, inferSchema(table), 1, { rules: [] });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 1_500, 6), 1_500, new Rng(7));
    const ids = decoded.table.columns[0];
    const sizes = new Map<string | null, number>();
    for (const id of ids) sizes.set(id, (sizes.get(id) ?? 0) + 1);
    expect(sizes.size).toBeGreaterThan(150);
    expect([...sizes.values()].filter((n) => n < 3)).toEqual([]);
  });
});
