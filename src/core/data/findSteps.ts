import type { Rule } from './rules';
import { isModelled, type ColumnSchema } from './schema';
import type { Table } from './table';
import { wholeYears } from './years';
import { minuteOfDay } from './dates';

// A column with more values than this is not searched as one a number fixes in steps.
const MAX_STEP_VALUES = 6;
const MIN_ROWS = 10;

/**
 * Columns a number fixes in steps: shipping 4.99 below a subtotal of 50 and 0 from 50, a tier
 * by spend. `numbers` are the number columns (`values`: each read as numbers). A column of 2 to
 * 6 values, never blank where the number is not, qualifies where the rows sorted by the number
 * hold each of its values in one unbroken run (rows with equal numbers alike). Were the column
 * independent of the number, the runs would come in order with chance L! · Π dᵢ! / d! for L
 * values over d distinct numbers, dᵢ of them in run i (counting distinct numbers, not rows).
 * Where the number is a whole number with every one from its least to its greatest present, and
 * every run spans two numbers or more (bands of a score), the k rows of each number would also
 * share one value with chance Σ pᵥᵏ (pᵥ: each value's share of rows): an NPS category by a 0–10
 * score, on many rows of each score. A plan with one price each, or a department by its pay
 * rates, is not credited so: there the category sets the number, and writing it from the number
 * would lose what else it sets. Proposed below e^maxLogChance divided by the pairs searched. Each
 * column is given by the first number that fixes it. A step's cutoff is the roundest number
 * between the last of one run and the first of the next, so every seed row keeps the rule.
 */
export function stepRules(table: Table, schema: ColumnSchema[], numbers: ColumnSchema[], values: Float64Array[], maxLogChance: number): Rule[] {
  const stepped = schema.filter((c) => isModelled(c) && c.distinct >= 2 && c.distinct <= MAX_STEP_VALUES);
  const from: (readonly [Quantity, Float64Array])[] = numbers.flatMap((c, i) =>
    c.kind === 'numeric' ? [[{ name: c.name, whole: c.numeric?.integer === true }, values[i]] as const] : [],
  );
  from.push(...yearsBetween(numbers, values), ...timesOfDay(numbers, values));
  const pairs = stepped.length * from.length;
  if (pairs === 0 || table.rowCount < MIN_ROWS) return [];
  // A step replaces the column's model outright, so it is held to the odds of a sum, divided by the pairs searched.
  const odds = maxLogChance - Math.log(pairs);
  const rules: Rule[] = [];
  for (const column of stepped) {
    const cells = table.columns[table.names.indexOf(column.name)];
    for (const [number, xs] of from) {
      if (number.name === column.name) continue;
      if (number.since === column.name) continue;
      const rule = stepsOf(cells, xs, odds, number.whole, number.clock === true);
      if (!rule) continue;
      rules.push({ kind: 'step', column: column.name, from: number.name, ...(number.since !== undefined && { since: number.since }), ...(number.clock && { clock: true as const }), ...rule });
      break;
    }
  }
  return rules;
}

/** What a step is searched on: a number column, the whole years between two dates, or a date's time of day. */
type Quantity = { name: string; whole: boolean; since?: string; clock?: true };

/**
 * The minutes from midnight of each date column with times (a fare's tariff by the hour of
 * pickup, a shift by the hour of the start), where they take 3 values at least.
 */
function timesOfDay(numbers: ColumnSchema[], values: Float64Array[]): [Quantity, Float64Array][] {
  return numbers.flatMap((c, i): [Quantity, Float64Array][] => {
    const format = c.date;
    if (c.kind !== 'datetime' || !format || format.time === 'none') return [];
    const minutes = values[i].map((x) => minuteOfDay(x, format));
    return new Set(minutes.filter((m) => !Number.isNaN(m))).size < 3 ? [] : [[{ name: c.name, whole: true, clock: true }, minutes]];
  });
}

/** Date columns whose whole years apart are searched, at most. */
const MAX_DATES = 6;

/**
 * The whole years from each date to each other on every row with both (a member's years since
 * joining, at each renewal), where never negative and of three values at least: a discount by
 * years of membership, a ward by a patient's age.
 */
function yearsBetween(numbers: ColumnSchema[], values: Float64Array[]): [Quantity, Float64Array][] {
  const dates = numbers.flatMap((c, i) => (c.kind === 'datetime' ? [i] : [])).slice(0, MAX_DATES);
  return dates.flatMap((a) =>
    dates.flatMap((b): [Quantity, Float64Array][] => {
      if (a === b) return [];
      const years = values[a].map((x, r) => wholeYears(x, values[b][r]));
      if (years.some((y) => y < 0) || new Set(years.filter((y) => !Number.isNaN(y))).size < 3) return [];
      return [[{ name: numbers[b].name, since: numbers[a].name, whole: true }, years]];
    }),
  );
}

/** The steps by which `xs` fixes `cells`, where they hold on every row with a number and chance does not explain them. */
function stepsOf(cells: (string | null)[], xs: Float64Array, maxLogChance: number, whole: boolean, circular = false): { cutoffs: number[]; values: string[] } | null {
  // Rows with the column blank are not judged: a delivery charge blank on collected orders keeps its steps where it is given.
  const rows: number[] = [];
  for (let r = 0; r < xs.length; r++) if (!Number.isNaN(xs[r]) && cells[r] !== null) rows.push(r);
  if (rows.length < MIN_ROWS) return null;
  rows.sort((a, b) => xs[a] - xs[b]);
  const values: string[] = [];
  const cutoffs: number[] = [];
  // Distinct numbers in each run, and in all.
  const counts: number[] = [];
  // Rows of each distinct number, and of each value.
  const ties: number[] = [];
  const shares = new Map<string, number>();
  let distinct = 0;
  let wrapped = false;
  for (let k = 0; k < rows.length; k++) {
    const [x, cell] = [xs[rows[k]], cells[rows[k]]!];
    const newNumber = k === 0 || x !== xs[rows[k - 1]];
    if (!newNumber && cell !== cells[rows[k - 1]]) return null;
    if (values.length === 0 || cell !== values[values.length - 1]) {
      // Round the clock, the last run may take the first's value again (night before 06:00 and from 22:00), and ends the steps.
      const wraps = circular && values.length > 1 && cell === values[0];
      if (wrapped || (values.includes(cell) && !wraps)) return null;
      wrapped = wraps;
      if (values.length > 0) cutoffs.push(circular ? clockCutoff(xs[rows[k - 1]], x) : roundCutoff(xs[rows[k - 1]], x));
      values.push(cell);
      counts.push(0);
    }
    if (newNumber) {
      distinct++;
      counts[counts.length - 1]++;
      ties.push(0);
    }
    ties[ties.length - 1]++;
    shares.set(cell, (shares.get(cell) ?? 0) + 1 / rows.length);
  }
  // One number to each value is a number that follows the column (a reorder level by category), not steps.
  if (new Set(values).size < 2 || distinct === values.length) return null;
  const order = logFactorial(values.length) + counts.reduce((s, d) => s + logFactorial(d), 0) - logFactorial(distinct);
  const p = [...shares.values()];
  // A score's bands cover every whole number from its least to its greatest (0 to 10); pay rates by department skip some.
  const [lo, hi] = [xs[rows[0]], xs[rows[rows.length - 1]]];
  // A time of day is never set by the column it steps (a matinee by the start, not the start by
  // the matinee), so its showings' times lend their ties too, whatever times are missing.
  const bands = (whole && counts.every((d) => d >= 2) && hi - lo + 1 === distinct) || circular;
  const logChance = order + (bands ? ties.reduce((s, k) => s + Math.log(Math.min(1, p.reduce((t, x) => t + x ** k, 0))), 0) : 0);
  return logChance < maxLogChance ? { cutoffs, values } : null;
}

/**
 * The roundest number above `low` and at most `high`: where a step falls between two seed
 * numbers, the one a person would have written (50 between 49.93 and 50.07, 1,000 between 912
 * and 1,217). Every seed row keeps the rule with any cutoff there.
 */
export function roundCutoff(low: number, high: number): number {
  for (let k = Math.ceil(Math.log10(Math.max(Math.abs(low), Math.abs(high), 1e-9))) + 1; k > -12; k--) {
    const cutoff = Number(((Math.floor(low / 10 ** k) + 1) * 10 ** k).toPrecision(12));
    if (cutoff > low && cutoff <= high) return cutoff;
  }
  return high;
}

/** The roundest time of day above `low` minutes and at most `high`: a whole hour, else a half, a quarter, ten or five minutes. */
function clockCutoff(low: number, high: number): number {
  for (const step of [60, 30, 15, 10, 5, 1]) {
    const cutoff = (Math.floor(low / step) + 1) * step;
    if (cutoff <= high) return cutoff;
  }
  return high;
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log(k);
  return sum;
}
