import { ratedBase, type RatedForm } from './formulas';
import { boundRate, logPairChance, shortestIn } from './rateFit';
import { closeTo } from './rules';
import type { Rng } from '../util/rng';

/**
 * A total that is a fixed rate of two numbers' difference or sum, of three numbers' sum or
 * product, or of a difference's share of its first number: a commission of 3 % of the margin
 * (sale price − dealer cost), a fuel levy of 8 % of the fees, a volume in litres from three
 * lengths in centimetres, a discount in percent of the list price. `parts` in the rule's order;
 * `form` says how they combine before the rate.
 */
export interface RatedSum {
  total: number;
  form: RatedForm;
  parts: number[];
  rate: number;
}

/** Columns searched, at most: three parts make the search cubic in them. */
const MAX_COLUMNS = 20;
const MIN_ROWS = 10;

/**
 * Totals none of `explained` that are one rate of a difference, a sum of two or a sum of three
 * of `numeric`, on every row with all of them: each row bounds the rate within the total's
 * rounding, the bounds must meet, and the roundest rate within them is taken. Were the total
 * independent of the parts, a row would match with the chance that another row's parts give its
 * total (random pairs of rows); proposed below e^maxLogChance over the sets searched. `sums`:
 * the columns of each sum found, total and parts; `tied`: those of each rule found.
 */
export function ratesOfSums(numeric: number[], values: Float64Array[], tolerances: number[], explained: Set<number>, sums: number[][], maxLogChance: number, rng: Rng, tied: number[][] = sums): RatedSum[] {
  // A sum restated (`Net = (Total − VAT) × 1`), or two parts a sum ties to a third (their
  // difference is that column, whose own rate the rate search reads), says nothing new; nor does
  // a share of a difference another rule gives already (`Net = Gross × (100 − Discount %) / 100`).
  const restates = (t: number, parts: number[], form: RatedForm) =>
    (form === 'rate-share' ? tied : sums).some((sum) => parts.every((k) => sum.includes(k)) && (parts.length === 2 || sum.every((k) => k === t || parts.includes(k))));
  const columns = numeric.slice(0, MAX_COLUMNS);
  const m = columns.length;
  const odds = maxLogChance - Math.log(Math.max(1, m * (2 * m * m + (m * m * m) / 3)));
  const found: RatedSum[] = [];
  for (const t of columns) {
    if (explained.has(t)) continue;
    const tries: [RatedForm, number[]][] = [];
    for (const a of columns) {
      for (const b of columns) {
        if (a === t || b === t || a === b) continue;
        tries.push(['rate-less', [a, b]]);
        if (a < b) tries.push(['rate-plus', [a, b]]);
        tries.push(['rate-share', [a, b]]);
      }
    }
    for (const a of columns) for (const b of columns) for (const c of columns) if (a < b && b < c && ![a, b, c].includes(t)) tries.push(['rate-plus3', [a, b, c]], ['rate-times3', [a, b, c]]);
    for (const [form, parts] of tries) {
      if (restates(t, parts, form)) continue;
      // A whole-number total holds exactly, but for a share (a discount in whole percent): within
      // its half-unit, a rent in pounds passes as 0.7221 of its weekly rent and deposit.
      const exact = tolerances[t] >= 0.5 && form !== 'rate-share';
      const rate = fit(values[t], parts.map((k) => values[k]), form, exact ? 1e-9 : tolerances[t], odds, rng);
      if (rate === null) continue;
      found.push({ total: t, form, parts, rate });
      break;
    }
  }
  return found;
}

/** The rate of `form` over `inputs` that gives `total` on every row, beyond chance; null where none. */
function fit(total: Float64Array, inputs: Float64Array[], form: RatedForm, tol: number, odds: number, rng: Rng): number | null {
  let [lo, hi] = [-Infinity, Infinity];
  const rows: number[] = [];
  const xs = new Array<number>(inputs.length);
  for (let r = 0; r < total.length; r++) {
    const y = total[r];
    if (Number.isNaN(y)) continue;
    let blank = false;
    for (let k = 0; k < inputs.length; k++) blank ||= Number.isNaN((xs[k] = inputs[k][r]));
    if (blank) continue;
    const x = ratedBase(form, xs);
    // A share of a first number that is 0 says nothing of the rate.
    if (!Number.isFinite(x)) continue;
    const bounds = boundRate([lo, hi], x, y, tol);
    if (!bounds) return null;
    [lo, hi] = bounds;
    if (x !== 0) rows.push(r);
  }
  const n = rows.length;
  // A rate of 0, or one that holds on too few rows, or on rows whose totals never differ, says nothing.
  if (n < MIN_ROWS || (lo <= 0 && hi >= 0) || rows.every((r) => total[r] === total[rows[0]])) return null;
  const rate = shortestIn(lo, hi);
  // A rate of 1 is a sum, and a negative one the difference the other way round.
  if (rate <= 0 || Math.abs(rate - 1) < 1e-9) return null;
  const at = (r: number) => ratedBase(form, inputs.map((c) => c[r]));
  // Rows the rate was fitted on, and probes drawn from them: a share of 0 is no number there either.
  if (!rows.every((r) => closeTo(total[r], rate * at(r), tol))) return null;
  return n * logPairChance(rows, (r, s) => closeTo(total[r], rate * at(s), tol), rng) < odds ? rate : null;
}
