import { formatDate } from '../data/dates';
import { PLAIN_STYLE, writeNumber } from '../data/numbers';
import { closeTo, sumTolerance } from '../data/rules';
import { isModelled, numberReader, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import type { CategoryRanges } from './byCategory';
import { bounds } from './codecs';
import { addMonths, wholeYears } from '../data/years';
import { Rng } from '../util/rng';

// A key's rows in time: a member's renewals about a year apart, a flat's tenancies one after
// another, a patient's age at each visit counted from one birth date the table does not hold.
// Generated rows are grouped into keys after they are drawn, each on its own, so without this a
// member's renewals fall on any days and their ages at them disagree.

/**
 * A date a key's rows step through, in the seed's steps: each row's `column` is the one before it
 * (or, with `after`, the end the row before it reached) plus a step drawn from `steps` (whole
 * months with `months`, else milliseconds), kept within the seed's `min` and `max`.
 */
export interface Spaced {
  column: string;
  steps: number[];
  after?: string;
  /** Where the seed's dates keep off some weekday: a step lands on the weekday the row was drawn on, within three days. */
  weekdays?: true;
  /** The seed's dates, where they are a few, each on many rows (terms that start on set days): a step lands on the nearest. */
  on?: number[];
  /** Only a key's last row may have no `after` (one tenancy still running): the others' rows are dropped. */
  openLast?: true;
  months?: true;
  min: number;
  max: number;
  /**
   * Where the seed's keys start within the dates their spans leave room for (0: on the first
   * date, 1: ending on the last), as 21 quantiles: a hotel's rooms run all year, a charity's
   * volunteers join at any time. Absent in models saved before them.
   */
  starts?: number[];
}

/** A whole number that counts the years from one date per key (a birth date not in the table) to the row's `to`: an age at each visit. */
export interface Aged {
  column: string;
  to: string;
}

/** Steps between a key's rows needed to learn how far apart they are. */
const MIN_STEPS = 20;
/** How much tighter than dates drawn apart a key's steps must be: half the spread at most. */
const MAX_SPREAD_RATIO = 0.5;
/** A weekday on fewer than this share of the seed's dates is one the dates keep off (a salon shut on Sundays). */
const CLOSED_SHARE = 0.02;

/** Whether some weekday holds almost none of `dates` (deliveries only on Tuesdays, a salon shut on Mondays). */
function hasClosedDay(dates: number[]): boolean {
  const counts = new Array<number>(7).fill(0);
  for (const d of dates) counts[new Date(d).getUTCDay()]++;
  return counts.some((n) => n < CLOSED_SHARE * dates.length);
}

/** Dates a column may hold at most, each on this many rows on average, to be a schedule a step lands on. */
const MAX_SCHEDULE = 60;
const MIN_ROWS_PER_DAY = 3;
/** Steps kept to draw from. */
const MAX_KEPT = 400;
/**
 * Keys whose rows span more than a year, at least, before a count of years from a date no row
 * holds is read: a count that does not change over them (a locker taken or not) cannot be one.
 */
const MIN_LONG_KEYS = 8;
/** Keys that may disagree with any one date, as a share of keys. */
const MAX_MIXED_KEYS = 0.02;
/** The most years a count from a date no row holds may be: an age. */
const MAX_YEARS = 150;
const YEAR_MS = 366 * 86_400_000;
const DAY_MS = 86_400_000;
/** A month's length on average, to move a key by whole months. */
const MONTH_MS = 30.4375 * DAY_MS;

/** What the fit reads of the columns: each row's key, and which columns are written from others. */
export interface SequenceInput {
  keys: (string | null)[];
  table: Table;
  schema: ColumnSchema[];
  /** Columns the key fixes, copies or gives: not stepped through. */
  held: Set<string>;
  /** How a column is written from others: null where it is modelled as it is, else the column a gap from which builds it ('' for any other construction). */
  builtFrom: (name: string) => string | null;
}

/** Rows of each key, in row order. */
export function groupsOf(keys: (string | null)[]): number[][] {
  const groups = new Map<string, number[]>();
  keys.forEach((k, r) => k !== null && (groups.get(k)?.push(r) ?? groups.set(k, [r])));
  return [...groups.values()];
}

/** `cells` read as numbers, dates in milliseconds (NaN where blank or unread). */
export function readNumbers(column: ColumnSchema, cells: (string | null)[]): Float64Array {
  const read = numberReader(column);
  return Float64Array.from(cells, (v) => (v === null ? NaN : read(v)));
}

/** The spread of `xs` between its quartiles. */
function spread(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((3 * (s.length - 1)) / 4)] - s[Math.floor((s.length - 1) / 4)];
}

/** Gaps between consecutive values of each group, sorted (NaN left out). */
function stepsOf(groups: number[][], at: (r: number) => number): number[] {
  return groups.flatMap((rows) => {
    const xs = rows.map(at).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    return xs.slice(1).map((x, k) => x - xs[k]);
  });
}

/**
 * The date column a key's rows step through most evenly, beyond what dates drawn apart give
 * (steps whose spread is at most half that of the same dates dealt to keys at random), or null.
 */
export function fitSpacing(input: SequenceInput): Spaced | null {
  const { keys, table, schema, held, builtFrom } = input;
  const groups = groupsOf(keys).filter((g) => g.length > 1);
  // Its own stream: what else the fit draws stays as it was on tables with no such date.
  const rng = new Rng(1);
  let best: { spaced: Spaced; ratio: number } | null = null;
  for (const [i, column] of schema.entries()) {
    // A time of day alone (a check-in time) repeats from day to day: no step to take.
    if (!isModelled(column) || column.kind !== 'datetime' || !column.date || column.date.dateless || held.has(column.name)) continue;
    const from = builtFrom(column.name);
    // Modelled as it is, or as a gap from a date each key holds (a renewal from the joining date).
    if (from !== null && !held.has(from)) continue;
    const dates = readNumbers(column, table.columns[i]);
    const steps = stepsOf(groups, (r) => dates[r]);
    if (steps.length < MIN_STEPS || steps.every((s) => s === 0)) continue;
    const after = endBefore(groups, dates, schema, table, column.name, builtFrom);
    const measured = after ? afterSteps(groups, dates, after.ends) : steps;
    const ratio = spread(measured) / Math.max(spread(dealtSteps(groups, dates, rng)), DAY_MS);
    // Steps no tighter than chance's still matter where no row starts before the last one ended and chance's would (a crew member's duties).
    const apart = ratio <= MAX_SPREAD_RATIO || (after !== null && overlapsDealt(groups, dates, after.ends, rng) >= MIN_OVERLAP_SHARE);
    if (!apart || (best && ratio >= best.ratio)) continue;
    const finite = [...dates].filter((d) => !Number.isNaN(d));
    const [min, max] = bounds(dates);
    const months = wholeMonths(groups, dates, after?.ends);
    const kept = sample(months ?? measured, rng);
    const on = [...new Set(finite)].sort((a, b) => a - b);
    const schedule = on.length <= MAX_SCHEDULE && on.length * MIN_ROWS_PER_DAY <= finite.length;
    const weekdays = !months && !schedule && hasClosedDay(finite);
    const starts = startsWithin(groups, dates, min, max);
    best = { spaced: { column: column.name, steps: kept, ...(after && { after: after.name }), ...(after?.openLast && { openLast: true }), ...(months && { months: true }), ...(schedule && { on }), ...(weekdays && { weekdays: true }), min, max, starts }, ratio };
  }
  return best?.spaced ?? null;
}

/** Quantiles of where each key starts within the dates its span leaves room for, between `min` and `max` (see `Spaced.starts`). */
function startsWithin(groups: number[][], dates: Float64Array, min: number, max: number): number[] {
  const at = groups.flatMap((rows) => {
    const days = rows.map((r) => dates[r]).filter((d) => !Number.isNaN(d));
    if (days.length === 0) return [];
    const [first, last] = bounds(days);
    const room = max - min - (last - first);
    return [room > 0 ? Math.min(1, Math.max(0, (first - min) / room)) : 0];
  });
  at.sort((a, b) => a - b);
  return at.length ? Array.from({ length: START_QUANTILES }, (_, k) => at[Math.round((k * (at.length - 1)) / (START_QUANTILES - 1))]) : [];
}
const START_QUANTILES = 21;

/** A value drawn from quantiles `qs`, between neighbours: none lands on a quantile more often than another value. */
function betweenQuantiles(qs: number[], u: number): number {
  const at = u * (qs.length - 1);
  const k = Math.min(qs.length - 2, Math.floor(at));
  return qs.length < 2 ? (qs[0] ?? 0) : qs[k] + (qs[k + 1] - qs[k]) * (at - k);
}

/** The share of a key's rows that would start before the row before ended, with rows dealt to keys of the same sizes at random. */
function overlapsDealt(groups: number[][], dates: Float64Array, ends: Float64Array, rng: Rng): number {
  const pool = groups.flat();
  for (let k = pool.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [pool[k], pool[j]] = [pool[j], pool[k]];
  }
  let [at, steps, overlaps] = [0, 0, 0];
  for (const g of groups) {
    const rows = pool.slice(at, (at += g.length)).filter((r) => !Number.isNaN(dates[r])).sort((a, b) => dates[a] - dates[b]);
    for (let k = 1; k < rows.length; k++) {
      if (Number.isNaN(ends[rows[k - 1]])) continue;
      steps++;
      overlaps += Number(dates[rows[k]] < ends[rows[k - 1]]);
    }
  }
  return steps ? overlaps / steps : 0;
}
/** Dealt at random, at least this share of a key's rows would overlap the row before for no overlap in the seed to count. */
const MIN_OVERLAP_SHARE = 0.1;

/** Steps of the same dates dealt to keys of the same sizes at random. */
function dealtSteps(groups: number[][], dates: Float64Array, rng: Rng): number[] {
  const pool = groups.flat().map((r) => dates[r]);
  for (let k = pool.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [pool[k], pool[j]] = [pool[j], pool[k]];
  }
  let at = 0;
  const dealt = groups.map((g) => g.map(() => at++));
  return stepsOf(dealt, (k) => pool[k]);
}

/**
 * A date written as a gap from `column` (a tenancy's end from its start) that every key's next
 * row starts on or after, where there is one: the next row then steps from it. Only a key's last
 * row may have none (a tenancy still running): `openLast` where some do.
 */
function endBefore(groups: number[][], dates: Float64Array, schema: ColumnSchema[], table: Table, name: string, builtFrom: (name: string) => string | null): { name: string; ends: Float64Array; openLast?: true } | null {
  for (const [i, column] of schema.entries()) {
    if (column.kind !== 'datetime' || builtFrom(column.name) !== name) continue;
    const ends = readNumbers(column, table.columns[i]);
    let pairs = 0;
    let open = 0;
    const holds = groups.every((rows) => {
      const sorted = rows.filter((r) => !Number.isNaN(dates[r])).sort((a, b) => dates[a] - dates[b]);
      open += Number(Number.isNaN(ends[sorted[sorted.length - 1]]));
      return sorted.slice(1).every((r, k) => {
        const end = ends[sorted[k]];
        if (Number.isNaN(end)) return false;
        pairs++;
        return dates[r] >= end;
      });
    });
    if (holds && pairs >= MIN_STEPS) return { name: column.name, ends, ...(open > 0 && { openLast: true }) };
  }
  return null;
}

/** Gaps from each row's end to the next row's date. */
function afterSteps(groups: number[][], dates: Float64Array, ends: Float64Array): number[] {
  return groups.flatMap((rows) => {
    const sorted = rows.filter((r) => !Number.isNaN(dates[r])).sort((a, b) => dates[a] - dates[b]);
    return sorted.slice(1).flatMap((r, k) => {
      const end = ends[sorted[k]];
      return Number.isNaN(end) ? [] : [dates[r] - end];
    });
  });
}

/** The steps in whole calendar months, where every one is (a bill on the 1st of each month), else null. */
function wholeMonths(groups: number[][], dates: Float64Array, ends?: Float64Array): number[] | null {
  const months: number[] = [];
  for (const rows of groups) {
    const sorted = rows.filter((r) => !Number.isNaN(dates[r])).sort((a, b) => dates[a] - dates[b]);
    for (let k = 1; k < sorted.length; k++) {
      const from = ends && !Number.isNaN(ends[sorted[k - 1]]) ? ends[sorted[k - 1]] : dates[sorted[k - 1]];
      const to = dates[sorted[k]];
      const a = new Date(from);
      const b = new Date(to);
      const n = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
      if (addMonths(from, n) !== to) return null;
      months.push(n);
    }
  }
  return months.length > 0 && months.some((n) => n > 0) ? months : null;
}

function sample(xs: number[], rng: Rng): number[] {
  if (xs.length <= MAX_KEPT) return xs;
  return Array.from({ length: MAX_KEPT }, () => xs[rng.int(xs.length)]);
}

/**
 * Whole-number columns that count the years from one date per key to a date of the row (an age at
 * each visit from a birth date the table does not hold): on every key, some date gives every row's
 * count, and on enough keys the count changes over the rows, as chance would not keep it.
 */
export function fitAges(input: SequenceInput): Aged[] {
  const { keys, table, schema, held, builtFrom } = input;
  const groups = groupsOf(keys).filter((g) => g.length > 1);
  const dates = schema.flatMap((c, i) => (isModelled(c) && c.kind === 'datetime' && c.date && !c.date.dateless ? [i] : []));
  const aged: Aged[] = [];
  for (const [i, column] of schema.entries()) {
    if (!isModelled(column) || column.kind !== 'numeric' || !column.numeric?.integer || held.has(column.name) || builtFrom(column.name) !== null) continue;
    const counts = readNumbers(column, table.columns[i]);
    for (const d of dates) {
      const days = readNumbers(schema[d], table.columns[d]);
      if (countsYears(groups, counts, days)) {
        aged.push({ column: column.name, to: schema[d].name });
        break;
      }
    }
  }
  return aged;
}

/** Whether on every key one date gives each row's count of years to `days`, on enough keys whose rows span more than a year. */
function countsYears(groups: number[][], counts: Float64Array, days: Float64Array): boolean {
  let [long, keys, mixed] = [0, 0, 0];
  for (const rows of groups) {
    const filled = rows.filter((r) => !Number.isNaN(counts[r] + days[r]));
    if (filled.length < 2) continue;
    if (filled.some((r) => !Number.isInteger(counts[r]) || counts[r] < 0 || counts[r] > MAX_YEARS)) return false;
    keys++;
    const window = birthWindow(filled.map((r) => [counts[r], days[r]]));
    // A few keys may disagree (an age typed a year out), as a copied column's may.
    if (!window || !filled.every((r) => wholeYears(window[1], days[r]) === counts[r])) {
      mixed++;
      continue;
    }
    const [first, last] = bounds(filled.map((r) => days[r]));
    const span = last - first;
    if (span > YEAR_MS) long++;
  }
  return long >= MIN_LONG_KEYS && mixed <= MAX_MIXED_KEYS * keys;
}

/** Midnight `n` whole years before `day`; from 29 February, the 28th in a common year. */
function yearsBefore(day: number, n: number): number {
  const d = new Date(day);
  const then = Date.UTC(d.getUTCFullYear() - n, d.getUTCMonth(), d.getUTCDate());
  return new Date(then).getUTCMonth() === d.getUTCMonth() ? then : then - DAY_MS;
}

/**
 * The days (midnight UTC, as [first, last]) from which the count of whole years to each row's day
 * is its count, or null where none is: after `count + 1` years before the day, by `count` years.
 */
function birthWindow(rows: [number, number][]): [number, number] | null {
  let [lo, hi] = [-Infinity, Infinity];
  for (const [count, day] of rows) {
    const midnight = Math.floor(day / DAY_MS) * DAY_MS;
    lo = Math.max(lo, yearsBefore(midnight, count + 1) + DAY_MS);
    hi = Math.min(hi, yearsBefore(midnight, count));
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Where generated cells are read and written: the kept rows' columns by name, and the schema. */
export interface SequenceTarget {
  names: string[];
  columns: (string | null)[][];
  schema: ColumnSchema[];
}

/**
 * Steps each key's rows through `spaced`'s date in the seed's steps, from its earliest row's, and
 * moves each date written as a gap from it (`movers`) by as much. Rows to drop go to `drop`.
 * Returns the columns changed.
 */
export function spaceWithinKeys(labels: string[], target: SequenceTarget, spaced: Spaced, movers: string[], rng: Rng, drop: number[]): string[] {
  const { names, columns, schema } = target;
  const at = names.indexOf(spaced.column);
  const column = schema.find((c) => c.name === spaced.column);
  if (at < 0 || !column?.date) return [];
  const format = column.date;
  const clock = format.time !== 'none';
  const moved = movers.flatMap((name) => {
    const c = schema.find((s) => s.name === name);
    const k = names.indexOf(name);
    return c?.date && k >= 0 ? [{ k, read: numberReader(c), format: c.date }] : [];
  });
  const dates = readNumbers(column, columns[at]);
  const afterAt = spaced.after === undefined ? -1 : moved.findIndex((m) => names[m.k] === spaced.after);
  const open = (r: number) => afterAt >= 0 && columns[moved[afterAt].k][r] === null;
  for (const rows of groupsOf(labels)) {
    let sorted = rows.filter((r) => !Number.isNaN(dates[r])).sort((a, b) => dates[a] - dates[b]);
    if (spaced.openLast) {
      // One row still open at most, and last: the latest drawn so; the others are dropped.
      const opened = sorted.filter(open);
      drop.push(...opened.slice(0, -1));
      sorted = [...sorted.filter((r) => !open(r)), ...opened.slice(-1)];
    }
    if (sorted.length < 2) continue;
    const next = new Map<number, number>([[sorted[0], dates[sorted[0]]]]);
    const endOf = (r: number, shift: number) => {
      const cell = afterAt < 0 ? null : columns[moved[afterAt].k][r];
      const end = cell === null ? NaN : moved[afterAt].read(cell) + shift;
      return Number.isNaN(end) ? next.get(r)! : end;
    };
    for (let k = 1; k < sorted.length; k++) {
      const before = sorted[k - 1];
      const from = endOf(before, next.get(before)! - dates[before]);
      const step = spaced.steps[rng.int(spaced.steps.length)];
      const date = spaced.months ? addMonths(from, step) : from + step;
      next.set(sorted[k], spaced.on ? nearestAfter(spaced.on, date, next.get(before)!) : spaced.months || afterAt >= 0 ? date : onOwnDay(date, dates[sorted[k]], clock, spaced.weekdays === true));
    }
    // In whole weeks or days where the rows keep their weekday or time of day; in whole months where the steps are.
    const unit = spaced.months ? MONTH_MS : spaced.weekdays ? 7 * DAY_MS : clock ? DAY_MS : 1;
    const [first, end] = [next.get(sorted[0])!, next.get(sorted[sorted.length - 1])!];
    // Placed where the seed's keys start within the room their spans leave (`starts`); from its
    // earliest drawn date (the least of a volunteer's 11), every key started early, and the last
    // shifts ended in January where the seed's ran to March, while a key placed around one of its
    // drawn dates left a hotel's rooms, which run all year, thin in winter. Models saved before
    // `starts` take the latter, over the starts that keep the key in range (clamped to the first
    // date, 21 check-ins fell on the seed's first day where it has 1).
    const [span, anchor] = [end - first, dates[sorted[rng.int(sorted.length)]]];
    const [lo, hi] = [Math.max(spaced.min, anchor - span), Math.min(spaced.max - span, anchor)];
    const space = Math.max(0, spaced.max - span - spaced.min);
    // A key as long as the seed's dates or longer starts within one step of the first (all on it, 8 of a hotel's rooms began on its first day).
    const placed = space > 0 ? spaced.min + space * betweenQuantiles(spaced.starts ?? [0, 1], rng.next()) : spaced.min + rng.next() * spaced.steps[rng.int(spaced.steps.length)];
    const wanted = spaced.starts?.length || space === 0 ? placed : lo <= hi ? lo + rng.next() * (hi - lo) : placed;
    const rounded = Math.round((wanted - first) / unit) * unit;
    const move = spaced.on ? 0 : first + rounded < spaced.min ? rounded + unit : rounded;
    // A key that still runs past the seed's last date starts earlier, as far as its first may.
    const over = Math.ceil(Math.max(0, end + move - spaced.max) / unit) * unit;
    const room = Math.floor(Math.max(0, first + move - spaced.min) / unit) * unit;
    // One longer than the seed's dates keeps its start, and its rows past the last date are dropped.
    const moveBy = move - (spaced.on || space === 0 ? 0 : Math.min(over, room));
    const months = spaced.months ? Math.round(moveBy / MONTH_MS) : 0;
    for (const r of sorted) {
      const value = spaced.months ? addMonths(next.get(r)!, months) : next.get(r)! + moveBy;
      const shift = value - dates[r];
      columns[at][r] = formatDate(value, format);
      for (const m of moved) {
        const cell = columns[m.k][r];
        const old = cell === null ? NaN : m.read(cell);
        if (!Number.isNaN(old)) columns[m.k][r] = formatDate(old + shift, m.format);
      }
    }
  }
  return [spaced.column, ...moved.map((m) => names[m.k])];
}

/**
 * `date`'s day at the time of day `drawn` has (with `clock`: an appointment keeps the hour it was
 * drawn at), moved to `drawn`'s weekday within three days (with `weekdays`).
 */
function onOwnDay(date: number, drawn: number, clock: boolean, weekdays: boolean): number {
  const day = Math.floor(date / DAY_MS) * DAY_MS;
  const time = clock ? drawn - Math.floor(drawn / DAY_MS) * DAY_MS : date - day;
  if (!weekdays) return day + time;
  const shift = ((new Date(drawn).getUTCDay() - new Date(day).getUTCDay() + 10) % 7) - 3;
  return day + shift * DAY_MS + time;
}

/** The date of `on` nearest `date` that is later than `after`, else the last. */
function nearestAfter(on: number[], date: number, after: number): number {
  const later = on.filter((d) => d > after);
  if (later.length === 0) return on[on.length - 1];
  return later.reduce((best, d) => (Math.abs(d - date) < Math.abs(best - date) ? d : best));
}

/**
 * Each key's counts of years (`aged`) from one date: one its first counted row allows, drawn at
 * random, from which every row's count to its day is written. Returns the columns changed.
 */
export function ageWithinKeys(labels: string[], target: SequenceTarget, aged: Aged[], rng: Rng): string[] {
  const { names, columns, schema } = target;
  const changed: string[] = [];
  for (const { column, to } of aged) {
    const [x, d] = [names.indexOf(column), names.indexOf(to)];
    const [count, date] = [schema.find((c) => c.name === column), schema.find((c) => c.name === to)];
    if (x < 0 || d < 0 || !count || !date) continue;
    const read = numberReader(count);
    const days = readNumbers(date, columns[d]);
    const style = count.numeric?.style ?? PLAIN_STYLE;
    for (const rows of groupsOf(labels)) {
      const filled = rows.filter((r) => columns[x][r] !== null && !Number.isNaN(read(columns[x][r]!) + days[r]));
      if (filled.length < 2) continue;
      const window = birthWindow([[read(columns[x][filled[0]]!), days[filled[0]]]]);
      if (!window) continue;
      const span = Math.round((window[1] - window[0]) / DAY_MS);
      const born = window[0] + rng.int(span + 1) * DAY_MS;
      for (const r of filled) columns[x][r] = writeNumber(wholeYears(born, days[r]), 0, style);
    }
    changed.push(column);
  }
  return changed;
}

/**
 * Rows whose count of years (`aged`) has left the range of its category (a junior member aged 30
 * at a later renewal) take a category whose range holds it, one at random, where the key does not
 * hold that category fixed (`held`): a member's tier follows the age at each renewal. Returns the
 * columns changed.
 */
export function followAges(target: SequenceTarget, aged: Aged[], ranges: CategoryRanges[], held: Set<string>, rng: Rng): string[] {
  const { names, columns, schema } = target;
  const changed: string[] = [];
  for (const range of ranges) {
    const [x, c] = [names.indexOf(range.column), names.indexOf(range.by)];
    const count = schema.find((s) => s.name === range.column);
    if (!aged.some((a) => a.column === range.column) || held.has(range.by) || x < 0 || c < 0 || !count) continue;
    const read = numberReader(count);
    const of = new Map(range.ranges);
    for (let r = 0; r < columns[x].length; r++) {
      const [cell, category] = [columns[x][r], columns[c][r]];
      const value = cell === null ? NaN : read(cell);
      const own = category === null ? undefined : of.get(category);
      if (Number.isNaN(value) || !own || (value >= own.lo && value <= own.hi)) continue;
      const holding = range.ranges.filter(([, b]) => value >= b.lo && value <= b.hi);
      if (holding.length > 0) columns[c][r] = holding[rng.int(holding.length)][0];
    }
    changed.push(range.by);
  }
  return changed;
}

/** What the running and carried numbers are read from: see `inDateOrder`. */
export interface KeyOrder {
  date: string;
  /** Each row's date as milliseconds. */
  days: Float64Array;
  ordered: number[][];
  numbers: number[];
  values: Map<number, Float64Array>;
}

/**
 * Each key's rows of two or more in the order of a date (`spaced`'s, else the first date no key
 * holds; rows on one day in the seed's order), and the number columns read as numbers.
 */
export function inDateOrder(input: SequenceInput, spaced: Spaced | null): KeyOrder | null {
  const { keys, table, schema, held } = input;
  const date = spaced?.column ?? schema.find((c) => isModelled(c) && c.kind === 'datetime' && c.date && !c.date.dateless && !held.has(c.name))?.name;
  if (date === undefined) return null;
  const days = readNumbers(schema[table.names.indexOf(date)], table.columns[table.names.indexOf(date)]);
  const ordered = groupsOf(keys)
    .filter((g) => g.length > 1)
    .map((rows) => rows.filter((r) => !Number.isNaN(days[r])).sort((a, b) => days[a] - days[b] || a - b));
  const numbers = schema.flatMap((c, i) => (isModelled(c) && c.kind === 'numeric' ? [i] : []));
  const values = new Map(numbers.map((i) => [i, readNumbers(schema[i], table.columns[i])]));
  return { date, days, ordered, numbers, values };
}

/**
 * Whether `holds` is true of every step from a key's row to the next (null: the step is not
 * judged), on 20 steps at least, `moves` true of most of them.
 */
function everyStep(ordered: number[][], holds: (before: number, row: number) => boolean | null, moves: (before: number, row: number) => boolean): boolean {
  let [steps, moved] = [0, 0];
  for (const rows of ordered) {
    for (let k = 1; k < rows.length; k++) {
      const verdict = holds(rows[k - 1], rows[k]);
      if (verdict === null) continue;
      if (!verdict) return false;
      steps++;
      moved += Number(moves(rows[k - 1], rows[k]));
    }
  }
  return steps >= MIN_STEPS && moved * 2 > steps;
}

/** A number that runs over a key's rows in date order (`by`): each row's is the row before's plus its `plus` (a points balance after each visit's points). */
export interface Running {
  column: string;
  /** The column added at each row, or `step`, a fixed amount (a visit number counting on by 1). */
  plus?: string;
  step?: number;
  /** What every key's first row holds in the seed, where it is one value (visit 1). */
  start?: number;
  by: string;
  /**
   * Starts again with each calendar month or year of `by` (hours flown this month): the first
   * row of a new one holds its `plus` alone, or `start` where it counts on by `step`.
   */
  restart?: Period;
  /** A key's first row holds its `plus` alone, as every key's does in the seed. */
  fresh?: true;
}

export type Period = 'month' | 'year';
const PERIODS: Period[] = ['month', 'year'];
/** Restarts seen in the seed before a running number is read as starting again each period. */
const MIN_RESTARTS = 5;

/** The calendar month (counted from year 0) or year of a date in milliseconds. */
function periodOf(ms: number, period: Period): number {
  const d = new Date(ms);
  return period === 'year' ? d.getUTCFullYear() : d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * Numbers that run over each key's rows in the order of a date (rows on one day in the seed's
 * order): every later row's is the one before's plus another number of the row, on 20 steps at
 * least, that number not 0 on most of them.
 */
export function fitRunning(input: SequenceInput, order: KeyOrder): Running[] {
  const { schema, held, builtFrom } = input;
  const { date, ordered, numbers, values } = order;
  const found: Running[] = [];
  for (const b of numbers) {
    const from = builtFrom(schema[b].name);
    if (held.has(schema[b].name) || (from !== null && from === '')) continue;
    const tolerance = sumTolerance(schema[b]);
    const total = values.get(b)!;
    const plus = numbers.find((p) => {
      if (p === b) return false;
      const part = values.get(p)!;
      return everyStep(
        ordered,
        (before, row) => (Number.isNaN(total[before] + total[row] + part[row]) ? null : closeTo(total[row], total[before] + part[row], tolerance)),
        (_, row) => part[row] !== 0,
      );
    });
    if (plus !== undefined) {
      // Every key's first row its part alone (a volunteer's hours to date from their first shift): generated keys start so too.
      const part = values.get(plus)!;
      const fresh = ordered.every((rows) => Number.isNaN(total[rows[0]] + part[rows[0]]) || closeTo(total[rows[0]], part[rows[0]], tolerance));
      found.push({ column: schema[b].name, plus: schema[plus].name, by: date, ...(fresh && { fresh: true as const }) });
    }
    else {
      const counted = countsOn(ordered, total, tolerance);
      if (counted) found.push({ column: schema[b].name, ...counted, by: date });
      else {
        const restarting = restartsEach(order, b, tolerance);
        if (restarting) found.push({ column: schema[b].name, ...restarting, plus: schema[restarting.plus].name, by: date });
      }
    }
  }
  return found;
}

/**
 * A number that runs over a key's rows as `fitRunning` reads it but starts again with each
 * calendar month or year of the date (a month's hours flown to date): on every step within a
 * period the one before's plus another number of the row, and at each of `MIN_RESTARTS` new
 * periods at least that number alone.
 */
function restartsEach(order: KeyOrder, b: number, tolerance: number): { plus: number; restart: Period; fresh?: true } | null {
  const { days, ordered, numbers, values } = order;
  const total = values.get(b)!;
  for (const restart of PERIODS) {
    const anew = (before: number, row: number) => periodOf(days[before], restart) !== periodOf(days[row], restart);
    let restarts = 0;
    const plus = numbers.find((p) => {
      if (p === b) return false;
      const part = values.get(p)!;
      restarts = 0;
      return everyStep(
        ordered,
        (before, row) => {
          if (Number.isNaN(total[before] + total[row] + part[row])) return null;
          if (!anew(before, row)) return closeTo(total[row], total[before] + part[row], tolerance);
          restarts++;
          return closeTo(total[row], part[row], tolerance);
        },
        (_, row) => part[row] !== 0,
      ) && restarts >= MIN_RESTARTS;
    });
    if (plus === undefined) continue;
    const part = values.get(plus)!;
    const fresh = ordered.every((rows) => Number.isNaN(total[rows[0]] + part[rows[0]]) || closeTo(total[rows[0]], part[rows[0]], tolerance));
    return { plus, restart, ...(fresh && { fresh: true as const }) };
  }
  return null;
}

/**
 * The fixed amount a number moves by from each of a key's rows to the next (a visit number by 1,
 * a credit by 2.50), on 20 steps at least, and the value every key starts on where they share one.
 */
function countsOn(ordered: number[][], total: Float64Array, tolerance: number): { step: number; start?: number } | null {
  const steps: number[] = [];
  for (const rows of ordered) for (let k = 1; k < rows.length; k++) steps.push(total[rows[k]] - total[rows[k - 1]]);
  const moves = steps.filter((d) => !Number.isNaN(d));
  if (moves.length < MIN_STEPS || moves.length < steps.length) return null;
  const step = moves[0];
  if (step === 0 || !moves.every((d) => closeTo(d, step, tolerance))) return null;
  const firsts = new Set(ordered.map((rows) => total[rows[0]]));
  return { step: Number(step.toPrecision(12)), ...(firsts.size === 1 && { start: [...firsts][0] }) };
}

/** Writes each key's running numbers (`running`) from its first row's, in date order. Returns the columns changed. */
export function runWithinKeys(labels: string[], target: SequenceTarget, running: Running[]): string[] {
  const { names, columns, schema } = target;
  const changed: string[] = [];
  for (const { column, plus, step: fixed, start, by, restart, fresh } of running) {
    const [b, p, d] = [column, plus ?? '', by].map((name) => names.indexOf(name));
    const [total, part, date] = [column, plus ?? '', by].map((name) => schema.find((c) => c.name === name));
    if (b < 0 || d < 0 || !total || !date || (fixed === undefined && (p < 0 || !part))) continue;
    const readTotal = numberReader(total);
    const readPart = part ? numberReader(part) : () => NaN;
    const days = readNumbers(date, columns[d]);
    const style = total.numeric?.style ?? PLAIN_STYLE;
    const decimals = total.numeric?.decimals ?? 0;
    for (const rows of groupsOf(labels)) {
      const sorted = rows.filter((r) => !Number.isNaN(days[r])).sort((x, y) => days[x] - days[y] || x - y);
      let last = NaN;
      for (const [k, r] of sorted.entries()) {
        const add = p < 0 ? null : columns[p][r];
        const step = fixed ?? (add === null ? NaN : readPart(add));
        // A new month or year (with `restart`) begins from the row's own part, as a key's first row may.
        const anew = restart !== undefined && k > 0 && periodOf(days[r], restart) !== periodOf(days[sorted[k - 1]], restart);
        if (Number.isNaN(last) && start !== undefined) columns[b][r] = writeNumber(start, decimals, style);
        else if ((anew || (k === 0 && fresh)) && !Number.isNaN(step)) columns[b][r] = writeNumber(step, decimals, style);
        else if (!Number.isNaN(last) && !Number.isNaN(step)) columns[b][r] = writeNumber(last + step, decimals, style);
        last = columns[b][r] === null ? NaN : readTotal(columns[b][r]!);
      }
    }
    changed.push(column);
  }
  return changed;
}

/** A number each of a key's rows carries over from the row before in date order (`by`): a previous reading, a balance brought forward. */
export interface Carried {
  column: string;
  from: string;
  by: string;
  /** What every key's first row holds in the seed, where it is one value (nothing brought forward). */
  start?: number;
}

/**
 * Numbers that equal another column of the row before, in the order of the key's date, on every
 * step (20 at least), where that column moves on most of them: the previous reading, the
 * balance brought forward. Only a column modelled as it is, or as a gap, is carried.
 */
export function fitCarried(input: SequenceInput, order: KeyOrder): Carried[] {
  const { schema, held, builtFrom } = input;
  const { date, ordered, values } = order;
  const numbers = order.numbers.filter((i) => !held.has(schema[i].name));
  const found: Carried[] = [];
  for (const p of numbers) {
    if (builtFrom(schema[p].name) === '') continue;
    const carried = values.get(p)!;
    const tolerance = sumTolerance(schema[p]);
    const from = numbers.find((q) => {
      if (q === p) return false;
      const source = values.get(q)!;
      return everyStep(
        ordered,
        (before, row) => !Number.isNaN(carried[row] + source[before]) && closeTo(carried[row], source[before], tolerance),
        (before, row) => source[row] !== source[before],
      );
    });
    if (from === undefined) continue;
    const firsts = new Set(ordered.map((rows) => carried[rows[0]]));
    found.push({ column: schema[p].name, from: schema[from].name, by: date, ...(firsts.size === 1 && { start: [...firsts][0] }) });
  }
  return found;
}

/** Writes each key's carried numbers from the row before's (its first row's from `start` where the seed has one). Returns the most rows a key holds. */
export function carryWithinKeys(labels: string[], target: SequenceTarget, carried: Carried[]): number {
  const { names, columns, schema } = target;
  const groups = groupsOf(labels);
  for (const { column, from, by, start } of carried) {
    const [p, q, d] = [column, from, by].map((name) => names.indexOf(name));
    const [carriedColumn, date] = [column, by].map((name) => schema.find((c) => c.name === name));
    if (p < 0 || q < 0 || d < 0 || !carriedColumn || !date) continue;
    const days = readNumbers(date, columns[d]);
    const [decimals, style] = [carriedColumn.numeric?.decimals ?? 0, carriedColumn.numeric?.style ?? PLAIN_STYLE];
    for (const rows of groups) {
      const sorted = rows.filter((r) => !Number.isNaN(days[r])).sort((x, y) => days[x] - days[y] || x - y);
      if (start !== undefined && sorted.length > 0) columns[p][sorted[0]] = writeNumber(start, decimals, style);
      for (let k = 1; k < sorted.length; k++) columns[p][sorted[k]] = columns[q][sorted[k - 1]];
    }
  }
  return Math.max(0, bounds(groups.map((g) => g.length))[1]);
}
