// Rates: a column that is a fixed share of another (tax at 20 % of the net), or a share its
// category fixes (tax at 20 % in two regions and 10 % in a third).
import type { Rng } from '../util/rng';
import { boundRate, logPairChance, roundestRate, significantDigits } from './rateFit';
import type { Sum } from './longSums';
import { closeTo, floorTo, type RateRule } from './rules';
import { isModelled, type ColumnSchema } from './schema';
import type { Table } from './table';

const MIN_ROWS = 10;
const MIN_PAIRS = 3;
// A category with more values than this is not searched as what fixes a rate.
const MAX_LEVELS = 20;
const MAX_BY_COLUMNS = 20;

/** A rate found, by column index: `total = of × rate (+ base)`, the rate fixed or by the values of column `by`. */
export type FoundRate = { total: number; of: number; rates: Map<string | null, number>; by: number | null; bases?: Map<string | null, number>; down?: true };

/** What the search is given: the number columns (indices into `values`), their tolerances, and the sums already found. */
export interface RateSearch {
  table: Table;
  schema: ColumnSchema[];
  numeric: number[];
  values: Float64Array[];
  tolerances: number[];
  /** Sums found, and totals a sum or product already explains (searched for no rate). */
  sums: Sum[];
  explained: Set<number>;
  /**
   * Pairs of columns a product links, as `total,part` both ways: a rate between them (hours =
   * pay × a rate each employee fixes, beside pay = hours × an hourly rate that follows the
   * employee) is what the product gives, and is not searched.
   */
  linked: Set<string>;
  rng: Rng;
  maxLogChance: number;
  /** Whether column k is money: of a rate found both ways, money is written from the other (a charge from its hours). */
  money?: (k: number) => boolean;
}

/**
 * Rates every row obeys to the total's decimals, at odds below e^maxLogChance divided by the
 * pairs (and categories) searched. A rate fits where one number lies within every row's
 * interval [(t − ½ unit) / a, (t + ½ unit) / a]; the roundest there is taken (0.2, not
 * 0.2000013). Were the total independent of the column, a row would match a rate with the
 * chance that another row's total matches it, estimated from random pairs of rows; the rows
 * past the first of each category are the evidence, since the first sets its rate. A rate the
 * sums and rates taken already imply (total = net × 1.2 beside total = net + tax and tax =
 * net × 0.2) is left out; the roundest are taken first.
 */
export function rateRules(search: RateSearch): FoundRate[] {
  const { numeric, explained } = search;
  const pairs: [number, number][] = [];
  for (const t of numeric) for (const a of numeric) if (t !== a && !explained.has(t) && !search.linked.has(`${t},${a}`)) pairs.push([t, a]);
  const span = new Span(search.numeric);
  for (const s of search.sums) if ([s.total, ...s.parts, ...s.minus].every((k) => numeric.includes(k))) span.add(sumVector(s));
  const odds = search.maxLogChance - Math.log(Math.max(1, pairs.length));
  const fits = pairs.flatMap(([t, a]) => {
    const fit = fitRate(search, t, a, null, odds);
    return fit ? [fit] : [];
  });
  const money = search.money ?? (() => false);
  const backwards = (f: Fit) => money(f.rate.of) && !money(f.rate.total) && fits.some((g) => g.rate.total === f.rate.of && g.rate.of === f.rate.total);
  const fixed = fits.filter((f) => !backwards(f));
  const found: FoundRate[] = [];
  const totals = new Set<number>();
  for (const f of byRoundness(fixed, search.tolerances)) {
    const [lo, hi] = f.intervals.get(null)!;
    if (totals.has(f.rate.total) || span.implies(f.rate.total, f.rate.of, lo, hi)) continue;
    span.add(rateVector(f.rate.total, f.rate.of, f.rate.rates.get(null)!));
    totals.add(f.rate.total);
    found.push(f.rate);
  }
  // Rounded down where rounding to the nearest fails: a point for each whole pound paid.
  // Not between two numbers a rate to the nearest links either way (hours as a charge over 12.5).
  const near = new Set(fits.flatMap((f) => [`${f.rate.total},${f.rate.of}`, `${f.rate.of},${f.rate.total}`]));
  const downs = pairs.flatMap(([t, a]) => {
    const fit = totals.has(t) || near.has(`${t},${a}`) ? null : fitRate(search, t, a, null, odds, true);
    return fit ? [fit] : [];
  });
  for (const f of byRoundness(downs, search.tolerances)) {
    if (totals.has(f.rate.total)) continue;
    totals.add(f.rate.total);
    found.push({ ...f.rate, down: true });
  }
  const bys = byColumns(search);
  const byOdds = odds - Math.log(Math.max(1, bys.length));
  const byFits = bys.flatMap((by) => {
    const cells = search.table.columns[by];
    return pairs.flatMap(([t, a]) => {
      const fit = totals.has(t) ? null : fitRate(search, t, a, cells, byOdds);
      return fit ? [{ ...fit, rate: { ...fit.rate, by } }] : [];
    });
  });
  // Of a pair found both ways by one category (a fee by tutor from the minutes, and the minutes
  // from the fee), the roundest way: the other holds on every row the first does, at rates rounded apart.
  const reversed = (f: Fit) => found.some((r) => r.by === f.rate.by && r.total === f.rate.of && r.of === f.rate.total);
  for (const f of byRoundness(byFits, search.tolerances)) {
    if (totals.has(f.rate.total) || reversed(f) || impliedByLevel(span, found, f)) continue;
    totals.add(f.rate.total);
    found.push(f.rate);
  }
  return found;
}

/** A rate by category of two numbers' product: `total = of × times × rate by by`. */
export type ProductRate = { total: number; of: number; times: number; by: number | null; rates: Map<string | null, number> };

/** Number columns searched as the two factors of a rate by category, at most. */
const MAX_PRODUCT_COLUMNS = 16;

/**
 * Totals no product, formula or rate gives (`taken`) that are two numbers' product times a rate a
 * category fixes (a sum on one is turned to total another column): a subtotal of seats × price × 12 for annual billing and × 1 for monthly. As
 * a rate by category is found, with the product in place of one column, at odds divided by the
 * pairs of factors too.
 */
export function productRates(search: RateSearch, taken: Set<number>): ProductRate[] {
  const columns = search.numeric.slice(0, MAX_PRODUCT_COLUMNS);
  const bys = byColumns(search);
  const m = columns.length;
  const odds = search.maxLogChance - Math.log(Math.max(1, (m * (m - 1) * (m - 2) * (bys.length + 1)) / 2));
  const at = search.values.length;
  // Whether each column takes one number per value of each category, read once.
  const fixedBy = new Map(columns.map((k) => [k, new Set(bys.filter((by) => follows(search.values[k], search.table.columns[by])))]));
  // Each pair's product, made once for every total searched against it.
  const products = new Map<string, RateSearch>();
  const withProduct = (a: number, b: number): RateSearch => {
    const key = `${a},${b}`;
    if (!products.has(key)) products.set(key, { ...search, values: [...search.values, search.values[a].map((x, r) => x * search.values[b][r])] });
    return products.get(key)!;
  };
  const found: ProductRate[] = [];
  for (const t of columns) {
    if (taken.has(t)) continue;
    search: for (const a of columns) {
      for (const b of columns) {
        // Not of columns a product already ties to the total: hours = pay × wage × a rate by employee, beside pay = hours × wage.
        if (b <= a || a === t || b === t || search.linked.has(`${t},${a}`) || search.linked.has(`${t},${b}`)) continue;
        // A fixed rate first (a tourist tax of 0.88 a guest a night), then by each category.
        for (const by of [null, ...bys]) {
          // A factor the category fixes (a daily rate by car class) makes any rate of the other a rate of this kind.
          if (by !== null && (fixedBy.get(a)!.has(by) || fixedBy.get(b)!.has(by))) continue;
          const fit = fitRate(withProduct(a, b), t, at, by === null ? null : search.table.columns[by], odds);
          if (!fit) continue;
          found.push({ total: t, of: a, times: b, by, rates: fit.rate.rates });
          break search;
        }
      }
    }
  }
  return found;
}

/** Whether each value of `cells` holds one number of `xs` at most. */
function follows(xs: Float64Array, cells: (string | null)[]): boolean {
  const seen = new Map<string | null, number>();
  for (let r = 0; r < xs.length; r++) {
    if (Number.isNaN(xs[r])) continue;
    const held = seen.get(cells[r]);
    if (held === undefined) seen.set(cells[r], xs[r]);
    else if (held !== xs[r]) return false;
  }
  return true;
}

/** Category columns a rate may be fixed by. */
function byColumns(search: RateSearch): number[] {
  return search.schema
    .flatMap((c, i) => ((c.kind === 'categorical' || c.kind === 'boolean') && isModelled(c) && c.distinct >= 2 && c.distinct <= MAX_LEVELS ? [i] : []))
    .slice(0, MAX_BY_COLUMNS);
}

/** A found rate as the rule the user reads, with column names. */
export function rateRule(rate: FoundRate, name: (k: number) => string, schema: ColumnSchema[]): RateRule {
  const [total, of, bases] = [name(rate.total), name(rate.of), rate.bases];
  if (rate.by === null) return { kind: 'rate', total, of, rate: rate.rates.get(null)!, ...(bases && { base: bases.get(null)! }), ...(rate.down && { down: true }) };
  const byValue = (m: Map<string | null, number>) => Object.fromEntries([...m].map(([value, k]) => [value ?? '', k]));
  return { kind: 'rate', total, of, by: schema[rate.by].name, rates: byValue(rate.rates), ...(bases && { bases: byValue(bases) }) };
}

interface Fit {
  rate: FoundRate;
  /** Each category's interval of rates every row obeys. */
  intervals: Map<string | null, [number, number]>;
}

/** Fits taken exact totals first, then fewest significant digits, later totals first among equals (tables list what a column is built from first). */
function byRoundness(fits: Fit[], tolerances: number[]): Fit[] {
  // A rate of 0 counts as a digit, as it is written.
  const digits = (f: Fit) => [...f.rate.rates.values()].reduce((n, k) => n + Math.max(1, significantDigits(k)), 0);
  // A whole-number total holds within its half-unit by rounding: a count as a cost × 0.07 says
  // less than the cost as the count × 12.5, and is taken after it (and then left out as implied).
  const rounded = (f: Fit) => (f.rate.by === null && tolerances[f.rate.total] >= 0.5 ? 1 : 0);
  return [...fits].sort((x, y) => rounded(x) - rounded(y) || digits(x) - digits(y) || y.rate.total - x.rate.total);
}

/**
 * The rate (by category where `cells` is given) with which `t` = `a` × rate on every row with
 * both, where chance does not explain it; null otherwise. Rows with a blank category are not
 * allowed to hold both numbers: their rate would be unknown.
 */
function fitRate(search: RateSearch, t: number, a: number, cells: (string | null)[] | null, odds: number, down = false): Fit | null {
  const { values, tolerances, rng } = search;
  // Rounded down to its unit: the total is at most the product and less than a unit under it.
  // Its last decimal place, which the tolerance is half of (plus a hair).
  const unit = 10 ** Math.round(Math.log10(2 * tolerances[t]));
  // A whole-number total (half a unit of slack) takes a rate by category only where it holds
  // exactly: within its half-unit, rounding alone passes a quantity as a gross over a price by product.
  const [total, of, tol] = [values[t], values[a], cells && tolerances[t] >= 0.5 ? 1e-9 : tolerances[t]];
  const level = (r: number) => (cells ? cells[r] : null);
  const intervals = new Map<string | null, [number, number]>();
  const rows: number[] = [];
  for (let r = 0; r < total.length; r++) {
    const [y, x] = [total[r], of[r]];
    if (Number.isNaN(y + x)) continue;
    if (cells && cells[r] === null) return null;
    rows.push(r);
    if (x === 0) {
      if (Math.abs(y) > tol) return null;
      continue;
    }
    const bounds = down ? boundRate(intervals.get(level(r)) ?? [-Infinity, Infinity], x, y + unit / 2, unit / 2) : boundRate(intervals.get(level(r)) ?? [-Infinity, Infinity], x, y, tol);
    if (!bounds) return null;
    intervals.set(level(r), bounds);
  }
  const n = rows.length;
  if (n < MIN_ROWS || !varies(total, rows) || !varies(of, rows)) return null;
  const rates = new Map<string | null, number>();
  for (const [value, [lo, hi]] of intervals) {
    // A category whose totals are all 0 takes the rate 0 (billed nothing under warranty); a fixed rate never does.
    if (lo <= 0 && hi >= 0) {
      if (!cells) return null;
      rates.set(value, 0);
    } else rates.set(value, roundestRate(lo, hi));
  }
  // A category fixes the rate only where its rates differ; one rate for all is the fixed rate.
  if (cells && new Set(rates.values()).size < 2) return null;
  const matches = (y: number, x: number, k: number) => (down ? closeTo(y, floorTo(k * x, unit), 1e-9) : closeTo(y, k * x, tol));
  if (!rows.every((r) => matches(total[r], of[r], rates.get(level(r)) ?? 0))) return null;
  const chance = logPairChance(rows, (r, s) => matches(total[r], of[s], rates.get(level(r)) ?? 0), rng);
  // Two pairs of numbers repeated over many rows (a reference range's two ends by sex) fit some
  // rate within their rounding by chance: three at least, for each rate.
  const pairs = new Set(rows.map((r) => `${level(r)}\u0000${of[r]}\u0000${total[r]}`)).size;
  if (pairs < MIN_PAIRS * intervals.size) return null;
  if ((n - intervals.size) * chance >= odds) return null;
  return { rate: { total: t, of: a, rates, by: null }, intervals };
}

function varies(xs: Float64Array, rows: number[]): boolean {
  return rows.some((r) => xs[r] !== xs[rows[0]]);
}

/** Whether, on every category of a rate found by category, the sums, fixed rates and that category's rates found imply it. */
function impliedByLevel(base: Span, found: FoundRate[], fit: Fit): boolean {
  const { total, of, by } = fit.rate;
  for (const [value, [lo, hi]] of fit.intervals) {
    const span = base.copy();
    for (const r of found) if (r.by === by && r.rates.has(value)) span.add(rateVector(r.total, r.of, r.rates.get(value)!));
    if (!span.implies(total, of, lo, hi)) return false;
  }
  return true;
}

type Vector = Map<number, number>;
const sumVector = (s: Sum): Vector => new Map([[s.total, 1], ...s.parts.map((k) => [k, -1] as [number, number]), ...s.minus.map((k) => [k, 1] as [number, number])]);
const rateVector = (t: number, a: number, k: number): Vector => new Map([[t, 1], [a, -k]]);

/**
 * The linear equations among number columns taken so far (each sum and fixed rate is one), in
 * reduced row echelon form: it tells whether another equation follows from them.
 */
class Span {
  private readonly at: Map<number, number>;
  private rows: { pivot: number; coefs: Float64Array }[] = [];

  constructor(private readonly columns: number[]) {
    this.at = new Map(columns.map((k, i) => [k, i]));
  }

  copy(): Span {
    const span = new Span(this.columns);
    span.rows = this.rows.map((r) => ({ pivot: r.pivot, coefs: r.coefs.slice() }));
    return span;
  }

  add(equation: Vector): void {
    const v = this.reduce(this.dense(equation));
    let pivot = 0;
    for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[pivot])) pivot = i;
    if (Math.abs(v[pivot]) < 1e-9) return;
    const scale = v[pivot];
    for (let i = 0; i < v.length; i++) v[i] /= scale;
    for (const row of this.rows) {
      const f = row.coefs[pivot];
      if (f !== 0) for (let i = 0; i < v.length; i++) row.coefs[i] -= f * v[i];
    }
    this.rows.push({ pivot, coefs: v });
  }

  /** Whether t − k·a follows from the equations for some k in [lo, hi]. */
  implies(t: number, a: number, lo: number, hi: number): boolean {
    const [rt, ra] = [this.reduce(this.dense(new Map([[t, 1]]))), this.reduce(this.dense(new Map([[a, 1]])))];
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, xi, i) => s + xi * y[i], 0);
    const aa = dot(ra, ra);
    if (aa === 0) return false;
    const k = dot(rt, ra) / aa;
    const left = Math.sqrt(rt.reduce((s, x, i) => s + (x - k * ra[i]) ** 2, 0));
    const slack = 1e-9 * Math.max(Math.abs(lo), Math.abs(hi));
    return left <= 1e-6 * (Math.sqrt(dot(rt, rt)) + Math.abs(k) * Math.sqrt(aa)) && k >= lo - slack && k <= hi + slack;
  }

  private dense(equation: Vector): Float64Array {
    const v = new Float64Array(this.columns.length);
    for (const [k, c] of equation) v[this.at.get(k)!] += c;
    return v;
  }

  private reduce(v: Float64Array): Float64Array {
    for (const row of this.rows) {
      const f = v[row.pivot];
      if (f !== 0) for (let i = 0; i < v.length; i++) v[i] -= f * row.coefs[i];
    }
    return v;
  }
}
