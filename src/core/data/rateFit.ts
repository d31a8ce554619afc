import type { Rng } from '../util/rng';
import { roundCutoff } from './findSteps';

// What every search for a rate shares: the rates a row allows, and how likely a row is to match by chance.

/** Random pairs of rows drawn to estimate how often a row matches by chance. */
const PROBES = 2000;

/**
 * `bounds` narrowed to the rates that give `y` from `x` within `tol`: null where none is left,
 * or where `x` is 0 and `y` is not (an `x` of 0 bounds no rate).
 */
export function boundRate([lo, hi]: [number, number], x: number, y: number, tol: number): [number, number] | null {
  if (x === 0) return Math.abs(y) > tol ? null : [lo, hi];
  const [p, q] = [(y - tol) / x, (y + tol) / x];
  const next: [number, number] = [Math.max(lo, Math.min(p, q)), Math.min(hi, Math.max(p, q))];
  return next[0] > next[1] ? null : next;
}

/**
 * The natural log of the chance that a row of `rows` matches what another row gives
 * (`match(row, other)`), from random pairs, each row drawn before the other: a rule on n rows
 * is proposed where n times this is below the odds.
 */
export function logPairChance(rows: number[], match: (row: number, other: number) => boolean, rng: Rng): number {
  let hits = 0;
  for (let p = 0; p < PROBES; p++) {
    const row = rows[rng.int(rows.length)];
    if (match(row, rows[rng.int(rows.length)])) hits++;
  }
  return Math.log((hits + 1) / (PROBES + 1));
}

/** The shortest decimal in [lo, hi] (a rate's interval read to the digits a person writes). */
export const shortestIn = (lo: number, hi: number): number => roundCutoff(lo - Math.abs(lo) * 1e-12, hi);

/** The least-squares line of `ys` on `xs` over `rows`: its slope, and the means it passes through. */
export function leastSquares(rows: number[], xs: ArrayLike<number>, ys: ArrayLike<number>): { slope: number; mx: number; my: number } {
  const n = rows.length;
  const [mx, my] = [rows.reduce((s, r) => s + xs[r], 0) / n, rows.reduce((s, r) => s + ys[r], 0) / n];
  let [sxy, sxx] = [0, 0];
  for (const r of rows) [sxy, sxx] = [sxy + (xs[r] - mx) * (ys[r] - my), sxx + (xs[r] - mx) ** 2];
  return { slope: sxy / sxx, mx, my };
}

/**
 * Numbers to `decimals` places about `centre` (counted in units of the last place), nearest
 * first: the centre, one unit below, one above, two below, … to `steps` units either side.
 */
export function gridAround(centre: number, decimals: number, steps: number): number[] {
  return Array.from({ length: 2 * steps + 1 }, (_, k) => Number(((centre + (k % 2 === 0 ? k / 2 : -(k + 1) / 2)) / 10 ** decimals).toFixed(decimals)));
}

/** Significant digits of a short decimal (0.0125: 3). */
export const significantDigits = (x: number): number => (x === 0 ? 0 : x.toExponential().split('e')[0].replace(/[-.]/g, '').length);

// A decimal of more digits than this is no rate a person wrote: one over a whole number may be.
const SHORT_DIGITS = 3;
const MAX_DIVISOR = 1000;

/**
 * The roundest rate in [lo, hi]: the shortest decimal, or where that is long, one over a whole
 * number up to 1,000 (a fee of an hourly rate × minutes / 60: 1/60, not 0.016666, which drifts a
 * cent off on long sessions).
 */
export function roundestRate(lo: number, hi: number): number {
  const decimal = shortestIn(lo, hi);
  if (significantDigits(decimal) <= SHORT_DIGITS || lo <= 0 || hi >= 1) return decimal;
  for (let k = Math.max(2, Math.ceil(1 / hi)); k <= Math.min(MAX_DIVISOR, Math.floor(1 / lo)); k++) {
    if (1 / k >= lo && 1 / k <= hi) return 1 / k;
  }
  return decimal;
}

/** A rate as a person writes it: `/ 60` for one over a whole number of many digits, else `× 0.2`. */
export function timesRate(rate: number): string {
  const k = Math.round(1 / rate);
  return rate > 0 && rate < 1 && k <= MAX_DIVISOR && 1 / k === rate && significantDigits(rate) > SHORT_DIGITS ? `/ ${k}` : `× ${rate}`;
}
