import type { Rng } from '../util/rng';

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
