import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { wholeYears } from '../data/years';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { spaceWithinKeys } from './keySequences';
import { untrainedRows } from './untrained';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const day = (text: string | null) => (text === null ? NaN : Date.parse(`${text}T00:00:00Z`));

/**
 * A club's renewals: each member renews 2–6 times about a year apart (350–380 days), aged at
 * each renewal from a birth date the table leaves out; with `loose`, ages and renewal days are
 * drawn apart on each row instead.
 */
function renewals(members: number, loose = false, seed = 4): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = [[], [], [], []];
  for (let m = 0; m < members; m++) {
    const born = Date.UTC(1950, 0, 1) + rng.int(60 * 365) * DAY;
    let renewed = Date.UTC(2016, 0, 1) + rng.int(365) * DAY;
    const times = 2 + rng.int(5);
    for (let k = 0; k < times; k++) {
      const on = loose ? Date.UTC(2016, 0, 1) + rng.int(8 * 365) * DAY : renewed;
      const age = loose ? 5 + rng.int(70) : wholeYears(born, on);
      const row = [`M${10_000 + m}`, iso(on), String(age), age < 18 ? 'Junior' : age >= 65 ? 'Senior' : 'Adult'];
      row.forEach((v, c) => cols[c].push(v));
      renewed += (350 + rng.int(31)) * DAY;
    }
  }
  return tableFromColumns(['Member ID', 'Renewal Date', 'Age at Renewal', 'Tier'], cols);
}

/** Each key's rows of `table`, by `key`. */
function byKey(table: Table, key: string): number[][] {
  const groups = new Map<string, number[]>();
  table.columns[table.names.indexOf(key)].forEach((k, r) => k !== null && groups.set(k, [...(groups.get(k) ?? []), r]));
  return [...groups.values()];
}

const decode = (table: Table, rows = 3_000, limit = Infinity) => {
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  const transformer = new TableTransformer(table, schema, 1, { rules });
  const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, rows, 2), rows, new Rng(3), 0, undefined, false, limit).table;
  const at = (name: string) => decoded.columns[decoded.names.indexOf(name)];
  return { schema, rules, transformer, decoded, at };
};

describe("a key's rows in time", () => {
  it('keeps renewals as far apart as the seed\'s, and each member\'s ages from one birth date', () => {
    const { transformer, decoded, at } = decode(renewals(200));
    expect(transformer.keys).toEqual([expect.objectContaining({ name: 'Member ID', spaced: 'Renewal Date', aged: ['Age at Renewal'] })]);
    const groups = byKey(decoded, 'Member ID').filter((g) => g.length > 1);
    expect(groups.length).toBeGreaterThan(100);
    for (const rows of groups) {
      const days = rows.map((r) => day(at('Renewal Date')[r])).sort((a, b) => a - b);
      const gaps = days.slice(1).map((d, k) => (d - days[k]) / DAY);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(350);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(380);
      // Some birth date gives every row's age: the latest that gives the first row's.
      const first = rows.reduce((a, r) => (day(at('Renewal Date')[r]) < day(at('Renewal Date')[a]) ? r : a));
      const ages = rows.map((r) => Number(at('Age at Renewal')[r]));
      const fits = Array.from({ length: 366 }, (_, k) => {
        const d = new Date(day(at('Renewal Date')[first]));
        return Date.UTC(d.getUTCFullYear() - Number(at('Age at Renewal')[first]), d.getUTCMonth(), d.getUTCDate()) - k * DAY;
      }).some((born) => rows.every((r, k) => wholeYears(born, day(at('Renewal Date')[r])) === ages[k]));
      expect(fits).toBe(true);
    }
  });

  it('reads neither from ages and days drawn apart on each row', () => {
    const table = renewals(200, true);
    const { transformer } = decode(table, 200);
    expect(transformer.keys[0]).not.toHaveProperty('spaced');
    expect(transformer.keys[0]).not.toHaveProperty('aged');
  });

  it('starts a tenancy after the last one ended, and leaves only the last one open', () => {
    const rng = new Rng(8);
    const cols: (string | null)[][] = [[], [], [], []];
    for (let p = 0; p < 150; p++) {
      let start = Date.UTC(2018, 0, 1) + rng.int(400) * DAY;
      const count = 2 + rng.int(4);
      for (let k = 0; k < count; k++) {
        const end = start + (180 + rng.int(500)) * DAY;
        const open = k === count - 1 && rng.next() < 0.6;
        [`P${1000 + p}`, iso(start), open ? null : iso(end), String(700 + 5 * rng.int(100))].forEach((v, c) => cols[c].push(v));
        start = end + (1 + rng.int(45)) * DAY;
      }
    }
    const table = tableFromColumns(['Property ID', 'Start Date', 'End Date', 'Rent'], cols);
    const { transformer, decoded, at, rules, schema } = decode(table);
    expect(transformer.keys[0]).toMatchObject({ spaced: 'Start Date' });
    for (const r of rules) expect(countBreaks(decoded, schema, r), describeRule(r)).toBe(0);
    let pairs = 0;
    for (const rows of byKey(decoded, 'Property ID')) {
      const sorted = [...rows].sort((a, b) => day(at('Start Date')[a]) - day(at('Start Date')[b]));
      sorted.slice(0, -1).forEach((r) => expect(at('End Date')[r]).not.toBeNull());
      for (let k = 1; k < sorted.length; k++, pairs++) expect(day(at('Start Date')[sorted[k]])).toBeGreaterThan(day(at('End Date')[sorted[k - 1]]));
    }
    expect(pairs).toBeGreaterThan(300);
  });
});

describe("a member's running balance and blank email", () => {
  // Visits: each member's points balance runs on by each visit's points; a third of members give no email.
  const rng = new Rng(6);
  const cols: (string | null)[][] = [[], [], [], [], []];
  for (let m = 0; m < 150; m++) {
    let balance = rng.int(300);
    const email = m % 3 === 0 ? null : `m${m}@mail.com`;
    let visit = Date.UTC(2023, 0, 1) + rng.int(60) * DAY;
    for (let k = 0, n = 2 + rng.int(5); k < n; k++) {
      const points = 1 + rng.int(80);
      balance += points;
      [`GC${5000 + m}`, email, iso(visit), String(points), String(balance)].forEach((v, c) => cols[c].push(v));
      visit += (1 + rng.int(90)) * DAY;
    }
  }
  const table = tableFromColumns(['Member ID', 'Email', 'Visit Date', 'Points Earned', 'Points Balance'], cols);

  it('runs each balance on from the last by the points earned, and leaves a member\'s email blank on all rows or none', () => {
    const { transformer, decoded, at } = decode(table);
    expect(transformer.keys[0]).toMatchObject({ running: [{ column: 'Points Balance', plus: 'Points Earned' }] });
    let steps = 0;
    for (const rows of byKey(decoded, 'Member ID')) {
      const sorted = [...rows].sort((a, b) => day(at('Visit Date')[a]) - day(at('Visit Date')[b]) || a - b);
      for (let k = 1; k < sorted.length; k++, steps++) {
        expect(Number(at('Points Balance')[sorted[k]])).toBe(Number(at('Points Balance')[sorted[k - 1]]) + Number(at('Points Earned')[sorted[k]]));
      }
      expect(new Set(rows.map((r) => at('Email')[r] === null)).size).toBe(1);
    }
    expect(steps).toBeGreaterThan(500);
    expect(at('Email').filter((v) => v === null).length).toBeGreaterThan(300);
  });
});

describe("a volunteer's hours to date", () => {
  // Each volunteer's total starts at their first shift's hours and runs on by each shift's.
  const rng = new Rng(8);
  const cols: (string | null)[][] = [[], [], [], []];
  for (let v = 0; v < 80; v++) {
    let [total, shift] = [0, Date.UTC(2023, 0, 1) + rng.int(60) * DAY];
    for (let k = 0, n = 2 + rng.int(8); k < n; k++) {
      const hours = 2 + rng.int(12) / 4;
      total += hours;
      [`VOL${300 + v}`, iso(shift), hours.toFixed(2), total.toFixed(2)].forEach((x, c) => cols[c].push(x));
      shift += (3 + rng.int(20)) * DAY;
    }
  }
  const table = tableFromColumns(['Volunteer ID', 'Shift Date', 'Hours Worked', 'Running Total (hrs)'], cols);

  it("starts each generated volunteer's total at their first shift's hours", () => {
    const { transformer, decoded, at } = decode(table);
    expect(transformer.keys[0]).toMatchObject({ running: [{ column: 'Running Total (hrs)', plus: 'Hours Worked' }] });
    const keys = byKey(decoded, 'Volunteer ID');
    expect(keys.length).toBeGreaterThan(50);
    for (const rows of keys) {
      const first = [...rows].sort((a, b) => day(at('Shift Date')[a]) - day(at('Shift Date')[b]) || a - b)[0];
      expect(at('Running Total (hrs)')[first]).toBe(at('Hours Worked')[first]);
    }
  });
});

describe("a dog's grooming visits", () => {
  // Tuesday to Saturday, 09:00 to 16:30 on the half hour, four to five weeks apart, numbered 1, 2, 3 … per dog.
  const rng = new Rng(11);
  const cols: (string | null)[][] = [[], [], [], []];
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  for (let d = 0; d < 120; d++) {
    let day = Date.UTC(2024, 0, 2) + rng.int(60) * DAY;
    for (let k = 1, n = 2 + rng.int(6); k <= n; k++) {
      while ([0, 1].includes(new Date(day).getUTCDay())) day += DAY;
      const at = day + (9 * 60 + 30 * rng.int(16)) * 60_000;
      [`DOG-${300 + d}`, stamp(at), String(k), ['Full Groom', 'Bath', 'Nail Trim'][rng.int(3)]].forEach((v, c) => cols[c].push(v));
      day += (28 + rng.int(8)) * DAY;
    }
  }
  const table = tableFromColumns(['Dog ID', 'Appointment', 'Visit Number', 'Service'], cols);

  it('keeps each stepped visit on an open day at an hour the salon works, and numbers them 1, 2, 3 … in order', () => {
    const { transformer, decoded, at } = decode(table);
    expect(transformer.keys[0]).toMatchObject({ spaced: 'Appointment', running: [{ column: 'Visit Number', plus: '1' }] });
    const when = (r: number) => new Date(`${at('Appointment')[r]!.replace(' ', 'T')}:00Z`);
    let later = 0;
    for (const rows of byKey(decoded, 'Dog ID')) {
      const sorted = [...rows].sort((a, b) => when(a).getTime() - when(b).getTime() || a - b);
      sorted.forEach((r, k) => {
        expect([0, 1]).not.toContain(when(r).getUTCDay());
        expect(when(r).getUTCHours()).toBeGreaterThanOrEqual(9);
        expect(when(r).getUTCHours()).toBeLessThan(17);
        expect(at('Visit Number')[r]).toBe(String(k + 1));
      });
      later += sorted.length - 1;
    }
    expect(later).toBeGreaterThan(400);
  });
});

describe("an account's quarterly bills", () => {
  // Each bill reads the meter on from the last reading.
  const rng = new Rng(14);
  const cols: (string | null)[][] = Array.from({ length: 8 }, () => []);
  for (let a = 0; a < 130; a++) {
    let [reading, balance] = [1000 + rng.int(5000), 0];
    for (let k = 0, n = 3 + rng.int(6); k < n; k++) {
      const usage = 20 + rng.int(200);
      const charge = Math.round((usage * 2.15 + 28.4) * 100) / 100;
      const payment = Math.round(rng.next() * (balance + charge) * 100) / 100;
      const end = Date.UTC(2021, 3 * k + 3, 0);
      const row = [`AC${9000 + a}`, iso(end), String(reading), String(reading + usage), String(usage), balance.toFixed(2), charge.toFixed(2), payment.toFixed(2)];
      row.forEach((v, c) => cols[c].push(v));
      reading += usage;
      balance = Math.round((balance + charge - payment) * 100) / 100;
    }
  }
  const names = ['Account No', 'Period End', 'Previous Reading', 'Meter Reading', 'Usage', 'Balance B/F', 'Charge', 'Payment'];
  const table = tableFromColumns(names, cols);

  it('carries each reading on from the last bill\'s, and writes the meter reading and the usage from it as their rules do', () => {
    const { transformer, decoded, at } = decode(table);
    expect(transformer.keys[0]).toMatchObject({ carried: [{ column: 'Previous Reading', from: 'Meter Reading' }] });
    let [steps, carried] = [0, 0];
    for (const rows of byKey(decoded, 'Account No')) {
      const sorted = [...rows].sort((a, b) => day(at('Period End')[a]) - day(at('Period End')[b]) || a - b);
      for (let k = 1; k < sorted.length; k++, steps++) carried += Number(at('Previous Reading')[sorted[k]] === at('Meter Reading')[sorted[k - 1]]);
    }
    expect(steps).toBeGreaterThan(300);
    expect(carried).toBe(steps);
  });
});

describe("a crew member's hours flown this month", () => {
  // Duties over two months; the month's hours to date start again on the 1st.
  const rng = new Rng(21);
  const cols: string[][] = [[], [], [], [], [], []];
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  for (let c = 0; c < 30; c++) {
    let [at, month, total] = [Date.UTC(2024, 2, 1, 6), 2, 0];
    for (let k = 0, n = 20 + rng.int(20); k < n && at < Date.UTC(2024, 4, 1); k++) {
      const hours = (100 + rng.int(900)) / 100;
      const duty = Math.ceil(hours) + 1 + rng.int(3);
      if (new Date(at).getUTCMonth() !== month) [month, total] = [new Date(at).getUTCMonth(), 0];
      total = Math.round((total + hours) * 100) / 100;
      [`CR${2000 + c}`, minute(at), String(duty), minute(at + duty * 3_600_000), hours.toFixed(2), total.toFixed(2)].forEach((v, i) => cols[i].push(v));
      // Ten hours' rest at least before the next duty.
      at += (duty + 10 + rng.int(40)) * 3_600_000;
    }
  }
  const table = tableFromColumns(['Crew ID', 'Duty Start', 'Duty Hours', 'Duty End', 'Flight Hours', 'Month Hours'], cols);

  it("runs the month's hours on by each duty's and starts them again each month, with no gap where rows are dropped or beyond those wanted, and no duty before the last one ended", () => {
    const { transformer, decoded, at } = decode(table, 3_000, 2_000);
    expect(transformer.keys[0]).toMatchObject({ spaced: 'Duty Start', running: [{ column: 'Month Hours', plus: 'Flight Hours', restart: 'month' }] });
    expect(decoded.rowCount).toBeLessThanOrEqual(2_000);
    let [rows, off] = [0, 0];
    for (const keyRows of byKey(decoded, 'Crew ID')) {
      const sorted = [...keyRows].sort((a, b) => at('Duty Start')[a]!.localeCompare(at('Duty Start')[b]!) || a - b);
      let [month, total] = ['', 0];
      for (const r of sorted) {
        if (at('Duty Start')[r]!.slice(0, 7) !== month) [month, total] = [at('Duty Start')[r]!.slice(0, 7), 0];
        total += Number(at('Flight Hours')[r]);
        off += Number(Math.abs(Number(at('Month Hours')[r]) - total) > 0.02);
        const before = sorted[sorted.indexOf(r) - 1];
        if (before !== undefined) expect(at('Duty Start')[r]! >= at('Duty End')[before]!).toBe(true);
        total = Number(at('Month Hours')[r]);
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(1_000);
    expect(off).toBe(0);
  });
});

describe("a key's place in time", () => {
  it("is one of its drawn dates at a random point of its span, not its earliest, so keys fill the seed's dates", () => {
    // 200 keys of 10 rows a week apart, drawn over one year: the earliest of ten draws put every key in its first months.
    const rng = new Rng(3);
    const [start, year] = [Date.UTC(2023, 0, 1), 365 * DAY];
    const labels = Array.from({ length: 2_000 }, (_, r) => `K${Math.floor(r / 10)}`);
    const cells = labels.map(() => iso(start + rng.int(365) * DAY));
    const schema = inferSchema(tableFromColumns(['Day'], [cells]));
    const target = { names: ['Day'], columns: [cells], schema };
    spaceWithinKeys(labels, target, { column: 'Day', steps: [7 * DAY], min: start, max: start + year - DAY }, [], new Rng(4), []);
    const days = cells.map((c) => (day(c) - start) / DAY);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...days)).toBeLessThan(365);
    // Each third of the year holds a fair share of the rows.
    for (const third of [0, 1, 2]) expect(days.filter((d) => Math.floor(d / (365 / 3)) === third).length).toBeGreaterThan(400);
  });

  it("starts a key as long as the seed's dates within a step of the first, not all on it", () => {
    // 40 rooms of 60 stays a week apart: longer than the year the seed's dates cover.
    const rng = new Rng(5);
    const start = Date.UTC(2024, 0, 1);
    const labels = Array.from({ length: 2_400 }, (_, r) => `R${Math.floor(r / 60)}`);
    const cells = labels.map(() => iso(start + rng.int(365) * DAY));
    const target = { names: ['Check-In'], columns: [cells], schema: inferSchema(tableFromColumns(['Check-In'], [cells])) };
    const starts = Array.from({ length: 21 }, (_, k) => k / 20);
    spaceWithinKeys(labels, target, { column: 'Check-In', steps: [7 * DAY], min: start, max: start + 364 * DAY, starts }, [], new Rng(6), []);
    const firsts = new Set(labels).size;
    expect(cells.filter((c) => c === iso(start)).length).toBeLessThan(firsts / 4);
  });
});
