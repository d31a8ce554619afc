// Sums of three or four columns: what a total is made of when two columns are not enough.
import { closeTo, type SumUnit, type TimeUnit } from './rules';

// Rows a three-part sum is first tried on, before every row.
const SCREEN_ROWS = 8;
// Rows looked through for the one a four-part search files its pairs by.
const ROWS_FOR_PAIRS = 500;
// At most this many parts of a four-part sum are taken away (a discount and a refund).
const MAX_TAKEN_AWAY = 2;

/** Whether t = combine(inputs) on every row and chance does not explain it, at odds below e^maxLogChance where given. */
export type Holds = (t: number, inputs: number[], combine: Combine, maxLogChance?: number) => boolean;

/** A sum found, by column index: total = Σ parts − Σ minus. */
export interface Sum {
  total: number;
  parts: number[];
  minus: number[];
  /** Where a date adds a number: what the number counts, days unless said. */
  unit?: SumUnit;
  /** Where a date adds two numbers: what each counts. */
  units?: TimeUnit[];
  /** Where a date adds days counted both ends in: the day before. */
  dayBefore?: true;
}

/** What a row's inputs give; NaN where one is not a number. */
export type Combine = (xs: number[]) => number;
/** Σ weights · xs: a sum, a date plus days (weight: a day in milliseconds), or a part taken away (−1). */
export const weighted =
  (weights: number[]): Combine =>
  (xs) => {
    let sum = 0;
    for (let k = 0; k < xs.length; k++) sum += weights[k] * xs[k];
    return sum;
  };
export const times: Combine = ([a, b]) => a * b;
/** a × b / 100: an amount from a price and a rate written in percent. */
export const percentOf: Combine = ([a, b]) => (a * b) / 100;
/** a × (100 − b) / 100: a price less a discount written in percent. */
export const percentOff: Combine = ([a, b]) => (a * (100 - b)) / 100;

/**
 * Sums of three columns, t = a + b + c or t = a + b − c (a price less a discount plus a fee),
 * among `numeric` columns (quartic in them, so fewer are searched than for two), at odds lowered
 * by the number of sets searched, as for four parts. A total two of
 * them already sum to is not searched again (a third part would be 0 on every row), and one
 * equation is listed once: `paid = price + fee − discount` is also `price = paid + discount −
 * fee`, and the later column in the table is taken for the total, as tables list what a column
 * is built from first. A `sparse` column, blank on most rows, is searched as the third part only.
 */
export function threePartSums(numeric: number[], found: Sum[], values: Float64Array[], tolerances: number[], holds: Holds, maxLogChance: number, sparse: number[] = []): Sum[] {
  const sums: Sum[] = [];
  // Each total is one of C(m − 1, 3) sets added up and 3 · C(m − 1, 3) with one taken away.
  const m = numeric.length + sparse.length;
  const odds = maxLogChance - Math.log(Math.max(1, (4 * m * (m - 1) * (m - 2) * (m - 3)) / 6));
  const used = new Set<string>();
  const key = (columns: number[]) => [...columns].sort((a, b) => a - b).join(',');
  const sumFor = (t: number, minus: boolean): Sum | null => {
    const [total, tol] = [values[t], tolerances[t]];
    for (const [x, i] of numeric.entries()) {
      for (const j of numeric.slice(x + 1)) {
        if (i === t || j === t) continue;
        // A few rows with t, a and b, where what is left must be ±c: most columns c fail on the
        // first of them, so the whole check runs on few (t, a, b, c) of the quartic many.
        const [a, b] = [values[i], values[j]];
        const screen: number[] = [];
        for (let r = 0; r < total.length && screen.length < SCREEN_ROWS; r++) if (!Number.isNaN(total[r] + a[r] + b[r])) screen.push(r);
        const sign = minus ? -1 : 1;
        const passes = (c: Float64Array) => screen.every((r) => Number.isNaN(c[r]) || closeTo(total[r], a[r] + b[r] + sign * c[r], tol));
        // A third part blank on most rows (a roaming charge beside a plan's fee) only as the last.
        for (const k of [...numeric, ...sparse]) {
          const ordered = minus || k > j || !numeric.includes(k);
          if (k === t || k === i || k === j || !ordered || !passes(values[k]) || (used.size > 0 && used.has(key([t, i, j, k])))) continue;
          if (holds(t, [i, j, k], weighted([1, 1, sign]), odds)) return minus ? { total: t, parts: [i, j], minus: [k] } : { total: t, parts: [i, j, k], minus: [] };
        }
      }
    }
    return null;
  };
  for (const minus of [false, true]) {
    for (const t of minus ? [...numeric].reverse() : numeric) {
      const sum = found.some((s) => s.total === t) || sums.some((s) => s.total === t) ? null : sumFor(t, minus);
      if (!sum) continue;
      sums.push(sum);
      used.add(key([sum.total, ...sum.parts, ...sum.minus]));
    }
  }
  return sums;
}

/**
 * Sums of four columns, each part added or taken away (at most two taken away): amount due =
 * line amount + tax + shipping − discount, for totals no shorter sum gives. Searched by meeting
 * in the middle on one row: every signed pair of columns is filed by its value there, and each
 * pair looks up the pairs that make up the rest, so the search is quadratic in columns rather
 * than quintic. The row is the one, of the first few hundred with the total, where most columns
 * hold a number other than 0; columns blank there are not searched. Each total is one of some
 * 11 · C(m − 1, 4) signed sets of the m columns, so the odds asked of chance are that much
 * lower. Later columns are tried as totals first, as for three parts.
 */
export function fourPartSums(numeric: number[], found: Sum[], values: Float64Array[], tolerances: number[], holds: Holds, maxLogChance: number): Sum[] {
  const sums: Sum[] = [];
  const used = new Set<string>();
  const key = (columns: number[]) => [...columns].sort((a, b) => a - b).join(',');
  const m = numeric.length;
  const sets = (m * (m - 1) * (m - 2) * (m - 3) * (m - 4)) / 24;
  const odds = maxLogChance - Math.log(Math.max(1, 11 * sets));
  for (const t of [...numeric].reverse()) {
    if (found.some((s) => s.total === t) || sums.some((s) => s.total === t)) continue;
    const others = numeric.filter((k) => k !== t);
    const row = rowForPairs(values, t, others);
    if (row < 0) continue;
    const columns = others.filter((k) => !Number.isNaN(values[k][row]));
    const tol = tolerances[t];
    const unit = Math.max(2 * tol, 1e-9);
    const bucket = (x: number) => Math.round(x / unit);
    const pairs: { columns: [number, number]; signs: [number, number]; value: number }[] = [];
    const filed = new Map<number, number[]>();
    for (const [x, i] of columns.entries()) {
      for (const j of columns.slice(x + 1)) {
        for (const signs of [[1, 1], [1, -1], [-1, 1], [-1, -1]] as [number, number][]) {
          const value = signs[0] * values[i][row] + signs[1] * values[j][row];
          const b = bucket(value);
          const same = filed.get(b);
          if (same) same.push(pairs.length);
          else filed.set(b, [pairs.length]);
          pairs.push({ columns: [i, j], signs, value });
        }
      }
    }
    const total = values[t][row];
    const sumFor = (): Sum | null => {
      for (const [p, first] of pairs.entries()) {
        const rest = total - first.value;
        for (const b of [bucket(rest) - 1, bucket(rest), bucket(rest) + 1]) {
          for (const q of filed.get(b) ?? []) {
            const second = pairs[q];
            if (q <= p || Math.abs(rest - second.value) > tol + Math.abs(total) * 1e-12) continue;
            const inputs = [...first.columns, ...second.columns];
            const signs = [...first.signs, ...second.signs];
            if (new Set(inputs).size < 4 || signs.filter((s) => s < 0).length > MAX_TAKEN_AWAY) continue;
            if ((used.size > 0 && used.has(key([t, ...inputs]))) || !holds(t, inputs, weighted(signs), odds)) continue;
            const ordered = inputs.map((k, n) => [k, signs[n]]).sort((a, b) => a[0] - b[0]);
            return { total: t, parts: ordered.filter(([, s]) => s > 0).map(([k]) => k), minus: ordered.filter(([, s]) => s < 0).map(([k]) => k) };
          }
        }
      }
      return null;
    };
    const sum = sumFor();
    if (!sum) continue;
    sums.push(sum);
    used.add(key([sum.total, ...sum.parts, ...sum.minus]));
  }
  return sums;
}

/** Of the first rows holding the total, the one where most of `others` hold a number other than 0; −1 if none. */
function rowForPairs(values: Float64Array[], t: number, others: number[]): number {
  let [best, most] = [-1, -1];
  let seen = 0;
  for (let r = 0; r < values[t].length && seen < ROWS_FOR_PAIRS; r++) {
    if (Number.isNaN(values[t][r])) continue;
    seen++;
    let held = 0;
    for (const k of others) if (values[k][r] !== 0 && !Number.isNaN(values[k][r])) held++;
    if (held > most) [best, most] = [r, held];
  }
  return best;
}

/**
 * Sums rewritten so that no column is the total of two formulas, as a column is built at most
 * once: a sum whose total a product, a rate (`claimed`, by total with what it is built from) or
 * an earlier sum already gives takes its latest free input as total instead (amount = discount +
 * net, beside amount = units × price, becomes net = amount − discount), where it holds to that
 * column's decimals. So does a sum whose total a claimed part is built from, which would go round
 * in a circle (gross = tax + pension + net, beside pension = gross × 5 %, becomes net = gross −
 * tax − pension). A sum none of whose inputs can be its total is left out, as is a date plus
 * days (`dated`, by total) whose total is claimed.
 */
/**
 * The sum `total = parts − minus` with `column` as its total: a part p = total + minus − (the
 * other parts); a column taken away m = parts − total − (the others taken away).
 */
export function turnSum<T>(sum: { total: T; parts: T[]; minus: T[] }, column: T): { total: T; parts: T[]; minus: T[] } {
  const { total, parts, minus } = sum;
  return parts.includes(column)
    ? { total: column, parts: [total, ...minus], minus: parts.filter((p) => p !== column) }
    : { total: column, parts, minus: [total, ...minus.filter((m) => m !== column)] };
}

export function oneTotalEach(sums: Sum[], claimed: Map<number, number[]>, dated: Set<number>, holds: (sum: Sum) => boolean): Sum[] {
  const taken = new Set(claimed.keys());
  const out: Sum[] = [];
  // Columns a claimed column among `columns` is built from, through other claimed columns too
  // (a levy on a pension on the gross): none of them may total the sum.
  const feeding = (columns: number[]) => {
    const found = new Set<number>();
    const next = columns.flatMap((k) => claimed.get(k) ?? []);
    while (next.length > 0) {
      const k = next.pop()!;
      if (found.has(k)) continue;
      found.add(k);
      next.push(...(claimed.get(k) ?? []));
    }
    return found;
  };
  for (const s of sums) {
    const feeds = feeding([...s.parts, ...s.minus]);
    if (!taken.has(s.total) && !feeds.has(s.total)) {
      out.push(s);
      taken.add(s.total);
      continue;
    }
    if (dated.has(s.total)) continue;
    const byIndex = (a: number, b: number) => a - b;
    // The new total must hold to its own decimals, which may be finer than the old total's.
    const rewritten = [...s.parts, ...s.minus]
      .filter((k) => !taken.has(k) && !feeds.has(k))
      .sort((a, b) => b - a)
      .map((total) => {
        // The side the old total joins is kept in column order.
        const turned = turnSum(s, total);
        const inOrder = (ks: number[]) => (ks.includes(s.total) ? [...ks].sort(byIndex) : ks);
        return { total, parts: inOrder(turned.parts), minus: inOrder(turned.minus) };
      })
      .find(holds);
    if (!rewritten) continue;
    out.push(rewritten);
    taken.add(rewritten.total);
  }
  return out;
}
