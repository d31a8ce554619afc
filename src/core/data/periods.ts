// An end a fixed time after its start, the time set by a category: a membership's end one, three
// or twelve months after its start by plan, a trial's 14 or 30 days by offer.
import type { Rng } from '../util/rng';
import { isModelled, type ColumnSchema } from './schema';
import type { Table } from './table';
import { addMonths } from './years';

/**
 * `end` is `start` plus `lengths[by]` of `unit` (calendar months, or days, hours, minutes): `End Date = Start
 * Date + months by Plan: 12 for Annual; 1 for Monthly; 3 for Quarterly`. Lengths keyed by the
 * category as the seed writes it; a row missing any of the three, or of a category with no
 * length, is not judged.
 */
export type PeriodRule = { kind: 'period'; end: string; start: string; by: string; unit: PeriodUnit; lengths: Record<string, number>; dayBefore?: true };
/** Calendar months, or whole days, hours or minutes (a delivery promised 4 or 48 hours after the order). */
export type PeriodUnit = 'months' | 'days' | 'hours' | 'minutes';
const PERIOD_UNITS: readonly PeriodUnit[] = ['months', 'days', 'hours', 'minutes'];
const UNIT_MS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000 };
const MAX_LEVELS = 20;
const MAX_BY_COLUMNS = 20;
const MAX_DATES = 20;
const MIN_ROWS = 10;
const PROBES = 2000;

/**
 * The end a period rule gives for a start and its category's length; NaN where either is
 * missing. With `dayBefore`, the day before (a billing period through the day before a month on).
 */
export function periodEnd(unit: PeriodRule['unit'], start: number, length: number | undefined, dayBefore = false): number {
  if (length === undefined || Number.isNaN(start)) return NaN;
  return (unit === 'months' ? addMonths(start, length) : start + length * UNIT_MS[unit]) - (dayBefore ? UNIT_MS.days : 0);
}

export function describePeriod(rule: PeriodRule): string {
  // Shortest first, values in alphabetical order within a length.
  const groups = new Map<number, string[]>();
  for (const [value, n] of Object.entries(rule.lengths)) groups.set(n, [...(groups.get(n) ?? []), value]);
  const parts = [...groups].sort(([a], [b]) => a - b).map(([n, values]) => `${n} for ${values.sort().join(', ')}`);
  return `${rule.end} = ${rule.start} + ${rule.unit} by ${rule.by}${rule.dayBefore ? ', less a day' : ''}: ${parts.join('; ')}`;
}

/** A period rule from its JSON entry, or null where the entry is not one. */
export function parsePeriod(e: Record<string, unknown>): PeriodRule | null {
  const text = (x: unknown): x is string => typeof x === 'string' && x !== '';
  if (e.kind !== 'period' || !text(e.end) || !text(e.start) || !text(e.by) || !PERIOD_UNITS.includes(e.unit as PeriodUnit)) return null;
  const lengths = e.lengths;
  if (typeof lengths !== 'object' || lengths === null || Array.isArray(lengths)) return null;
  const entries = Object.entries(lengths as Record<string, unknown>);
  if (entries.length === 0 || !entries.every(([, n]) => typeof n === 'number' && Number.isInteger(n))) return null;
  if (e.dayBefore !== undefined && (e.dayBefore !== true || e.unit === 'hours' || e.unit === 'minutes')) return null;
  const rule: PeriodRule = { kind: 'period', end: e.end, start: e.start, by: e.by, unit: e.unit as PeriodUnit, lengths: Object.fromEntries(entries) as Record<string, number> };
  return e.dayBefore === true ? { ...rule, dayBefore: true } : rule;
}

/**
 * Period rules every row obeys exactly, with at least two lengths among the categories (one
 * length for all is a date plus a fixed number, no category's doing). Were the end independent
 * of the start, a row would match with the chance that another row's end is its start plus its
 * category's length, estimated from random pairs of rows; the rows past the first of each
 * category are the evidence. Below e^maxLogChance divided by the date pairs, categories and
 * units searched. `taken` names ends another rule already writes.
 */
export function periodRules(table: Table, schema: ColumnSchema[], dates: { name: string; values: Float64Array; timed?: boolean }[], maxLogChance: number, taken: Set<string>, rng: Rng): PeriodRule[] {
  const bys = schema
    .filter((c) => isModelled(c) && (c.kind === 'categorical' || c.kind === 'boolean') && c.distinct >= 2 && c.distinct <= MAX_LEVELS)
    .slice(0, MAX_BY_COLUMNS);
  const picked = dates.slice(0, MAX_DATES);
  const tries = picked.length * (picked.length - 1) * bys.length * (PERIOD_UNITS.length + 1);
  if (tries === 0) return [];
  const odds = maxLogChance - Math.log(tries);
  const rules: PeriodRule[] = [];
  for (const end of picked) {
    if (taken.has(end.name)) continue;
    search: for (const start of picked) {
      if (start === end) continue;
      for (const by of bys) {
        const cells = table.columns[table.names.indexOf(by.name)];
        // Hours and minutes only between dates with a time of day, the coarsest unit that holds first.
        for (const unit of PERIOD_UNITS.filter((u) => u === 'months' || u === 'days' || (start.timed && end.timed))) {
          // Months through the day before (a billing period from 3 March to 2 April), where plain months do not hold.
          for (const dayBefore of unit === 'months' ? [false, true] : [false]) {
            const lengths = fit(start.values, dayBefore ? end.values.map((x) => x + UNIT_MS.days) : end.values, cells, unit, odds, rng);
            if (!lengths) continue;
            rules.push({ kind: 'period', end: end.name, start: start.name, by: by.name, unit, lengths, ...(dayBefore && { dayBefore: true as const }) });
            break search;
          }
        }
      }
    }
  }
  return rules;
}

/** Each category's whole length of `unit` from start to end, where every row agrees and chance does not explain it. */
function fit(starts: Float64Array, ends: Float64Array, cells: (string | null)[], unit: PeriodRule['unit'], odds: number, rng: Rng): Record<string, number> | null {
  const lengths = new Map<string, number>();
  const rows: number[] = [];
  for (let r = 0; r < starts.length; r++) {
    const [a, b] = [starts[r], ends[r]];
    if (Number.isNaN(a + b)) continue;
    const cell = cells[r];
    if (cell === null) return null;
    const n = lengthOf(a, b, unit);
    if (Number.isNaN(n)) return null;
    const held = lengths.get(cell);
    if (held === undefined) lengths.set(cell, n);
    else if (held !== n) return null;
    rows.push(r);
  }
  // An end before its start is the same rule read the other way round (due = loan + 21 days, not loan = due − 21).
  if (rows.length < MIN_ROWS || new Set(lengths.values()).size < 2 || [...lengths.values()].some((n) => n < 0)) return null;
  let hits = 0;
  for (let p = 0; p < PROBES; p++) {
    const r = rows[rng.int(rows.length)];
    if (periodEnd(unit, starts[r], lengths.get(cells[r]!)) === ends[rows[rng.int(rows.length)]]) hits++;
  }
  if ((rows.length - lengths.size) * Math.log((hits + 1) / (PROBES + 1)) >= odds) return null;
  return Object.fromEntries([...lengths].sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)));
}

/** The whole months (or days, hours, minutes) from a to b, where b is a that many after a exactly; NaN otherwise. */
function lengthOf(a: number, b: number, unit: PeriodRule['unit']): number {
  if (unit !== 'months') {
    const n = (b - a) / UNIT_MS[unit];
    return Number.isInteger(n) ? n : NaN;
  }
  const [x, y] = [new Date(a), new Date(b)];
  const n = (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + y.getUTCMonth() - x.getUTCMonth();
  return addMonths(a, n) === b ? n : NaN;
}
