import { roundCutoff } from './findSteps';
import { boundRate, logPairChance } from './rateFit';
import { closeTo } from './rules';
import type { Rng } from '../util/rng';

/**
 * A total that is a fixed rate of one number, capped at another: a child credit of 2,000 a
 * dependant up to the tax owed, a refund of 80 % of a claim up to its limit. `parts`: the number
 * and the cap.
 */
export interface CappedRate {
  total: number;
  parts: [number, number];
  rate: number;
}

/** Columns searched, at most. */
const MAX_COLUMNS = 20;
/** Rows below the cap, and rows at it, the seed must hold at least: one side alone is a rate, or the cap. */
const MIN_BELOW = 10;
const MIN_AT = 3;

/**
 * Totals none of `explained` that are the lesser of a rate of one of `numeric` and another, on
 * every row with all three: rows below the cap bound the rate within the total's rounding (the
 * roundest rate within the bounds is taken), and on rows at the cap the rate must reach it.
 * Were the total independent of the two, a row would match with the chance that another row's
 * pair gives its total (random pairs of rows); proposed below e^maxLogChance over the triples searched.
 * `tied(t, a)`: whether another rule ties the total to the number already.
 */
export function cappedRates(
  numeric: number[],
  values: Float64Array[],
  tolerances: number[],
  explained: Set<number>,
  maxLogChance: number,
  rng: Rng,
  tied: (total: number, of: number) => boolean,
): CappedRate[] {
  const columns = numeric.slice(0, MAX_COLUMNS);
  const m = columns.length;
  const odds = maxLogChance - Math.log(Math.max(1, m * m * m));
  const found: CappedRate[] = [];
  for (const t of columns) {
    if (explained.has(t)) continue;
    search: for (const a of columns) {
      for (const cap of columns) {
        if (a === t || cap === t || a === cap || tied(t, a)) continue;
        const rate = fit(values[t], values[a], values[cap], tolerances[t], odds, rng);
        if (rate === null) continue;
        found.push({ total: t, parts: [a, cap], rate });
        break search;
      }
    }
  }
  return found;
}

/** The rate that gives `total` as the lesser of rate × `xs` and `caps` on every row, beyond chance; null where none. */
function fit(total: Float64Array, xs: Float64Array, caps: Float64Array, tol: number, odds: number, rng: Rng): number | null {
  let [lo, hi] = [-Infinity, Infinity];
  const [below, at] = [[] as number[], [] as number[]];
  for (let r = 0; r < total.length; r++) {
    const [y, x, cap] = [total[r], xs[r], caps[r]];
    if (Number.isNaN(y) || Number.isNaN(x) || Number.isNaN(cap)) continue;
    if (y > cap + tol) return null;
    if (y >= cap - tol) {
      at.push(r);
      continue;
    }
    below.push(r);
    const bounds = boundRate([lo, hi], x, y, tol);
    if (!bounds) return null;
    [lo, hi] = bounds;
  }
  // Totals all 0 below the cap, or all one value, say nothing of a rate.
  if (below.length < MIN_BELOW || at.length < MIN_AT || !Number.isFinite(lo) || hi <= 0) return null;
  if (below.every((r) => total[r] === total[below[0]])) return null;
  const rate = roundCutoff(Math.max(0, lo - Math.abs(lo) * 1e-12), hi);
  if (rate <= 0) return null;
  const value = (x: number, cap: number) => Math.min(rate * x, cap);
  const rows = [...below, ...at];
  if (!rows.every((r) => closeTo(total[r], value(xs[r], caps[r]), tol))) return null;
  return rows.length * logPairChance(rows, (r, s) => closeTo(total[r], value(xs[s], caps[s]), tol), rng) < odds ? rate : null;
}
