import { roundCutoff } from './findSteps';
import { boundRate, gridAround, leastSquares, shortestIn, significantDigits } from './rateFit';
import { closeTo } from './rules';
import { isModelled, type ColumnSchema } from './schema';

/**
 * `column` is the part of `of` above `over`, 0 where `of` is not above it (overtime past 8 hours
 * a day, the amount over a deductible); with `below`, the part below it (hours short of 8). With
 * `since`, `of` and `since` are dates and what counts is the whole days from `since` to `of`
 * (days late: the days from the due date to the return, 0 where it came back in time). With
 * `minus`, a number, what counts is `of` less it (minutes over a plan's allowance).
 */
export type ExcessRule = { kind: 'excess'; column: string; of: string; over: number; below?: true; since?: string; minus?: string; rate?: number };

const DAY_MS = 86_400_000;

/** What an excess rule gives where its `of` column reads `x` (and its `since` date or `minus` number `s`). */
export function excessOf(rule: { over: number; below?: true; since?: string; minus?: string; rate?: number }, x: number, s = NaN): number {
  const value = rule.minus !== undefined ? x - s : rule.since === undefined ? x : (x - s) / DAY_MS;
  return Math.max(0, rule.below ? rule.over - value : value - rule.over) * (rule.rate ?? 1);
}

export function describeExcess(rule: ExcessRule, write: (column: string, x: number) => string): string {
  const times = rule.rate === undefined ? '' : `${rule.rate} × `;
  if (rule.since !== undefined) {
    const days = `the days from ${rule.since} to ${rule.of}`;
    return rule.over === 0 ? `${rule.column} = ${times}${days}, or 0 where not after` : `${rule.column} = ${times}${days} past ${rule.over}, else 0`;
  }
  if (rule.minus !== undefined) return `${rule.column} = ${times}the part of ${rule.of} above ${rule.minus}${rule.over === 0 ? '' : ` + ${write(rule.of, rule.over)}`}, else 0`;
  return `${rule.column} = ${times}the part of ${rule.of} ${rule.below ? 'below' : 'above'} ${write(rule.of, rule.over)}, else 0`;
}

/** An excess rule from its JSON entry, or null where the entry is not one. */
export function parseExcess(e: Record<string, unknown>): ExcessRule | null {
  const { column, of, over, below, since, minus, rate } = e;
  if (e.kind !== 'excess' || typeof column !== 'string' || typeof of !== 'string' || column === '' || of === '') return null;
  if (typeof over !== 'number' || !Number.isFinite(over) || (below !== undefined && typeof below !== 'boolean')) return null;
  if (since !== undefined && (typeof since !== 'string' || since === '' || below === true)) return null;
  if (minus !== undefined && (typeof minus !== 'string' || minus === '' || below === true || since !== undefined)) return null;
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0)) return null;
  return {
    kind: 'excess',
    column,
    of,
    over,
    ...(below === true && { below: true as const }),
    ...(since !== undefined && { since }),
    ...(minus !== undefined && { minus }),
    ...(rate !== undefined && { rate }),
  };
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
      const found = fit(values[t], values[x], tol, false, odds) ?? fit(values[t], values[x], tol, true, odds) ?? fit(values[t], values[x], tol, false, odds, true);
      if (!found) continue;
      rules.push({ kind: 'excess', column: numbers[t].name, of: numbers[x].name, over: found.over, ...(found.below && { below: true as const }), ...rated(found) });
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
        const found = fit(values[t], gaps, tol, false, odds) ?? fit(values[t], gaps, tol, false, odds, true);
        if (!found || gaps.filter((d) => d < found.over - tol / found.rate).length < MIN_SIDE) continue;
        rules.push({ kind: 'excess', column: names[0], of: names[1], over: found.over, minus: names[2], ...rated(found) });
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
  tolerance: (i: number) => number,
  maxLogChance: number,
  skip: Set<string>,
  tied: (columns: string[]) => boolean,
): ExcessRule[] {
  const counts = numbers.flatMap((c, i) => (isModelled(c) && c.kind === 'numeric' && !skip.has(c.name) && hasBothSides(values[i]) ? [i] : []));
  const dates = numbers.flatMap((c, i) => (isModelled(c) && c.kind === 'datetime' ? [i] : [])).slice(0, MAX_DATES);
  const odds = maxLogChance - Math.log(Math.max(1, counts.length * dates.length * (dates.length - 1)));
  const rules: ExcessRule[] = [];
  for (const t of counts) {
    search: for (const since of dates) {
      for (const of of dates) {
        const names = [numbers[t].name, numbers[of].name, numbers[since].name];
        if (of === since || tied(names)) continue;
        const days = values[of].map((x, r) => (x - values[since][r]) / DAY_MS);
        // Whole days late, or money at a rate a day late (a fine of 0.25 a day), exact to the total's decimals.
        const tol = numbers[t].numeric?.integer ? 1e-9 : tolerance(t);
        const found = (numbers[t].numeric?.integer ? fit(values[t], days, tol, false, odds) : null) ?? fit(values[t], days, tol, false, odds, true);
        if (!found || days.filter((d) => d < found.over - 1e-9).length < MIN_SIDE) continue;
        rules.push({ kind: 'excess', column: names[0], of: names[1], over: found.over, since: names[2], ...rated(found) });
        break search;
      }
    }
  }
  return rules;
}

/** A rate other than 1, as the rule carries it. */
const rated = (found: Found) => (found.rate === 1 ? {} : { rate: found.rate });

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

type Found = { over: number; below: boolean; rate: number };

/**
 * The threshold over which `ts` is the part of `xs` (times a rate, where `rated`), where one
 * holds on every row and chance does not explain it.
 */
function fit(ts: Float64Array, xs: Float64Array, tol: number, below: boolean, odds: number, rated = false): Found | null {
  const rows: number[] = [];
  for (let r = 0; r < ts.length; r++) if (!Number.isNaN(ts[r] + xs[r]) && ts[r] !== 0) rows.push(r);
  if (rows.length < MIN_SIDE) return null;
  const line = rated ? ratedLine(ts, xs, rows, tol, below) : plainLine(ts, xs, rows, tol, below);
  if (!line) return null;
  const { over, rate } = line;
  // On the number's scale, the total's rounding spans tol / rate.
  const slack = tol / rate;
  // A zero row's x is at most the threshold (at least it, below), within the slack.
  let zeros = 0;
  for (let r = 0; r < ts.length; r++) {
    if (Number.isNaN(ts[r] + xs[r]) || ts[r] !== 0) continue;
    if (below ? xs[r] < over - slack : xs[r] > over + slack) return null;
    zeros++;
  }
  if (zeros < MIN_SIDE) return null;
  const present = Float64Array.from(xs.filter((x) => !Number.isNaN(x))).sort();
  const within = (from: number, to: number) => upperBound(present, to) - upperBound(present, from - 1e-12);
  // Shares of the x values each positive t would match, and that a zero row's x satisfies.
  let p = 0;
  for (const r of rows) {
    const target = below ? over - ts[r] / rate : over + ts[r] / rate;
    p += within(target - slack, target + slack) / present.length;
  }
  p /= rows.length;
  const q = (below ? present.length - upperBound(present, over - slack - 1e-12) : upperBound(present, over + slack)) / present.length;
  // A rate and its threshold are fitted on two of the rows, which are then no evidence.
  const evidence = rated ? rows.length - 2 : rows.length;
  const logChance = evidence * Math.log(Math.max(p, 1e-300)) + zeros * Math.log(Math.max(q, 1e-300));
  return logChance < odds ? { over, below, rate } : null;
}

/** On rows with a positive value, x − t (t + x below) lies within tol of the threshold: the roundest there. */
function plainLine(ts: Float64Array, xs: Float64Array, rows: number[], tol: number, below: boolean): { over: number; rate: number } | null {
  let [low, high] = [-Infinity, Infinity];
  for (const r of rows) {
    const c = below ? xs[r] + ts[r] : xs[r] - ts[r];
    [low, high] = [Math.max(low, c - tol), Math.min(high, c + tol)];
    if (low > high) return null;
  }
  return { over: roundCutoff(low - 1e-12, high), rate: 1 };
}

/** Thresholds tried on each side of the least-squares one, in units of the number's last decimal. */
const THRESHOLD_STEPS = 6;

/**
 * A rate and threshold with t = rate × (x − threshold) on every positive row (rate × (threshold −
 * x) below): the threshold on the number's decimals near where the least-squares line meets 0,
 * the roundest rate its rows allow, the roundest pair of those.
 */
function ratedLine(ts: Float64Array, xs: Float64Array, rows: number[], tol: number, below: boolean): { over: number; rate: number } | null {
  const { slope, mx, my } = leastSquares(rows, xs, ts);
  if (!Number.isFinite(slope) || (below ? slope >= 0 : slope <= 0)) return null;
  const decimals = Math.min(6, Math.max(...rows.map((r) => decimalsOf(xs[r]))));
  let best: { over: number; rate: number; digits: number } | null = null;
  for (const over of gridAround(Math.round((mx - my / slope) * 10 ** decimals), decimals, THRESHOLD_STEPS)) {
    const part = (r: number) => (below ? over - xs[r] : xs[r] - over);
    let bounds: [number, number] | null = [0, Infinity];
    for (const r of rows) if (bounds) bounds = boundRate(bounds, part(r), ts[r], tol);
    if (!bounds || !Number.isFinite(bounds[1]) || bounds[1] <= 0) continue;
    const rate = shortestIn(bounds[0], bounds[1]);
    if (rate <= 0 || !rows.every((r) => closeTo(ts[r], rate * part(r), tol))) continue;
    const digits = significantDigits(rate) + significantDigits(over);
    if (!best || digits < best.digits) best = { over, rate, digits };
  }
  return best && { over: best.over, rate: best.rate };
}

function decimalsOf(x: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(x * 10 ** d - Math.round(x * 10 ** d)) < 1e-6) return d;
  return 6;
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
