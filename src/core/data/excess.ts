import { roundCutoff } from './findSteps';
import { isModelled, type ColumnSchema } from './schema';

/**
 * `column` is the part of `of` above `over`, 0 where `of` is not above it (overtime past 8 hours
 * a day, the amount over a deductible); with `below`, the part below it (hours short of 8). With
 * `since`, `of` and `since` are dates and what counts is the whole days from `since` to `of`
 * (days late: the days from the due date to the return, 0 where it came back in time). With
 * `minus`, a number, what counts is `of` less it (minutes over a plan's allowance).
 */
export type ExcessRule = { kind: 'excess'; column: string; of: string; over: number; below?: true; since?: string; minus?: string };

const DAY_MS = 86_400_000;

/** What an excess rule gives where its `of` column reads `x` (and its `since` date or `minus` number `s`). */
export function excessOf(rule: { over: number; below?: true; since?: string; minus?: string }, x: number, s = NaN): number {
  const value = rule.minus !== undefined ? x - s : rule.since === undefined ? x : (x - s) / DAY_MS;
  return Math.max(0, rule.below ? rule.over - value : value - rule.over);
}

export function describeExcess(rule: ExcessRule, write: (column: string, x: number) => string): string {
  if (rule.since !== undefined) {
    const days = `the days from ${rule.since} to ${rule.of}`;
    return rule.over === 0 ? `${rule.column} = ${days}, or 0 where not after` : `${rule.column} = ${days} past ${rule.over}, else 0`;
  }
  if (rule.minus !== undefined) return `${rule.column} = the part of ${rule.of} above ${rule.minus}${rule.over === 0 ? '' : ` + ${write(rule.of, rule.over)}`}, else 0`;
  return `${rule.column} = the part of ${rule.of} ${rule.below ? 'below' : 'above'} ${write(rule.of, rule.over)}, else 0`;
}

/** An excess rule from its JSON entry, or null where the entry is not one. */
export function parseExcess(e: Record<string, unknown>): ExcessRule | null {
  const { column, of, over, below, since, minus } = e;
  if (e.kind !== 'excess' || typeof column !== 'string' || typeof of !== 'string' || column === '' || of === '') return null;
  if (typeof over !== 'number' || !Number.isFinite(over) || (below !== undefined && typeof below !== 'boolean')) return null;
  if (since !== undefined && (typeof since !== 'string' || since === '' || below === true)) return null;
  if (minus !== undefined && (typeof minus !== 'string' || minus === '' || below === true || since !== undefined)) return null;
  return { kind: 'excess', column, of, over, ...(below === true && { below: true as const }), ...(since !== undefined && { since }), ...(minus !== undefined && { minus }) };
}

// Rows of each side a rule needs: above the threshold, and at or below it.
const MIN_SIDE = 3;
const MAX_NUMBERS = 40;

/**
 * Number columns that are the part of another above (or below) a fixed threshold: overtime
 * past 8 hours. Every row with both numbers obeys it to the column's decimals, with at least
 * three rows on each side of the threshold. Were the two independent, each row with a positive
 * value would land on its other number less the threshold with chance p (that share of all
 * pairs of the two columns' values do), and each zero row at or below the threshold with chance
 * q; proposed where k·ln p + z·ln q is below `maxLogChance` less the pairs searched.
 * `tolerance(i)` is half a unit of column i's last decimal; `skip` names columns another rule writes,
 * `writtenFrom(of, column)` whether another rule writes `of` from `column` (hours = regular + overtime).
 */
export function excessRules(
  numbers: ColumnSchema[],
  values: Float64Array[],
  tolerance: (i: number) => number,
  maxLogChance: number,
  skip: Set<string>,
  writtenFrom: (of: string, column: string) => boolean = () => false,
): ExcessRule[] {
  const picked = numbers.flatMap((c, i) => (isModelled(c) && c.kind === 'numeric' ? [i] : [])).slice(0, MAX_NUMBERS);
  const odds = maxLogChance - Math.log(Math.max(1, picked.length * (picked.length - 1) * 2));
  const rules: ExcessRule[] = [];
  for (const t of picked) {
    if (skip.has(numbers[t].name) || !hasBothSides(values[t])) continue;
    for (const x of picked) {
      if (x === t || writtenFrom(numbers[x].name, numbers[t].name)) continue;
      // A whole-number total holds exactly: within its half-unit, points of 3, 1 and 0 pass as 2.5 less the other side's.
      const tol = tolerance(t) >= 0.5 ? 1e-9 : tolerance(t);
      const found = [false, true].map((below) => fit(values[t], values[x], tol, below, odds)).find((f) => f !== null);
      if (!found) continue;
      rules.push({ kind: 'excess', column: numbers[t].name, of: numbers[x].name, over: found.over, ...(found.below && { below: true as const }) });
      break;
    }
  }
  return rules;
}

/**
 * Whole-number or decimal columns that are the part of one number above another, 0 where it is
 * not above: minutes over a plan's allowance. Found as `excessRules` finds the part of a number
 * above a fixed threshold, over the difference of each ordered pair of numbers, at the threshold
 * 0 only, with at least three rows where the difference falls short.
 */
export function minusExcessRules(
  numbers: ColumnSchema[],
  values: Float64Array[],
  tolerance: (i: number) => number,
  maxLogChance: number,
  skip: Set<string>,
  tied: (columns: string[]) => boolean,
): ExcessRule[] {
  const picked = numbers.flatMap((c, i) => (isModelled(c) && c.kind === 'numeric' ? [i] : [])).slice(0, MAX_NUMBERS);
  const odds = maxLogChance - Math.log(Math.max(1, picked.length ** 3));
  const rules: ExcessRule[] = [];
  for (const t of picked) {
    if (skip.has(numbers[t].name) || !hasBothSides(values[t])) continue;
    const tol = tolerance(t) >= 0.5 ? 1e-9 : tolerance(t);
    search: for (const of of picked) {
      for (const minus of picked) {
        const names = [numbers[t].name, numbers[of].name, numbers[minus].name];
        if (new Set([t, of, minus]).size < 3 || tied(names)) continue;
        const gaps = values[of].map((x, r) => x - values[minus][r]);
        const found = fit(values[t], gaps, tol, false, odds);
        if (!found || found.over !== 0 || gaps.filter((d) => d < -tol).length < MIN_SIDE) continue;
        rules.push({ kind: 'excess', column: names[0], of: names[1], over: 0, minus: names[2] });
        break search;
      }
    }
  }
  return rules;
}

/** Date columns searched for the days between them. */
const MAX_DATES = 8;

/**
 * Whole-number columns that are the days from one date to another past a fixed count, 0 where
 * fewer: days late from the due date to the return. Found as `excessRules` finds the part of a
 * number, over the days between each ordered pair of dates, with at least three rows where the
 * days fall short (else the column is just the difference, which a sum says). `tied(columns)`:
 * whether another rule already ties the three (returned = borrowed + days kept).
 */
export function dateExcessRules(
  numbers: ColumnSchema[],
  values: Float64Array[],
  maxLogChance: number,
  skip: Set<string>,
  tied: (columns: string[]) => boolean,
): ExcessRule[] {
  const counts = numbers.flatMap((c, i) => (isModelled(c) && c.kind === 'numeric' && c.numeric?.integer && !skip.has(c.name) && hasBothSides(values[i]) ? [i] : []));
  const dates = numbers.flatMap((c, i) => (isModelled(c) && c.kind === 'datetime' ? [i] : [])).slice(0, MAX_DATES);
  const odds = maxLogChance - Math.log(Math.max(1, counts.length * dates.length * (dates.length - 1)));
  const rules: ExcessRule[] = [];
  for (const t of counts) {
    search: for (const since of dates) {
      for (const of of dates) {
        const names = [numbers[t].name, numbers[of].name, numbers[since].name];
        if (of === since || tied(names)) continue;
        const days = values[of].map((x, r) => (x - values[since][r]) / DAY_MS);
        const found = fit(values[t], days, 1e-9, false, odds);
        if (!found || days.filter((d) => d < found.over - 1e-9).length < MIN_SIDE) continue;
        rules.push({ kind: 'excess', column: names[0], of: names[1], over: found.over, since: names[2] });
        break search;
      }
    }
  }
  return rules;
}

/** Whether a column is never negative, with enough zeros and enough positive values. */
function hasBothSides(ts: Float64Array): boolean {
  let [zeros, positive] = [0, 0];
  for (const t of ts) {
    if (t < 0) return false;
    if (t === 0) zeros++;
    else if (t > 0) positive++;
  }
  return zeros >= MIN_SIDE && positive >= MIN_SIDE;
}

/** The threshold over which `ts` is the part of `xs`, where one holds on every row and chance does not explain it. */
function fit(ts: Float64Array, xs: Float64Array, tol: number, below: boolean, odds: number): { over: number; below: boolean } | null {
  // On rows with a positive value, x − t (t + x below) lies within tol of the threshold.
  let [low, high] = [-Infinity, Infinity];
  const rows: number[] = [];
  for (let r = 0; r < ts.length; r++) {
    if (Number.isNaN(ts[r] + xs[r]) || ts[r] === 0) continue;
    const c = below ? xs[r] + ts[r] : xs[r] - ts[r];
    [low, high] = [Math.max(low, c - tol), Math.min(high, c + tol)];
    if (low > high) return null;
    rows.push(r);
  }
  if (rows.length < MIN_SIDE) return null;
  const over = roundCutoff(low - 1e-12, high);
  // A zero row's x is at most the threshold (at least it, below), within tol.
  let zeros = 0;
  for (let r = 0; r < ts.length; r++) {
    if (Number.isNaN(ts[r] + xs[r]) || ts[r] !== 0) continue;
    if (below ? xs[r] < over - tol : xs[r] > over + tol) return null;
    zeros++;
  }
  if (zeros < MIN_SIDE) return null;
  const present = Float64Array.from(xs.filter((x) => !Number.isNaN(x))).sort();
  const within = (from: number, to: number) => upperBound(present, to) - upperBound(present, from - 1e-12);
  // Shares of the x values each positive t would match, and that a zero row's x satisfies.
  let p = 0;
  for (const r of rows) {
    const target = below ? over - ts[r] : over + ts[r];
    p += within(target - tol, target + tol) / present.length;
  }
  p /= rows.length;
  const q = (below ? present.length - upperBound(present, over - tol - 1e-12) : upperBound(present, over + tol)) / present.length;
  const logChance = rows.length * Math.log(Math.max(p, 1e-300)) + zeros * Math.log(Math.max(q, 1e-300));
  return logChance < odds ? { over, below } : null;
}

/** How many of the sorted `xs` are at most `x`. */
export function upperBound(xs: Float64Array, x: number): number {
  let [lo, hi] = [0, xs.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
