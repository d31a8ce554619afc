// Whole years between two dates: an age beside a date of birth, years of service beside a
// hiring date, counted to another date of the row (a visit) or to one fixed date (the day the
// table was drawn up).

const DAY_MS = 86_400_000;
// Rows of mismatched pairs drawn to estimate how often chance gives the count.
const PROBES = 2000;
const MIN_ROWS = 10;

/** Whole years from `from` to `to` (UTC milliseconds), counted in birthdays: 9 the day before a tenth birthday. NaN for NaN. */
export function wholeYears(from: number, to: number): number {
  if (Number.isNaN(from) || Number.isNaN(to)) return NaN;
  const [a, b] = [new Date(from), new Date(to)];
  const years = b.getUTCFullYear() - a.getUTCFullYear();
  const before = b.getUTCMonth() < a.getUTCMonth() || (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate());
  return years - (before ? 1 : 0);
}

/** The first day (midnight UTC) on which `wholeYears(from, day)` reaches `k`: the k-th birthday, 1 March for 29 February in other years. */
export function anniversary(from: number, k: number): number {
  const d = new Date(from);
  // Date.UTC rolls 29 February of a common year over to 1 March, where the count turns.
  return Date.UTC(d.getUTCFullYear() + k, d.getUTCMonth(), d.getUTCDate());
}

/**
 * `from` plus `n` calendar months, the day of the month kept or, past the target month's end,
 * its last day (31 January + 1 month is 29 February in a leap year), the time of day kept.
 * NaN where `n` is not a whole number.
 */
export function addMonths(from: number, n: number): number {
  if (Number.isNaN(from) || !Number.isInteger(n)) return NaN;
  const d = new Date(from);
  const month = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), last);
  return Date.UTC(d.getUTCFullYear(), month, day) + (from - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** A day as the rule writes it: `2024-06-30`. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `2024-06-30` read as midnight UTC; NaN where it is not such a day. */
export function readIsoDay(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return NaN;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || isoDay(ms) !== text ? NaN : ms;
}

/** What `findYears` is given of one column: its index in the caller's list, and its values as numbers (dates in milliseconds). */
export interface YearsInput {
  index: number;
  values: Float64Array;
}

/** A count found: `column` is the whole years from `from` to `to` (an index), or to the fixed day `on` (milliseconds). */
export type FoundYears = { column: number; from: number; to: number } | { column: number; from: number; on: number };

/**
 * Whole-number columns that count the years from a date to another date of the row, or to one
 * fixed day, on every row with all of them. Were the count independent of the dates, a row would
 * match with the chance that another row's count matches this row's dates (estimated on random
 * mismatched pairs); to one fixed day, the n rows' years would fall on one shared day with
 * about the chance that two rows' do, to the power n − 1. Proposed below e^maxLogChance divided
 * by the columns and dates searched. Each count takes the first date (and second date) that gives it.
 */
export function findYears(counts: YearsInput[], dates: YearsInput[], maxLogChance: number, random: () => number): FoundYears[] {
  const odds = maxLogChance - Math.log(Math.max(1, counts.length * dates.length * dates.length));
  const found: FoundYears[] = [];
  for (const count of counts) {
    search: for (const from of dates) {
      for (const to of dates) {
        if (to === from) continue;
        if (countsBetween(count.values, from.values, to.values, odds, random)) {
          found.push({ column: count.index, from: from.index, to: to.index });
          break search;
        }
      }
      const on = countsToFixedDay(count.values, from.values, odds, random);
      if (on !== null) {
        found.push({ column: count.index, from: from.index, on });
        break;
      }
    }
  }
  return found;
}

/** Rows where the count and every date are numbers. */
function rowsWith(columns: Float64Array[]): number[] {
  const rows: number[] = [];
  for (let r = 0; r < columns[0].length; r++) if (columns.every((xs) => !Number.isNaN(xs[r]))) rows.push(r);
  return rows;
}

function varies(xs: Float64Array, rows: number[]): boolean {
  return rows.some((r) => xs[r] !== xs[rows[0]]);
}

/** count = wholeYears(from, to) on every row, and chance does not explain it. */
function countsBetween(count: Float64Array, from: Float64Array, to: Float64Array, odds: number, random: () => number): boolean {
  const rows = rowsWith([count, from, to]);
  const n = rows.length;
  if (n < MIN_ROWS || !varies(count, rows)) return false;
  for (const r of rows) if (count[r] !== wholeYears(from[r], to[r])) return false;
  let hits = 0;
  for (let p = 0; p < PROBES; p++) {
    const [i, j] = [rows[Math.floor(random() * n)], rows[Math.floor(random() * n)]];
    if (count[i] === wholeYears(from[j], to[j])) hits++;
  }
  return n * Math.log((hits + 1) / (PROBES + 1)) < odds;
}

/**
 * The day to which `count` is the whole years from `from` on every row, where one exists and
 * chance does not explain it; null otherwise. Of the days that serve, the roundest: the first
 * of a year, the last of a year, the first of a month, the last of a month, else the first day.
 */
function countsToFixedDay(count: Float64Array, from: Float64Array, odds: number, random: () => number): number | null {
  const rows = rowsWith([count, from]);
  const n = rows.length;
  if (n < MIN_ROWS || !varies(count, rows) || !varies(from, rows)) return null;
  // Each row allows the days from its count-th anniversary up to (not including) the next.
  let [first, end] = [-Infinity, Infinity];
  for (const r of rows) {
    const k = count[r];
    if (k < 0 || !Number.isInteger(k)) return null;
    first = Math.max(first, anniversary(from[r], k));
    end = Math.min(end, anniversary(from[r], k + 1));
    if (first >= end) return null;
  }
  // Were the count independent of the date, two rows' anniversaries would lie within a year of
  // each other with chance p; n rows all sharing a day is about p^(n − 1).
  let hits = 0;
  const at = (i: number, j: number) => anniversary(from[j], count[i]);
  for (let p = 0; p < PROBES; p++) {
    const pick = () => rows[Math.floor(random() * n)];
    if (Math.abs(at(pick(), pick()) - at(pick(), pick())) < 365 * DAY_MS) hits++;
  }
  if ((n - 1) * Math.log((hits + 1) / (PROBES + 1)) >= odds) return null;
  return roundestDay(first, end);
}

/** The roundest day in [first, end): see `countsToFixedDay`. */
function roundestDay(first: number, end: number): number {
  const days: number[] = [];
  for (let day = first; day < end && days.length < 800; day += DAY_MS) days.push(day);
  const d = (ms: number) => new Date(ms);
  const lastOfMonth = (ms: number) => d(ms + DAY_MS).getUTCDate() === 1;
  const tests = [
    (ms: number) => d(ms).getUTCMonth() === 0 && d(ms).getUTCDate() === 1,
    (ms: number) => d(ms).getUTCMonth() === 11 && d(ms).getUTCDate() === 31,
    (ms: number) => d(ms).getUTCDate() === 1,
    lastOfMonth,
  ];
  for (const test of tests) {
    const day = days.find(test);
    if (day !== undefined) return day;
  }
  return first;
}
