import { Rng } from '../util/rng';
import { tableFromColumns, type Table } from './table';

/**
 * For tests: events whose `Sold Out` is TRUE exactly when attendance reaches capacity (a
 * capacity that follows the venue), and stock whose `Needs reorder` is yes exactly when the
 * quantity is below its reorder level.
 */
export function flagsTable(rows: number, seed = 5): Table {
  const rng = new Rng(seed);
  const venues = ['Hall', 'Room A', 'Room B', 'Garden'];
  const capacities: Record<string, number> = { Hall: 200, 'Room A': 40, 'Room B': 60, Garden: 120 };
  const venue = Array.from({ length: rows }, () => venues[rng.int(venues.length)]);
  const capacity = venue.map((v) => capacities[v]);
  // A sixth of events fill up; the others leave some seats.
  const attendance = capacity.map((c) => (rng.next() < 1 / 6 ? c : Math.max(0, c - 1 - rng.int(Math.floor(c / 2)))));
  const level = Array.from({ length: rows }, () => 10 + 5 * rng.int(5));
  const quantity = level.map((l) => Math.max(0, l - 12 + rng.int(40)));
  const names = ['Venue', 'Capacity', 'Attendance', 'Sold Out', 'Reorder level', 'Quantity on hand', 'Needs reorder'];
  return tableFromColumns(names, [
    venue,
    capacity.map(String),
    attendance.map(String),
    attendance.map((a, r) => (a === capacity[r] ? 'TRUE' : 'FALSE')),
    level.map(String),
    quantity.map(String),
    quantity.map((q, r) => (q < level[r] ? 'yes' : 'no')),
  ]);
}

/** For tests: invoices whose total is the gross less a discount in percent (0, 5, 10 or 20 %). */
export function invoicesTable(rows: number, seed = 4): Table {
  const rng = new Rng(seed);
  const gross = Array.from({ length: rows }, () => 15 * (1 + rng.int(30)));
  const pct = gross.map(() => [0, 0, 5, 10, 20][rng.int(5)]);
  const money = (xs: number[]) => xs.map((x) => x.toFixed(2));
  return tableFromColumns(['Gross (€)', 'Discount (%)', 'Invoice (€)'], [money(gross), pct.map(String), money(gross.map((g, r) => Math.round(g * (100 - pct[r])) / 100))]);
}

/** For tests: loans whose end date is their start plus their term in calendar months (ends of months clamped). */
export function loansTable(rows: number, seed = 6): Table {
  const rng = new Rng(seed);
  const start = Array.from({ length: rows }, () => Date.UTC(2018, 0, 1) + rng.int(6 * 365) * 86_400_000);
  const term = start.map(() => [12, 24, 36, 48, 60][rng.int(5)]);
  const end = start.map((s, r) => {
    const d = new Date(s);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + term[r] + 1, 0)).getUTCDate();
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + term[r], Math.min(d.getUTCDate(), last));
  });
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return tableFromColumns(['Start', 'Term (months)', 'End'], [start.map(day), term.map(String), end.map(day)]);
}

/** For tests: loans whose monthly instalment repays the principal over the term at the yearly rate, to the cent. */
export function instalmentsTable(rows: number, seed = 7): Table {
  const rng = new Rng(seed);
  const principal = Array.from({ length: rows }, () => 1000 * (2 + rng.int(40)));
  const term = principal.map(() => [12, 24, 36, 48, 60][rng.int(5)]);
  const rate = principal.map(() => Math.round((2 + 8 * rng.next()) * 100) / 100);
  const payment = principal.map((p, k) => {
    const r = rate[k] / 1200;
    return Math.round(((p * r) / (1 - (1 + r) ** -term[k])) * 100) / 100;
  });
  const money = (xs: number[]) => xs.map((x) => x.toFixed(2));
  return tableFromColumns(['Principal', 'Rate (%)', 'Term (months)', 'Payment'], [money(principal), rate.map((x) => x.toFixed(2)), term.map(String), money(payment)]);
}

/**
 * For tests: loans whose yearly rate is fixed by grade and term together (neither alone), with
 * a grade in steps of that rate, a principal and a branch that follow nothing.
 */
export function ratesTable(rows: number, seed = 8): Table {
  const rng = new Rng(seed);
  const grades = ['A', 'B', 'C', 'D'];
  const grade = Array.from({ length: rows }, () => grades[rng.int(4)]);
  const term = grade.map(() => [12, 36, 60][rng.int(3)]);
  const rate = grade.map((g, r) => (3 + 1.5 * grades.indexOf(g) + (term[r] / 12) * 0.15).toFixed(2));
  const principal = grade.map(() => String(1000 * (2 + rng.int(30))));
  const branch = grade.map(() => ['Lyon', 'Lille', 'Nice'][rng.int(3)]);
  return tableFromColumns(['Branch', 'Grade', 'Term (months)', 'Principal', 'Rate (%)'], [branch, grade, term.map(String), principal, rate]);
}

/** For tests: shifts whose overtime is the part of the hours above 8, and whose shortfall is the part below 7.5. */
export function overtimeTable(rows: number, seed = 9): Table {
  const rng = new Rng(seed);
  const hours = Array.from({ length: rows }, () => Math.round((5 + 6 * rng.next()) * 4) / 4);
  const rate = hours.map(() => String(15 + rng.int(10)));
  const overtime = hours.map((h) => Math.max(0, h - 8).toFixed(2));
  const short = hours.map((h) => Math.max(0, 7.5 - h).toFixed(2));
  return tableFromColumns(['Hours', 'Rate', 'Overtime', 'Short'], [hours.map((h) => h.toFixed(2)), rate, overtime, short]);
}

/** For tests: lab values flagged abnormal exactly outside a reference range that follows the patient's sex. */
export function labTable(rows: number, seed = 10): Table {
  const rng = new Rng(seed);
  const sex = Array.from({ length: rows }, () => (rng.next() < 0.5 ? 'F' : 'M'));
  const [low, high] = [sex.map((s) => (s === 'F' ? 12 : 13.5)), sex.map((s) => (s === 'F' ? 15.5 : 17.5))];
  const value = sex.map((_, r) => Math.round((low[r] - 1.5 + (high[r] - low[r] + 3) * rng.next()) * 10) / 10);
  const abnormal = value.map((v, r) => (v < low[r] || v > high[r] ? 'Yes' : 'No'));
  const one = (xs: number[]) => xs.map((x) => x.toFixed(1));
  return tableFromColumns(['Sex', 'Haemoglobin', 'Ref Low', 'Ref High', 'Abnormal'], [sex, one(value), one(low), one(high), abnormal]);
}
