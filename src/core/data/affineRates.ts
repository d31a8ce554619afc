// A rate plus a fixed amount: a card fee of 1.4 % + 0.20, a taxi fare of 3.50 + 1.80 a mile, a
// fee a payment method fixes (1.4 % + 0.20 by card, nothing by bank transfer).
import type { Rng } from '../util/rng';
import type { FoundRate } from './findRates';
import { boundRate, gridAround, leastSquares, logPairChance, shortestIn, significantDigits } from './rateFit';
import { closeTo } from './rules';
import type { Table } from './table';

/**
 * Rows the seed must hold with both numbers, and distinct numbers (and totals) in each
 * category's line: two points fit any line, and a number of few values (a term of 12, 36 or 60
 * months) fixes the total as a lookup, which says it for any shape.
 */
const MIN_ROWS = 10;
const MIN_POINTS = 5;
/** Bases tried on each side of the least-squares one, in units of the total's last decimal. */
const BASE_STEPS = 6;
const MAX_COLUMNS = 20;
const MAX_LEVELS = 8;

export interface AffineSearch {
  table: Table;
  /** Number columns searched, category columns a line may follow. */
  numbers: number[];
  categories: number[];
  values: Float64Array[];
  tolerances: number[];
  rng: Rng;
  maxLogChance: number;
  /** The columns of each sum found, and whether a rate found already gives column u from a. */
  sums: number[][];
  rated: (u: number, a: number) => boolean;
}

/** Each category's line: rate and base. */
type Line = { rate: number; base: number };

/**
 * Totals none of `taken` that are another number times a rate plus a fixed base, on every row
 * with both, to the total's decimals: one line for all rows, or one a category fixes (where the
 * category's rows all hold 0, the line is 0). A line needs five distinct numbers in each
 * category. The base is sought on the total's unit around the
 * least-squares one and the rate is the roundest its rows allow. Were the total independent of
 * the number, a row would match with the chance that another row's number gives its total
 * (random pairs of rows); the rows past two of each line are the evidence, proposed below
 * e^maxLogChance over the pairs and categories searched. `tied(t, a)`: another rule ties them already.
 */
export function affineRates(search: AffineSearch, taken: Set<number>, tied: (t: number, a: number) => boolean): FoundRate[] {
  const columns = search.numbers.slice(0, MAX_COLUMNS);
  const bys = search.categories.filter((k) => new Set(search.table.columns[k]).size <= MAX_LEVELS);
  const odds = search.maxLogChance - Math.log(Math.max(1, columns.length * columns.length * (bys.length + 1)));
  const fits: { rate: FoundRate; digits: number; loose: number }[] = [];
  for (const t of columns) {
    if (taken.has(t)) continue;
    search: for (const by of [null, ...bys]) {
      for (const a of columns) {
        if (a === t || tied(t, a)) continue;
        const lines = fitLines(search, t, a, by === null ? null : search.table.columns[by], odds);
        if (!lines) continue;
        const rates = new Map([...lines].map(([v, l]) => [v, l.rate]));
        const bases = new Map([...lines].map(([v, l]) => [v, l.base]));
        fits.push({ rate: { total: t, of: a, by, rates, bases }, digits: [...lines.values()].reduce((n, l) => n + digits(l), 0), loose: looseness(search, t) });
        break search;
      }
    }
  }
  // Of a line found both ways (°F from °C and °C from °F), the one that pins its total the
  // tighter: a fare to the penny from a length, not a length to 0.1 m from the fare (which holds
  // only within that rounding). Then the roundest first, and not one a sum of three makes of
  // another line (net = amount − fee, beside the fee's line from the amount).
  const found: FoundRate[] = [];
  const lineOf = (u: number, a: number) => found.some((f) => f.total === u && f.of === a) || search.rated(u, a);
  const implied = ({ total: t, of: a }: FoundRate) => search.sums.some((cols) => cols.length === 3 && cols.includes(t) && cols.includes(a) && cols.some((u) => u !== t && u !== a && lineOf(u, a)));
  const reverse = (f: (typeof fits)[number]) => fits.find((g) => g.rate.total === f.rate.of && g.rate.of === f.rate.total);
  const tighter = fits.filter((f) => {
    const g = reverse(f);
    return !g || f.loose < g.loose || (f.loose === g.loose && f.digits <= g.digits);
  });
  for (const { rate } of tighter.sort((x, y) => x.digits - y.digits)) {
    if (!found.some((f) => f.total === rate.of && f.of === rate.total) && !implied(rate)) found.push(rate);
  }
  return found;
}

/** A total's rounding against its spread: how loosely a line of it is pinned. */
function looseness(search: AffineSearch, t: number): number {
  let [lo, hi] = [Infinity, -Infinity];
  for (const x of search.values[t]) if (!Number.isNaN(x)) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
  return search.tolerances[t] / Math.max(hi - lo, 1e-12);
}

function fitLines(search: AffineSearch, t: number, a: number, cells: (string | null)[] | null, odds: number): Map<string | null, Line> | null {
  // A whole-number total holds within its half-unit by rounding alone on few numbers: a line of it must hold exactly.
  const [total, of, half] = [search.values[t], search.values[a], search.tolerances[t]];
  const [tol, decimals] = [half >= 0.5 ? 1e-9 : half, Math.max(0, Math.round(-Math.log10(2 * half)))];
  const groups = new Map<string | null, number[]>();
  for (let r = 0; r < total.length; r++) {
    if (Number.isNaN(total[r] + of[r])) continue;
    const level = cells ? cells[r] : null;
    if (cells && level === null) return null;
    const at = groups.get(level);
    if (at) at.push(r);
    else groups.set(level, [r]);
  }
  const rows = [...groups.values()].flat();
  if (rows.length < MIN_ROWS) return null;
  const lines = new Map<string | null, Line>();
  for (const [level, at] of groups) {
    const line = at.every((r) => Math.abs(total[r]) <= tol) && cells ? { rate: 0, base: 0 } : fitLine(at, total, of, tol, decimals);
    if (!line) return null;
    lines.set(level, line);
  }
  // Some line must have a base, and a category's lines must differ: else a plain rate says it.
  if (![...lines.values()].some((l) => l.base !== 0)) return null;
  if (cells && new Set([...lines.values()].map((l) => `${l.rate} ${l.base}`)).size < 2) return null;
  const lineOf = (r: number) => lines.get(cells ? cells[r] : null)!;
  const matches = (y: number, x: number, l: Line) => closeTo(y, l.rate * x + l.base, tol);
  const chance = logPairChance(rows, (r, s) => matches(total[r], of[s], lineOf(r)), search.rng);
  const evidence = rows.length - 2 * lines.size;
  return evidence * chance < odds ? lines : null;
}

/** The roundest line through every row within `tol`, its base to the total's `decimals`; null where none, or too few points. */
function fitLine(rows: number[], total: Float64Array, of: Float64Array, tol: number, decimals: number): Line | null {
  // Totals of a few values are a lookup's: a plan's price of 44.99 is 45 less 0.002 × a box's
  // 4.5–5.5 kg to the cent, and such a line left skipped boxes (no weight) with no price.
  if (new Set(rows.map((r) => of[r])).size < MIN_POINTS || new Set(rows.map((r) => total[r])).size < MIN_POINTS) return null;
  const { slope, mx, my } = leastSquares(rows, of, total);
  let best: Line | null = null;
  for (const base of gridAround(Math.round((my - slope * mx) * 10 ** decimals), decimals, BASE_STEPS)) {
    let bounds: [number, number] | null = [-Infinity, Infinity];
    for (const r of rows) if (bounds) bounds = boundRate(bounds, of[r], total[r] - base, tol);
    if (!bounds || !Number.isFinite(bounds[0] + bounds[1])) continue;
    const rate = shortestIn(bounds[0], bounds[1]);
    if (!rows.every((r) => closeTo(total[r], rate * of[r] + base, tol))) continue;
    const line = { rate, base };
    if (!best || digits(line) < digits(best)) best = line;
  }
  return best;
}

const digits = (l: Line) => significantDigits(l.rate) + significantDigits(l.base);
