import { upperBound } from './excess';
import { roundCutoff } from './findSteps';
import { isModelled, type ColumnSchema } from './schema';

/**
 * `column` is a continuous function of `of` made of straight pieces: a tax in brackets (0 up to
 * 1,000, a fifth of each unit to 4,000, two fifths above), a fee capped at 40 (a quarter a day
 * up to 160 days, then 40), or a single line with a base (a fare of 2.50 plus 1.80 a km). The
 * pieces meet at `cutoffs`; `slopes` has one more entry than `cutoffs`; `at` is the value at the
 * first cutoff, or at 0 where there is none.
 */
export type BracketsRule = { kind: 'brackets'; column: string; of: string; at: number; cutoffs: number[]; slopes: number[] };

/** What a brackets rule gives where its `of` column reads `x`. */
export function bracketsOf(rule: Pick<BracketsRule, 'at' | 'cutoffs' | 'slopes'>, x: number): number {
  const { at, cutoffs, slopes } = rule;
  if (cutoffs.length === 0) return at + slopes[0] * x;
  if (x <= cutoffs[0]) return at + slopes[0] * (x - cutoffs[0]);
  let y = at;
  for (let k = 0; k < cutoffs.length; k++) {
    const end = k + 1 < cutoffs.length ? cutoffs[k + 1] : Infinity;
    y += slopes[k + 1] * (Math.min(x, end) - cutoffs[k]);
    if (x <= end) break;
  }
  return y;
}

/** `Fare = 2.50 + Distance × 1.8`; `Tax by brackets of Gross: × 0 up to 1,000, × 0.2 from 1,000 to 4,000, × 0.4 above 4,000; 0.00 at 1,000`. */
export function describeBrackets(rule: BracketsRule, write: (column: string, x: number) => string): string {
  const { column, of, at, cutoffs, slopes } = rule;
  if (cutoffs.length === 0) {
    if (at === 0) return `${column} = ${of} × ${slopes[0]}`;
    return `${column} = ${at < 0 ? `${of} × ${slopes[0]} − ${write(column, -at)}` : `${write(column, at)} + ${of} × ${slopes[0]}`}`;
  }
  const cut = (k: number) => write(of, cutoffs[k]);
  const pieces = slopes.map((s, k) => (k === 0 ? `× ${s} up to ${cut(0)}` : k === cutoffs.length ? `× ${s} above ${cut(k - 1)}` : `× ${s} from ${cut(k - 1)} to ${cut(k)}`));
  return `${column} by brackets of ${of}: ${pieces.join(', ')}; ${write(column, at)} at ${cut(0)}`;
}

/** A brackets rule from its JSON entry, or null where the entry is not one. */
export function parseBrackets(e: Record<string, unknown>): BracketsRule | null {
  const { column, of, at, cutoffs, slopes } = e;
  if (e.kind !== 'brackets' || typeof column !== 'string' || typeof of !== 'string' || column === '' || of === '') return null;
  const finite = (xs: unknown): xs is number[] => Array.isArray(xs) && xs.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (typeof at !== 'number' || !Number.isFinite(at) || !finite(cutoffs) || !finite(slopes) || slopes.length !== cutoffs.length + 1) return null;
  if (cutoffs.some((c, k) => k > 0 && c <= cutoffs[k - 1])) return null;
  return { kind: 'brackets', column, of, at, cutoffs: [...cutoffs], slopes: [...slopes] };
}

/** The most pieces a rule is searched with, and the fewest distinct values of `of` each piece holds. */
const MAX_PIECES = 4;
const MIN_PIECE = 5;
const MAX_NUMBERS = 40;
/** Significant digits a slope is read to, at most: a rate of 0.2, 1.8 or 0.0825. */
const MAX_DIGITS = 8;
/** Points moved from the end of one piece to the next, at most, before the fit gives up. */
const MAX_MOVED = 3;

/**
 * Number columns that are a function of another in at most four straight pieces that meet, on
 * every row with both numbers, to the column's decimals: a tax in brackets, a capped fee, a fare
 * with a base. Each piece holds five distinct values of the other column at least. Were the two
 * independent, each row beyond the two that fix each piece would land on its piece with chance p
 * (the share of the column's values within its tolerance of the value the piece gives there);
 * proposed where that many rows' ln p is below `maxLogChance` less the pairs searched.
 * `tolerance(i)` is half a unit of column i's last decimal; `skip` names columns another rule
 * writes, `tied(a, b)` whether another rule writes b from a (a circle).
 */
export function bracketsRules(
  numbers: ColumnSchema[],
  values: Float64Array[],
  tolerance: (i: number) => number,
  maxLogChance: number,
  skip: Set<string>,
  tied: (a: string, b: string) => boolean,
): BracketsRule[] {
  const picked = numbers.flatMap((c, i) => (isModelled(c) && c.kind === 'numeric' ? [i] : [])).slice(0, MAX_NUMBERS);
  const odds = maxLogChance - Math.log(Math.max(1, picked.length * (picked.length - 1)));
  // Each column's rows in the order of its values, sorted once for every column searched against it.
  const orders = new Map(picked.map((x) => [x, sortedRows(values[x])]));
  const found: { rule: BracketsRule; digits: number }[] = [];
  for (const t of picked) {
    if (skip.has(numbers[t].name)) continue;
    for (const x of picked) {
      if (x === t || tied(numbers[t].name, numbers[x].name)) continue;
      // A whole-number column holds exactly; a decimal one within half its last unit (and a hair for sums in floating point).
      const tol = tolerance(t) >= 0.5 ? 1e-9 : tolerance(t) * (1 + 1e-9);
      const fit = fitBrackets(values[x], values[t], tol, orders.get(x));
      if (!fit || chanceOf(fit, values[x], values[t], tol) >= odds) continue;
      const rule: BracketsRule = { kind: 'brackets', column: numbers[t].name, of: numbers[x].name, ...fit.rule };
      found.push({ rule, digits: [rule.at, ...rule.slopes, ...rule.cutoffs].reduce((sum, v) => sum + digitsOf(v), 0) });
    }
  }
  // Of a pair found both ways (a fare from km, km from the fare), the way with the shorter numbers; one rule a column.
  const rules: BracketsRule[] = [];
  for (const { rule } of found.sort((a, b) => a.digits - b.digits)) {
    if (rules.some((r) => r.column === rule.column || (r.column === rule.of && r.of === rule.column))) continue;
    rules.push(rule);
  }
  return rules;
}

type Fit = { rule: Pick<BracketsRule, 'at' | 'cutoffs' | 'slopes'>; points: number };

/**
 * The pieces `ys` makes over `xs`, where one function in at most four meeting pieces gives
 * every y within `tol`: null where a row's x gives two ys, where the pieces do not meet, or
 * where a single piece would be a plain rate or a constant (another rule's to say).
 */
export function fitBrackets(xs: Float64Array, ys: Float64Array, tol: number, order = sortedRows(xs)): Fit | null {
  const points = pointsOf(xs, ys, tol, order);
  if (!points || points.length < 2 * MIN_PIECE) return null;
  const pieces = splitPieces(points, tol);
  if (!pieces) return null;
  const lines = linesOf(pieces, tol);
  // A thin piece shows nothing, but at an end, flat, it is a floor or a cap (no tax below 1,000).
  const shown = (k: number) => pieces[k].length >= MIN_PIECE || ((k === 0 || k === pieces.length - 1) && pieces.length > 1 && lines?.[k].slope === 0);
  if (!lines || pieces.some((_, k) => !shown(k))) return null;
  const [slopes, bases] = [lines.map((l) => l!.slope), lines.map((l) => l!.base)];
  if (slopes.some((s, k) => k > 0 && s === slopes[k - 1])) return null;
  if (slopes.length === 1 && (slopes[0] === 0 || bases[0] === 0)) return null;
  // Where two pieces meet: it must lie between the last x of one and the first of the next.
  const meets: number[] = [];
  for (let k = 1; k < pieces.length; k++) {
    const meet = (bases[k] - bases[k - 1]) / (slopes[k - 1] - slopes[k]);
    const [last, first] = [pieces[k - 1][pieces[k - 1].length - 1][0], pieces[k][0][0]];
    const span = Math.max(1e-9, first - last) * 1e-6;
    if (!(meet >= last - span && meet <= first + span)) return null;
    meets.push(meet);
  }
  const gives = (rule: Fit['rule']) => xs.every((x, r) => Number.isNaN(x + ys[r]) || Math.abs(ys[r] - bracketsOf(rule, x)) <= tol);
  // Read as plainly as the rows allow (a cap from 5.714286 kWc at 2,000, not from 5.7142855 at
  // 1999.999925): each cutoff within a quarter of the tolerance of where its pieces meet, its
  // value the roundest both pieces give there; else as they meet.
  for (const plain of [true, false]) {
    const cutoffs = meets.map((meet, i) => {
      const k = i + 1;
      const [last, first] = [pieces[k - 1][pieces[k - 1].length - 1][0], pieces[k][0][0]];
      const slack = plain ? (0.25 * tol) / Math.abs(slopes[k - 1] - slopes[k]) : Math.max(1e-9, first - last) * 1e-6;
      const low = Math.max(last, meet - slack);
      // A round number, the last x itself included (a fee capped from 160 days on).
      return roundCutoff(low - 1e-12 * Math.max(1, Math.abs(low)), Math.min(first, meet + slack));
    });
    const ends = cutoffs.length === 0 ? [bases[0], bases[0]] : [bases[0] + slopes[0] * cutoffs[0], bases[1] + slopes[1] * cutoffs[0]];
    const at = plain ? roundCutoff(Math.min(...ends) - 0.25 * tol, Math.max(...ends) + 0.25 * tol) : Number(ends[0].toPrecision(12));
    const rule = { at, cutoffs, slopes };
    if (gives(rule)) return { rule, points: points.length };
  }
  return null;
}

/** Row numbers in the order of `xs`, blanks (NaN) last. */
function sortedRows(xs: Float64Array): Uint32Array {
  const rows = Uint32Array.from(xs.keys());
  return rows.sort((a, b) => (Number.isNaN(xs[a]) ? 1 : Number.isNaN(xs[b]) ? -1 : xs[a] - xs[b]));
}

/** The distinct xs in order, each with its y; null where one x has two ys further apart than 2 tol. */
function pointsOf(xs: Float64Array, ys: Float64Array, tol: number, order: Uint32Array): [number, number][] | null {
  const points: [number, number][] = [];
  for (const r of order) {
    const [x, y] = [xs[r], ys[r]];
    if (Number.isNaN(x + y)) continue;
    const last = points[points.length - 1];
    if (last && last[0] === x) {
      if (Math.abs(last[1] - y) > 2 * tol) return null;
    } else points.push([x, y]);
  }
  return points;
}

/**
 * Runs of points each on one line within tol: a line through the run's first point may pass
 * within 2 tol of the others (its own y is off by tol at most), so its slope is kept within the
 * range every point so far allows, and a point outside that range starts the next run.
 */
function splitPieces(points: [number, number][], tol: number): [number, number][][] | null {
  const pieces: [number, number][][] = [];
  let start = 0;
  while (start < points.length) {
    if (pieces.length === MAX_PIECES) return null;
    const [x0, y0] = points[start];
    let [low, high] = [-Infinity, Infinity];
    let end = start + 1;
    for (; end < points.length; end++) {
      const [x, y] = points[end];
      const [a, b] = [(y - 2 * tol - y0) / (x - x0), (y + 2 * tol - y0) / (x - x0)];
      if (Math.max(low, a) > Math.min(high, b)) break;
      [low, high] = [Math.max(low, a), Math.min(high, b)];
    }
    pieces.push(points.slice(start, end));
    start = end;
  }
  return pieces;
}

/**
 * Each piece's line. A run can take a point or two past where its line bends (within 2 tol of a
 * line through its first point, not within tol of any): those go to the next piece.
 */
function linesOf(pieces: [number, number][][], tol: number): { slope: number; base: number }[] | null {
  const lines: { slope: number; base: number }[] = [];
  for (let k = 0; k < pieces.length; k++) {
    let line = roundLine(pieces[k], tol);
    for (let moved = 0; !line && k + 1 < pieces.length && moved < MAX_MOVED && pieces[k].length > MIN_PIECE; moved++) {
      pieces[k + 1].unshift(pieces[k].pop()!);
      line = roundLine(pieces[k], tol);
    }
    if (!line) return null;
    lines.push(line);
  }
  return lines;
}

/**
 * The line through a piece's points within tol, its slope read to as few digits as hold it (0.2,
 * not 0.19999981) and its base likewise: null where no line holds every point.
 */
function roundLine(points: [number, number][], tol: number): { slope: number; base: number } | null {
  const n = points.length;
  const [mx, my] = [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
  let [sxy, sxx] = [0, 0];
  for (const [x, y] of points) [sxy, sxx] = [sxy + (x - mx) * (y - my), sxx + (x - mx) ** 2];
  const fitted = sxx === 0 ? 0 : sxy / sxx;
  for (let digits = 1; digits <= MAX_DIGITS + 1; digits++) {
    const slope = digits > MAX_DIGITS ? fitted : fitted === 0 ? 0 : Number(fitted.toPrecision(digits));
    // The bases that keep every point within tol, for this slope.
    let [low, high] = [-Infinity, Infinity];
    for (const [x, y] of points) [low, high] = [Math.max(low, y - slope * x - tol), Math.min(high, y - slope * x + tol)];
    if (low <= high) return { slope, base: roundCutoff(low, high) };
  }
  return null;
}

/** ln of the chance that rows of two independent columns fall on the pieces as these do. */
function chanceOf(found: Fit, xs: Float64Array, ys: Float64Array, tol: number): number {
  const present = Float64Array.from(ys.filter((y, r) => !Number.isNaN(y + xs[r]))).sort();
  const within = (from: number, to: number) => upperBound(present, to) - upperBound(present, from - 1e-12);
  let p = 0;
  for (let r = 0; r < xs.length; r++) {
    if (Number.isNaN(xs[r] + ys[r])) continue;
    const y = bracketsOf(found.rule, xs[r]);
    p += within(y - tol, y + tol) / present.length;
  }
  p /= present.length;
  const free = found.points - 2 * found.rule.slopes.length;
  return free * Math.log(Math.max(p, 1e-300));
}

/** Significant digits of `x` as written to 12: 0.2 has 1, 1,000 has 1, 0.0825 has 3. */
function digitsOf(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12)).toExponential().split('e')[0].replace(/[-.]/g, '').length;
}
